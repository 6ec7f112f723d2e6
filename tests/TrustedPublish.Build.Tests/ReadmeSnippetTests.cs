using System;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>The README's drift-check workflow for repositories whose CI never runs dotnet: GitHub's parser and actionlint accept it.</summary>
[TestClass]
public sealed class ReadmeSnippetTests
{
    /// <summary>The YAML block after the "verify-workflow" marker, unindented.</summary>
    internal static string VerifyWorkflow()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = readme.IndexOf("<!-- verify-workflow -->", StringComparison.Ordinal);
        Assert.IsTrue(start >= 0, "the README has the verify workflow");
        var open = readme.IndexOf("```yaml\n", start, StringComparison.Ordinal) + "```yaml\n".Length;
        var close = readme.IndexOf("```", open, StringComparison.Ordinal);
        var lines = readme.Substring(open, close - open).Split('\n');
        var indent = lines[0].Length - lines[0].TrimStart().Length;
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l.Substring(indent) : l.TrimStart())).TrimEnd() + "\n";
    }

    [TestMethod]
    public void VerifyWorkflowSnippet_IsAcceptedByGitHubsParserAndActionlint_AndHardened()
    {
        var text = VerifyWorkflow();
        var file = Path.Combine(TestPaths.NewTempFolder("snippet"), "trustedpublish-verify.yml");
        File.WriteAllText(file, text);
        var verdict = NodeJudge.Workflows(file).Single();
        Assert.AreEqual(0, verdict.ParserErrors.Length, string.Join("\n", verdict.ParserErrors));
        Assert.AreEqual(0, verdict.Actionlint.Length, string.Join("\n", verdict.Actionlint));
        CollectionAssert.Contains(verdict.Jobs, "verify");
        StringAssert.Contains(text, "permissions: {}");
        StringAssert.Contains(text, "persist-credentials: false");
        StringAssert.Contains(text, "actions/checkout@" + Workflow.ActionPins.Checkout.Commit + " # " + Workflow.ActionPins.Checkout.Release);
        StringAssert.Contains(text, "-t:TrustedPublishVerify");
    }
}

/// <summary>This repository's own CI workflow: GitHub's parser and actionlint accept it, and it runs the README's test command.</summary>
[TestClass]
public sealed class OwnWorkflowTests
{
    [TestMethod]
    public void CiWorkflow_IsAcceptedByGitHubsParserAndActionlint_AndRunsTheReadmesTestCommand()
    {
        var file = Path.Combine(TestPaths.RepositoryRoot, ".github", "workflows", "ci.yml");
        var verdict = NodeJudge.Workflows(file).Single();
        Assert.AreEqual(0, verdict.ParserErrors.Length, string.Join("\n", verdict.ParserErrors));
        Assert.AreEqual(0, verdict.Actionlint.Length, string.Join("\n", verdict.Actionlint));
        CollectionAssert.AreEquivalent(new[] { "test", "windows" }, verdict.Jobs);
        var text = File.ReadAllText(file);
        StringAssert.Contains(text, "run: bash .ci/run");
        StringAssert.Contains(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, ".ci", "run")), "dotnet test TrustedPublish.Build.sln");
        StringAssert.Contains(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md")), "dotnet test TrustedPublish.Build.sln");
        StringAssert.Contains(text, "permissions: {}");
        Assert.IsFalse(System.Text.RegularExpressions.Regex.IsMatch(text, @"uses: [^@\s]+@(?![0-9a-f]{40} )"), "every action pinned to a full SHA");
    }
}
