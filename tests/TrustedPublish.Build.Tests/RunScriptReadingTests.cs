using System;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static TrustedPublish.Build.Tests.RuleHarness;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Run scripts and publish commands read as commands and words, in one pass: text that made the old
/// backtracking expressions take minutes gives the right answer, and a long job is walked once. No
/// stopwatch: the timeouts only keep a regression from hanging the run.
/// </summary>
[TestClass]
public sealed class RunScriptReadingTests
{
    /// <summary>Each "npm i" (even inside a word) started a match attempt that ran to the end of the line in the old upgrade expression.</summary>
    [TestMethod]
    [Timeout(10_000)]
    public void NpmUpgrade_RunScriptOfRepeatedNpmInstall_IsReadInOnePass()
    {
        var hostile = string.Concat(Enumerable.Repeat("xnpm i ", 25_000));
        var harness = new RuleHarness();
        harness.Workflows["publish.yml"] = Replace(GoodWorkflow, "node-version: '24'", "node-version: '24.4'").Replace("- run: npm ci", "- run: " + hostile + "\n      - run: npm ci", StringComparison.Ordinal);
        Assert.AreEqual("TPB075 publish.yml:20:14", string.Join(" | ", harness.Findings()));
    }

    /// <summary>A long job: finding what ran before each publish step must not walk the job again for every step.</summary>
    [TestMethod]
    [Timeout(20_000)]
    public void NpmVersion_JobWithTwentyThousandPublishSteps_IsCheckedInOnePass()
    {
        // Node 22.10: npm 12 refuses it (TPB076, once) and it is too old for OIDC (TPB075, every publish step).
        var job = new StringBuilder(Replace(GoodWorkflow, "node-version: '24'", "node-version: '22.10'").Replace("- run: npm ci", "- run: npm install -g npm@latest\n      - run: npm ci", StringComparison.Ordinal));
        for (var i = 0; i < 20_000; i++)
        {
            job.Append("      - run: npm publish --access public\n");
        }

        var harness = new RuleHarness();
        harness.Workflows["publish.yml"] = job.ToString();
        var findings = harness.Findings();
        Assert.AreEqual(1, findings.Count(f => f.StartsWith("TPB076", StringComparison.Ordinal)), "one npm@latest, reported once");
        Assert.AreEqual(49, findings.Count(f => f.StartsWith("TPB075", StringComparison.Ordinal)), string.Join("\n", findings.Take(5)));
    }

    [TestMethod]
    [DataRow("node-version: '99999999999'", "")]
    [DataRow("node-version: '22.99999999999'", "")]
    public void NpmVersion_HugeNumbers_AreReadWithoutOverflow(string nodeVersion, string expected)
    {
        var harness = new RuleHarness();
        harness.Workflows["publish.yml"] = Replace(GoodWorkflow, "node-version: '24'", nodeVersion).Replace("- run: npm ci", "- run: npm install -g npm@99999999999.1\n      - run: npm ci", StringComparison.Ordinal);
        Assert.AreEqual(expected, string.Join(" | ", harness.Findings()), nodeVersion);
    }

    [TestMethod]
    [DataRow("npm install -g npm@^11.5.1", "")]
    [DataRow("npm i --global npm@11.6", "")]
    [DataRow("npm install npm@latest -g", "")]
    [DataRow("sudo npm install -g \"npm@^11.5.1\"", "")]
    [DataRow("npm install -g npm@^11.4.0", "TPB075 publish.yml:20:14")]
    [DataRow("npm install npm@^11.5.1", "TPB075 publish.yml:20:14")]
    [DataRow("echo npm install -g npm@^11.5.1", "TPB075 publish.yml:20:14")]
    [DataRow("# npm install -g npm@^11.5.1", "TPB075 publish.yml:20:14")]
    public void NpmVersion_UpgradeCommands_AreReadAsCommands(string upgrade, string expected)
    {
        var harness = new RuleHarness();
        harness.Workflows["publish.yml"] = Replace(GoodWorkflow, "node-version: '24'", "node-version: '22'").Replace("- run: npm ci", "- run: " + upgrade + "\n      - run: npm ci", StringComparison.Ordinal);
        Assert.AreEqual(expected, string.Join(" | ", harness.Findings()), upgrade);
    }

    [TestMethod]
    [DataRow("npm publish --access public --provenance", "TPB081 publish.yml:19:42")]
    [DataRow("npm publish --access public --provenance=true", "TPB081 publish.yml:19:42")]
    [DataRow("npm publish --access public --provenance=false", "")]
    [DataRow("npm publish --access public --provenance-file=x", "")]
    [DataRow("npm publish --access=public", "")]
    [DataRow("npm publish --access restricted", "")]
    [DataRow("npm publish --tag public", "TPB025 package.json:2:11")]
    public void PublishFlags_AreReadAsWords(string publish, string expected)
    {
        var harness = new RuleHarness();
        harness.PackageJsonText = Replace(RuleHarness.PackageJson, "\"access\": \"public\"", "\"tag\": \"latest\"");
        harness.Workflows["publish.yml"] = Replace(GoodWorkflow, "npm publish --access public", publish);
        Assert.AreEqual(expected, string.Join(" | ", harness.Findings()), publish);
    }
}
