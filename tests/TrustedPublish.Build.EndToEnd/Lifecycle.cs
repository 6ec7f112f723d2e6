using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// What every kind of project must do, checked the same way for each: generate; leave files and timestamps
/// alone on a no-op rebuild; fail verify at the line of a hand edit; write nothing with CI=true; and stop
/// with a clear error, leaving the file as it was, when package.json is broken.
/// </summary>
public static class Lifecycle
{
    public static void Check(ConsumerRepository repo, string project, string packageJson)
    {
        var packageJsonPath = repo.Path_(packageJson);

        // Generation.
        var first = repo.Dotnet("build", project);
        ConsumerRepository.AssertSucceeded(first);
        Assert.IsTrue(File.Exists(repo.WorkflowPath), first.All);
        Assert.AreEqual(1, Regex.Matches(first.Output, "Organization or user").Count, "the registration is printed once\n" + first.Output);
        StringAssert.Contains(File.ReadAllText(packageJsonPath), "\"url\": \"git+https://github.com/Acme-Org/hello-npm.git\"");
        NodeJudge.AssertWorkflowsClean(repo.WorkflowPath);

        // A no-op rebuild leaves files and timestamps alone.
        var workflowTime = File.GetLastWriteTimeUtc(repo.WorkflowPath);
        var packageTime = File.GetLastWriteTimeUtc(packageJsonPath);
        var workflowBytes = File.ReadAllBytes(repo.WorkflowPath);
        var packageBytes = File.ReadAllBytes(packageJsonPath);
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build", project));
        Assert.AreEqual(workflowTime, File.GetLastWriteTimeUtc(repo.WorkflowPath));
        Assert.AreEqual(packageTime, File.GetLastWriteTimeUtc(packageJsonPath));

        // A hand edit: verify fails with its code at the edited line.
        var lines = File.ReadAllLines(repo.WorkflowPath).ToList();
        var edited = lines.FindIndex(l => l.Contains("persist-credentials: false", StringComparison.Ordinal));
        lines[edited] = lines[edited].Replace("false", "true", StringComparison.Ordinal);
        File.WriteAllText(repo.WorkflowPath, string.Join("\n", lines) + "\n");
        var verify = repo.Dotnet("build", project, "-t:TrustedPublishVerify");
        var error = ConsumerRepository.AssertError(verify, "TPB030", "publish.yml");
        Assert.AreEqual((edited + 1).ToString(), error.Groups["line"].Value);

        // CI=true writes nothing, and fails on the drift.
        var handEdited = File.ReadAllBytes(repo.WorkflowPath);
        ConsumerRepository.AssertError(repo.DotnetCI("build", project), "TPB030", "publish.yml");
        CollectionAssert.AreEqual(handEdited, File.ReadAllBytes(repo.WorkflowPath));
        CollectionAssert.AreEqual(packageBytes, File.ReadAllBytes(packageJsonPath));

        // Back to generated; then a broken package.json: a clear error, and the file as it was.
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build", project));
        CollectionAssert.AreEqual(workflowBytes, File.ReadAllBytes(repo.WorkflowPath));
        var broken = File.ReadAllText(packageJsonPath).Replace("\"version\"", "\"version\" \"oops\"", StringComparison.Ordinal);
        File.WriteAllText(packageJsonPath, broken);
        ConsumerRepository.AssertError(repo.Dotnet("build", project), "TPB020", "package.json");
        Assert.AreEqual(broken, File.ReadAllText(packageJsonPath));
    }
}
