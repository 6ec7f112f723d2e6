using System;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// The errors the MSBuild layer raises (the project's folders, reading and writing files, ownership), each with a
/// repository that fires it and the near-identical one that does not, through the tasks run in-process.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TaskTests
{
    private static void AssertOnly(string code, (bool Succeeded, InProcessTask Engine) run, string? fileEnd = null, int? line = null)
    {
        Assert.IsFalse(run.Succeeded, $"{code} expected, but the task succeeded:\n{run.Engine.Log}");
        CollectionAssert.AreEqual(new[] { code }, run.Engine.ErrorCodes.ToArray(), run.Engine.Log);
        var error = run.Engine.Errors.Single();
        if (fileEnd != null)
        {
            StringAssert.EndsWith(error.File, fileEnd, run.Engine.Log);
        }

        if (line != null)
        {
            Assert.AreEqual(line, error.LineNumber, run.Engine.Log);
        }

        Assert.IsFalse(error.Message!.Contains("   at ", StringComparison.Ordinal), "no stack trace");
    }

    private static void AssertClean((bool Succeeded, InProcessTask Engine) run) =>
        Assert.IsTrue(run.Succeeded && !run.Engine.Errors.Any(), run.Engine.Log);

    [TestMethod]
    public void Baseline_GeneratesThenVerifies()
    {
        using var repo = new TaskRepository();
        AssertClean(repo.Generate());
        Assert.IsTrue(File.Exists(repo.WorkflowPath));
        AssertClean(repo.Verify());
        AssertClean(repo.Doctor());
    }

    [TestMethod]
    [DataRow(false, DisplayName = "fires: pkg holds no package.json")]
    [DataRow(true, DisplayName = "near miss: pkg holds one")]
    public void TPB001_PackageDirectoryWithoutPackageJson_AtThePropertysLine(bool present)
    {
        using var repo = new TaskRepository("<TrustedPublishPackageDirectory>pkg</TrustedPublishPackageDirectory>");
        Directory.CreateDirectory(repo.Path_("pkg"));
        if (present)
        {
            File.WriteAllText(repo.Path_("pkg/package.json"), TaskRepository.PackageJson);
        }

        repo.Metadata["PackageDirectory"] = repo.Path_("pkg") + Path.DirectorySeparatorChar;
        repo.Metadata["PackageDirectoryProperty"] = "pkg";
        if (present)
        {
            AssertClean(repo.Generate());
        }
        else
        {
            AssertOnly("TPB001", repo.Generate(), "widget.csproj", 3);
        }
    }

    [TestMethod]
    [DataRow("", "TPB012", DisplayName = "fires: no repository root")]
    [DataRow("root", null, DisplayName = "near miss: a root")]
    public void TPB012_NoRepositoryRoot(string root, string? code)
    {
        using var repo = new TaskRepository();
        repo.Metadata["RepositoryRoot"] = root == "" ? "" : repo.Root + Path.DirectorySeparatorChar;
        if (code == null)
        {
            AssertClean(repo.Generate());
        }
        else
        {
            AssertOnly(code, repo.Generate(), "widget.csproj");
        }
    }

    [TestMethod]
    [DataRow(true, DisplayName = "fires: the package is outside the root")]
    [DataRow(false, DisplayName = "near miss: inside")]
    public void TPB013_PackageOutsideTheRepository(bool outside)
    {
        using var repo = new TaskRepository();
        Directory.CreateDirectory(repo.Path_("sub"));
        repo.Metadata["RepositoryRoot"] = outside ? repo.Path_("sub") + Path.DirectorySeparatorChar : repo.Root + Path.DirectorySeparatorChar;
        if (outside)
        {
            AssertOnly("TPB013", repo.Generate(), "widget.csproj");
        }
        else
        {
            AssertClean(repo.Generate());
        }
    }

    [TestMethod]
    [DataRow("   ", "TPB017", DisplayName = "fires: only spaces")]
    [DataRow("", null, DisplayName = "near miss: empty")]
    public void TPB017_PackageDirectoryOfOnlySpaces(string value, string? code)
    {
        using var repo = new TaskRepository();
        repo.Metadata["PackageDirectoryProperty"] = value;
        if (code == null)
        {
            AssertClean(repo.Generate());
        }
        else
        {
            AssertOnly(code, repo.Generate(), "widget.csproj");
        }
    }

    [TestMethod]
    [DataRow(true, DisplayName = "fires: package.json is read-only")]
    [DataRow(false, DisplayName = "near miss: writable")]
    public void TPB040_ReadOnlyPackageJson_LeavesBothFilesAsTheyWere(bool readOnly)
    {
        using var repo = new TaskRepository();
        if (readOnly)
        {
            File.SetUnixFileMode(repo.Path_("package.json"), UnixFileMode.UserRead);
            AssertOnly("TPB040", repo.Generate(), "package.json");
            Assert.IsFalse(File.Exists(repo.WorkflowPath), "the workflow is not written without package.json");
            Assert.AreEqual(TaskRepository.PackageJson, File.ReadAllText(repo.Path_("package.json")));
        }
        else
        {
            AssertClean(repo.Generate());
        }
    }

    [TestMethod]
    public void TPB041_WorkflowPathIsAFolder_AndTheNearMissIsAFile()
    {
        using var repo = new TaskRepository();
        Directory.CreateDirectory(repo.WorkflowPath);
        AssertOnly("TPB041", repo.Generate(), "publish.yml");
        Directory.Delete(repo.WorkflowPath);
        AssertClean(repo.Generate());
    }

    [TestMethod]
    public void TPB042_AnotherExistingProjectWithOtherSettings_AndTheNearMissWithTheSame()
    {
        using var repo = new TaskRepository();
        File.WriteAllText(repo.Path_("other.csproj"), "<Project />");
        var other = new System.Collections.Generic.Dictionary<string, string>(repo.Metadata) { ["Environment"] = "npm" };
        Assert.IsTrue(InProcessTask.Run<Tasks.GenerateTrustedPublishFiles>(repo.Path_("other.csproj"), other).Succeeded);
        AssertOnly("TPB042", repo.Generate(), "publish.yml", 1);
        repo.Metadata["Environment"] = "npm";
        AssertClean(repo.Generate());
    }

    [TestMethod]
    public void TPB043_SymlinkedPackageJson_AndTheNearMissOfTheFileItself()
    {
        using var repo = new TaskRepository();
        File.Move(repo.Path_("package.json"), repo.Path_("real.json"));
        File.CreateSymbolicLink(repo.Path_("package.json"), repo.Path_("real.json"));
        AssertOnly("TPB043", repo.Generate(), "package.json");
        Assert.AreEqual(TaskRepository.PackageJson, File.ReadAllText(repo.Path_("real.json")));
        File.Delete(repo.Path_("package.json"));
        File.Move(repo.Path_("real.json"), repo.Path_("package.json"));
        AssertClean(repo.Generate());
    }

    [TestMethod]
    [Timeout(30_000)]
    public void TPB044_FifoNamedLikeAWorkflow_AndTheNearMissOfARegularFile()
    {
        using var repo = new TaskRepository();
        Directory.CreateDirectory(Path.GetDirectoryName(repo.WorkflowPath)!);
        var fifo = repo.Path_(".github/workflows/release.yml");
        Assert.AreEqual(0, ProcessRunner.Run("mkfifo", new[] { fifo }, repo.Root).ExitCode);
        AssertOnly("TPB044", repo.Generate(), "release.yml");
        AssertOnly("TPB044", repo.Verify(), "release.yml");
        File.Delete(fifo);
        File.WriteAllText(fifo, "name: CI\non: push\njobs: {}\n");
        AssertClean(repo.Generate());
    }

    [TestMethod]
    public void TPB045_HugeNpmrc_AndTheNearMissAtTheLimit()
    {
        using var repo = new TaskRepository();
        using (var stream = File.Create(repo.Path_(".npmrc")))
        {
            stream.SetLength(IO.RepositoryFileSystem.MaxFileBytes + 1);
        }

        AssertOnly("TPB045", repo.Generate(), ".npmrc");
        File.WriteAllText(repo.Path_(".npmrc"), "fund=false\n");
        AssertClean(repo.Generate());
    }

    [TestMethod]
    public void TPB047_HandWrittenWorkflow_IsKept_AndTheNearMissAsksToReplaceIt()
    {
        using var repo = new TaskRepository();
        Directory.CreateDirectory(Path.GetDirectoryName(repo.WorkflowPath)!);
        File.WriteAllText(repo.WorkflowPath, "name: Mine\non: push\njobs: {}\n");
        AssertOnly("TPB047", repo.Generate(), "publish.yml", 1);
        AssertOnly("TPB047", repo.Verify(), "publish.yml", 1);
        Assert.AreEqual("name: Mine\non: push\njobs: {}\n", File.ReadAllText(repo.WorkflowPath));
        repo.Metadata["ReplaceWorkflow"] = "true";
        AssertClean(repo.Generate());
        StringAssert.StartsWith(File.ReadAllText(repo.WorkflowPath), "# Generated by TrustedPublish.Build");
    }

    [TestMethod]
    [DataRow("utf-16", DisplayName = "fires: re-encoded as UTF-16")]
    [DataRow("bom", DisplayName = "fires: a UTF-8 byte order mark")]
    [DataRow("crlf", DisplayName = "near miss: CRLF line endings")]
    public void Verify_ComparesBytes_WithOnlyLineEndingsForgiven(string change)
    {
        using var repo = new TaskRepository();
        AssertClean(repo.Generate());
        var text = File.ReadAllText(repo.WorkflowPath);
        var bytes = change switch
        {
            "utf-16" => System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes(text)).ToArray(),
            "bom" => new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(text)).ToArray(),
            _ => System.Text.Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)),
        };
        File.WriteAllBytes(repo.WorkflowPath, bytes);
        if (change == "crlf")
        {
            AssertClean(repo.Verify());
        }
        else
        {
            // UTF-16 no longer starts with the generated header, so it is also no longer recognised as generated (TPB047).
            var codes = repo.Verify().Engine.ErrorCodes.ToList();
            Assert.IsTrue(change == "bom" ? codes.Contains("TPB030") : codes.Contains("TPB030") || codes.Contains("TPB047"), change + ": " + string.Join(", ", codes));
        }
    }

    [TestMethod]
    [DataRow("pnpm-lock.yaml;pnpm-workspace.yaml", "{ \"private\": true, \"packageManager\": \"pnpm@10.18.3\" }", "pnpm install --frozen-lockfile", DisplayName = "a pnpm workspace: the root's lockfile, workspace file and packageManager")]
    [DataRow("yarn.lock;.yarnrc.yml", "{ \"private\": true, \"workspaces\": [\"packages/*\"], \"packageManager\": \"yarn@4.10.3\" }", "yarn install --immutable", DisplayName = "a Yarn Berry workspace")]
    [DataRow("package-lock.json", "{ \"private\": true, \"workspaces\": [\"packages/*\"] }", "npm ci --no-audit --no-fund", DisplayName = "an npm workspace")]
    [DataRow("package-lock.json", "{ \"private\": true }", "npm install --no-audit --no-fund", DisplayName = "near miss: the lockfile of a root that declares no workspaces is not the package's")]
    public void PackageManager_IsReadFromTheFoldersAboveThePackage(string rootFiles, string rootPackageJson, string install)
    {
        using var repo = new TaskRepository();
        Directory.CreateDirectory(repo.Path_("packages/widget"));
        File.Move(repo.Path_("package.json"), repo.Path_("packages/widget/package.json"));
        foreach (var file in rootFiles.Split(';'))
        {
            File.WriteAllText(repo.Path_(file), "\n");
        }

        File.WriteAllText(repo.Path_("package.json"), rootPackageJson);
        repo.Metadata["PackageDirectory"] = repo.Path_("packages/widget") + Path.DirectorySeparatorChar;
        repo.Metadata["PackageDirectoryProperty"] = "packages/widget";
        AssertClean(repo.Generate());
        var workflow = File.ReadAllText(repo.WorkflowPath);
        StringAssert.Contains(workflow, "run: " + install + "\n");
        Assert.AreEqual(!install.EndsWith("install --no-audit --no-fund", StringComparison.Ordinal), workflow.Contains("working-directory: \".\"", StringComparison.Ordinal), "install runs at the workspace root");
    }

    /// <summary>A project without package.json that publishes to nuget.org (TrustedPublishNuGetUser), as the targets pass it.</summary>
    private static TaskRepository NuGetOnlyRepository(string properties = "<TrustedPublishNuGetUser>acme-bot</TrustedPublishNuGetUser>")
    {
        var repo = new TaskRepository(properties);
        File.Delete(repo.Path_("package.json"));
        repo.Metadata["NuGetUser"] = "acme-bot";
        repo.Metadata["PackageId"] = "Acme.Widget";
        repo.Metadata["IsPackable"] = "";
        return repo;
    }

    [TestMethod]
    public void NuGetOnly_GeneratesOnce_PrintsThePolicy_VerifiesAndFindsDrift()
    {
        using var repo = NuGetOnlyRepository();
        var nuget = repo.Path_(".github/workflows/publish-nuget.yml");
        var first = repo.Generate();
        AssertClean(first);
        Assert.IsTrue(File.Exists(nuget));
        Assert.IsFalse(File.Exists(repo.WorkflowPath), "no package.json: no npm workflow");
        Assert.IsFalse(File.Exists(repo.Path_("package.json")));
        var messages = string.Join("\n", first.Engine.Messages.Select(m => m.Message));
        StringAssert.Contains(messages, "wrote .github/workflows/publish-nuget.yml");
        StringAssert.Contains(messages, "  Repository owner: Acme-Org\n  Repository:       widget\n  Workflow file:    publish-nuget.yml\n");

        var second = repo.Generate();
        AssertClean(second);
        Assert.IsFalse(second.Engine.Messages.Any(m => m.Message!.Contains("Repository owner", StringComparison.Ordinal)), "printed only when written");
        AssertClean(repo.Verify());
        AssertClean(repo.Doctor());

        File.WriteAllText(nuget, File.ReadAllText(nuget).Replace("cancel-in-progress: false", "cancel-in-progress: true", StringComparison.Ordinal));
        AssertOnly("TPB030", repo.Verify(), "publish-nuget.yml");
        File.Delete(nuget);
        AssertOnly("TPB031", repo.Verify(), "publish-nuget.yml");
    }

    [TestMethod]
    [DataRow("false", "TPB050", DisplayName = "fires: IsPackable false")]
    [DataRow("true", null, DisplayName = "near miss: IsPackable true")]
    public void TPB050_NuGetOnANonPackableProject_AtThePropertysLine(string isPackable, string? code)
    {
        using var repo = NuGetOnlyRepository();
        repo.Metadata["IsPackable"] = isPackable;
        if (code == null)
        {
            AssertClean(repo.Generate());
        }
        else
        {
            AssertOnly(code, repo.Generate(), "widget.csproj", 3);
        }
    }

    [TestMethod]
    [DataRow(true, DisplayName = "fires: a hand-written publish-nuget.yml")]
    [DataRow(false, DisplayName = "near miss: none there")]
    public void TPB047_AHandWrittenNuGetWorkflow_IsNeverReplacedUnasked(bool handWritten)
    {
        using var repo = NuGetOnlyRepository();
        var nuget = repo.Path_(".github/workflows/publish-nuget.yml");
        if (handWritten)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(nuget)!);
            File.WriteAllText(nuget, "name: mine\non: push\njobs: {}\n");
            AssertOnly("TPB047", repo.Generate(), "publish-nuget.yml");
            Assert.AreEqual("name: mine\non: push\njobs: {}\n", File.ReadAllText(nuget));
        }
        else
        {
            AssertClean(repo.Generate());
        }
    }

    /// <summary>npm and nuget.org at once: both workflows, and a bad shared setting reported once, not once per workflow.</summary>
    [TestMethod]
    public void NpmAndNuGet_WriteBothWorkflows_AndReportASharedSettingOnce()
    {
        using var repo = new TaskRepository("<TrustedPublishNuGetUser>acme-bot</TrustedPublishNuGetUser>");
        repo.Metadata["NuGetUser"] = "acme-bot";
        repo.Metadata["PackageId"] = "Acme.Widget";
        AssertClean(repo.Generate());
        Assert.IsTrue(File.Exists(repo.WorkflowPath));
        Assert.IsTrue(File.Exists(repo.Path_(".github/workflows/publish-nuget.yml")));
        AssertClean(repo.Verify());
        AssertClean(repo.Doctor());

        repo.Metadata["RunsOn"] = "self-hosted";
        AssertOnly("TPB015", repo.Verify());
    }
}
