using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>A file with many findings shows at most <see cref="Rules.RuleRunner.MaxFindingsPerFile"/> of them, errors first, and one TPB083 line for the rest.</summary>
[TestClass]
public sealed class FindingsCapTests
{
    private static string PublishSteps(string header, int count)
    {
        var text = new StringBuilder(header);
        for (var i = 0; i < count; i++)
        {
            text.Append("      - run: npm publish --access public\n");
        }

        return text.ToString();
    }

    private const string Node22Job = "name: Release\non: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: '22'\n";

    [TestMethod]
    public void Run_SixtyFindingsInOneFile_ShowsFiftyAndSaysTenMore()
    {
        var harness = new RuleHarness();
        harness.Workflows["publish.yml"] = PublishSteps(Node22Job, 60);
        harness.Npmrcs[".npmrc"] = "registry=https://mirror.example.com/\n";
        var findings = harness.Run();

        var inWorkflow = findings.Where(d => d.File!.EndsWith("publish.yml", System.StringComparison.Ordinal)).ToList();
        Assert.AreEqual(50, inWorkflow.Count(d => d.Code == "TPB075"));
        var more = inWorkflow.Single(d => d.Code == "TPB083");
        Assert.AreEqual((1, 1), (more.Line, more.Column));
        StringAssert.Contains(more.Message, "10 more findings");
        StringAssert.Contains(more.Message, "TPB075");
        Assert.AreEqual(51, inWorkflow.Count);
        Assert.AreEqual("TPB061", findings.Single(d => d.File!.EndsWith(".npmrc", System.StringComparison.Ordinal)).Code, "the cap counts per file");
    }

    [TestMethod]
    public void Run_FiftyFindingsInOneFile_ShowsAllOfThem()
    {
        var harness = new RuleHarness();
        harness.Workflows["publish.yml"] = PublishSteps(Node22Job, 50);
        var findings = harness.Run();
        Assert.AreEqual(50, findings.Count(d => d.Code == "TPB075"));
        Assert.AreEqual(50, findings.Count);
    }

    /// <summary>An error hidden behind warnings would let the build pass: errors are shown first.</summary>
    [TestMethod]
    public void Run_ManyWarningsBeforeAnError_StillShowsTheError()
    {
        var harness = new RuleHarness();
        var header = "name: Release\non: push\nenv:\n  NODE_AUTH_TOKEN: x\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          node-version: '24'\n";
        harness.Workflows["publish.yml"] = PublishSteps(header, 60);
        var findings = harness.Run();
        Assert.AreEqual("TPB073", findings.Single(d => d.Severity == Diagnostics.DiagnosticSeverity.Error).Code, string.Join("\n", findings.Take(3)));
        Assert.AreEqual(49, findings.Count(d => d.Code == "TPB070"));
        StringAssert.Contains(findings.Single(d => d.Code == "TPB083").Message, "11 more findings");
        Assert.AreEqual(51, findings.Count);
        CollectionAssert.AreEqual(findings.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList(), findings, "still in file order");
    }
}
