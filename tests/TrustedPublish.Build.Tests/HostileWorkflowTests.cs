using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Rules;
using TrustedPublish.Build.Rules.Workflows;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Workflows written to hurt the reader: each one is refused with TPB080 (which limit, where) instead of
/// crashing the build with a stack overflow or flooding it with findings, and a near-identical workflow that
/// uses the same YAML feature legitimately is still read.
/// </summary>
[TestClass]
public sealed class HostileWorkflowTests
{
    private static List<Diagnostic> Run(string workflow)
    {
        var harness = new RuleHarness();
        harness.Workflows["publish.yml"] = workflow;
        return harness.Run();
    }

    private static Diagnostic SingleUnreadable(string workflow)
    {
        var findings = Run(workflow);
        Assert.AreEqual("TPB080", string.Join(" | ", findings.Select(d => d.Code)), string.Join("\n", findings));
        return findings[0];
    }

    private static string Parse(string workflow)
    {
        var document = WorkflowDocument.Parse(new RepositoryFile("/repo/.github/workflows/publish.yml", ".github/workflows/publish.yml", workflow), out var error);
        return document == null ? "refused: " + error : "read";
    }

    [TestMethod]
    public void Parse_AliasInsideItsOwnAnchorAsAMappingKey_IsRefusedAsRecursive()
    {
        var workflow = "# publish\n? &a [*a]\n: v\n";
        Assert.AreEqual(24, workflow.Length);
        var finding = SingleUnreadable(workflow);
        StringAssert.Contains(finding.Message, "line 2, column 7");
        StringAssert.Contains(finding.Message, "*a");
        StringAssert.Contains(finding.Message, "recursive");
    }

    [TestMethod]
    public void Parse_AliasOfAClosedAnchorAsAMappingKey_IsRead()
    {
        Assert.AreEqual("read", Parse("# publish\n? &a [b]\n: *a\n? [*a]\n: v\n"));
    }

    /// <summary>YamlDotNet resolves an alias written before its anchor at the end, which can close a cycle.</summary>
    [TestMethod]
    public void Parse_AliasBeforeItsAnchor_IsRefused()
    {
        var finding = SingleUnreadable("# publish\n? &a [*b]\n: v\n? &b [*a]\n: w\n");
        StringAssert.Contains(finding.Message, "line 2, column 7");
        StringAssert.Contains(finding.Message, "*b");
    }

    [TestMethod]
    public void Parse_FlowSequenceNested40000Deep_IsRefusedAtTheDepthLimit()
    {
        var finding = SingleUnreadable("publish: " + new string('[', 40000) + new string(']', 40000));
        StringAssert.Contains(finding.Message, "line 1, column 73");
        StringAssert.Contains(finding.Message, "64 levels");
    }

    [TestMethod]
    public void Parse_FlowSequenceNested40Deep_IsRead()
    {
        Assert.AreEqual("read", Parse("publish: " + new string('[', 40) + new string(']', 40)));
    }

    /// <summary>Shallow anchors, but an alias puts a deep one deeper: the depth after expansion counts.</summary>
    [TestMethod]
    public void Parse_AliasThatNestsPastTheDepthLimit_IsRefused()
    {
        var deep = new string('[', 40) + new string(']', 40);
        var finding = SingleUnreadable($"# publish\na: &a {deep}\nb: {new string('[', 30)}*a{new string(']', 30)}\n");
        StringAssert.Contains(finding.Message, "line 3, column 34");
        StringAssert.Contains(finding.Message, "64 levels");
        Assert.AreEqual("read", Parse($"# publish\na: &a {deep}\nb: {new string('[', 20)}*a{new string(']', 20)}\n"));
    }

    /// <summary>One job that shares its steps with the others through an anchor, the way a real workflow reuses a list.</summary>
    private static string AnchoredJobs(int jobs, int steps)
    {
        var text = new StringBuilder("name: Release\non:\n  push:\n    tags: ['v*']\njobs:\n  job0:\n    runs-on: ubuntu-latest\n    permissions: &permissions\n      contents: read\n      id-token: write\n    steps: &steps\n");
        for (var i = 0; i < steps; i++)
        {
            text.Append("      - run: npm publish\n");
        }

        for (var i = 1; i < jobs; i++)
        {
            text.Append($"  job{i}: {{runs-on: ubuntu-latest, permissions: *permissions, steps: *steps}}\n");
        }

        return text.ToString();
    }

    [TestMethod]
    [Timeout(20_000)]
    public void Parse_AnchoredStepsReusedByAThousandJobs_IsRefusedAtTheNodeLimit()
    {
        var finding = SingleUnreadable(AnchoredJobs(1000, 1000));
        StringAssert.Contains(finding.Message, "100,000 nodes");
        StringAssert.Contains(finding.Message, "*steps");
    }

    [TestMethod]
    public void Parse_AnchoredStepsReusedByThreeJobs_IsReadAndChecked()
    {
        // Every step of every job is checked (no node-version: the runner's npm is too old), through the alias too.
        var findings = Run(AnchoredJobs(3, 2));
        Assert.AreEqual(6, findings.Count(d => d.Code == "TPB075"), string.Join("\n", findings));
        Assert.AreEqual(6, findings.Count, string.Join("\n", findings));
    }

    /// <summary>The classic "billion laughs": each level doubles; refused long before it is expanded.</summary>
    [TestMethod]
    public void Parse_ExponentialAliases_AreRefusedAtTheNodeLimit()
    {
        var text = new StringBuilder("# publish\na0: &a0 [x, x]\n");
        for (var i = 1; i < 40; i++)
        {
            text.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n");
        }

        var finding = SingleUnreadable(text.ToString());
        StringAssert.Contains(finding.Message, "100,000 nodes");
    }

    /// <summary>Within the limits, a long workflow env and many publish steps: each step looks the env up, it does not copy it.</summary>
    [TestMethod]
    [Timeout(20_000)]
    public void Rules_LongWorkflowEnvAndTwentyThousandPublishSteps_AreCheckedInOnePass()
    {
        var text = new StringBuilder("on: push\nenv:\n");
        for (var i = 0; i < 12_000; i++)
        {
            text.Append($"  V{i}: x\n");
        }

        text.Append("  NPM_TOKEN: x\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: '24'\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append("      - run: npm publish --access public\n");
        }

        var findings = Run(text.ToString());
        Assert.AreEqual(50, findings.Count(d => d.Code == "TPB070"), "NPM_TOKEN reaches every publish step");
        StringAssert.Contains(findings.Single(d => d.Code == "TPB083").Message, "19950 more findings");
    }
}
