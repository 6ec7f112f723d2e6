using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static TrustedPublish.Build.Tests.RuleHarness;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// What a Node version means for trusted publishing (facts.md): npm 11.5.1 bundled from 24.5.0, OIDC from 22.14.0,
/// npm 12 (npm@latest) only on ^22.22.2 || ^24.15.0 || >=26. Versions are compared in full, MAJOR.MINOR.PATCH; a
/// spec without a minor or patch resolves to the newest of its line, as setup-node resolves it.
/// </summary>
[TestClass]
public sealed class NodeVersionTests
{
    private static string WithNodeAndUpgrade(string node, string upgrade) =>
        Replace(GoodWorkflow, "node-version: '24'", "node-version: '" + node + "'").Replace("- run: npm ci", "- run: " + upgrade + "\n      - run: npm ci", StringComparison.Ordinal);

    [TestMethod]
    [DataRow("24", true, true, true)]
    [DataRow("24.x", true, true, true)]
    [DataRow("24.4", false, true, false)]
    [DataRow("24.5.0", true, true, false)]
    [DataRow("24.14.9", true, true, false)]
    [DataRow("24.15.0", true, true, true)]
    [DataRow("22", false, true, true)]
    [DataRow("22.13", false, false, false)]
    [DataRow("22.13.99", false, false, false)]
    [DataRow("22.14.0", false, true, false)]
    [DataRow("22.22.1", false, true, false)]
    [DataRow("22.22.2", false, true, true)]
    [DataRow("^22.22.2", false, true, true)]
    [DataRow("20", false, false, false)]
    [DataRow("23", false, true, false)]
    [DataRow("25", true, true, false)]
    [DataRow("26.0.0", true, true, true)]
    [DataRow("2147483648", true, true, true)]
    [DataRow("22.99999999999.99999999999", false, true, true)]
    [DataRow("lts/iron", false, false, false)]
    [DataRow("lts/jod", false, true, true)]
    [DataRow("lts/Krypton", true, true, true)]
    public void Read_KnowsWhatTheVersionMeansForTrustedPublishing(string spec, bool bundlesNewEnoughNpm, bool supportsTrustedPublishing, bool acceptedByNpm12)
    {
        var node = Model.NodeVersion.Read(spec)!;
        Assert.AreEqual(bundlesNewEnoughNpm, node.BundlesTrustedPublishingNpm, spec + ": bundled npm >= 11.5.1");
        Assert.AreEqual(!bundlesNewEnoughNpm, node.NeedsNpmUpgrade, spec);
        Assert.AreEqual(supportsTrustedPublishing, node.SupportsTrustedPublishing, spec + ": Node >= 22.14.0");
        Assert.AreEqual(acceptedByNpm12, node.AcceptedByNpm12, spec + ": npm 12's engines");
    }

    [TestMethod]
    [DataRow("lts/*")]
    [DataRow("lts/-1")]
    [DataRow("lts/argon-next")]
    [DataRow("node")]
    [DataRow("")]
    [DataRow("\u0662\u0664")] // Arabic-Indic digits: not a version, however char.IsDigit sees them.
    public void Read_OfWhatIsNotAVersion_IsNull(string spec)
    {
        Assert.IsNull(Model.NodeVersion.Read(spec), spec);
    }

    [TestMethod]
    [DataRow("24", null)]
    [DataRow("22.14.0", null)]
    [DataRow("22.x", null)]
    [DataRow("22.13.9", "is older than 22.14.0")]
    [DataRow("20", "is older than 22.14.0")]
    [DataRow("2147483648", "is not a Node.js version")]
    [DataRow("\u0662\u0664", "is not a Node.js version")]
    public void Parse_TheSetting_AcceptsOnlyWhatTrustedPublishingSupports(string spec, string? error)
    {
        var node = Model.NodeVersion.Parse(spec, out var why);
        Assert.AreEqual(error == null, node != null, spec);
        if (error != null)
        {
            StringAssert.StartsWith(why, error);
        }
    }

    [TestMethod]
    [DataRow("22.22.0", "TPB076 publish.yml:18:14")]
    [DataRow("22.22.1", "TPB076 publish.yml:18:14")]
    [DataRow("v22.22.1", "TPB076 publish.yml:18:14")]
    [DataRow("22.22.2", "")]
    [DataRow("22.22", "")]
    [DataRow("22", "")]
    [DataRow("24.14.9", "TPB076 publish.yml:18:14")]
    [DataRow("24.15.0", "")]
    [DataRow("23.11", "TPB076 publish.yml:18:14")]
    [DataRow("26.0.0", "")]
    [DataRow("22.2147483648", "")]
    [DataRow("22.22.2147483648", "")]
    [DataRow("2147483648", "")]
    public void NpmLatest_IsJudgedByTheFullNodeVersion(string node, string expected)
    {
        var harness = new RuleHarness();
        harness.Workflows["publish.yml"] = WithNodeAndUpgrade(node, "npm install -g npm@latest");
        Assert.AreEqual(expected, string.Join(" | ", harness.Findings()), node);
    }

    /// <summary>
    /// TPB075 tells the cause that applies: below 22.14.0 no npm upgrade helps (the fix is a newer Node), while on a
    /// newer Node with npm 10 the missing upgrade step is the cause (the fix is that step, or Node 24).
    /// </summary>
    [TestMethod]
    [DataRow("22.10", "npm install -g npm@^11.5.1")]
    [DataRow("22.13.1", "npm install -g npm@^11.5.1")]
    [DataRow("20", "npm install -g npm@^11.5.1")]
    [DataRow("20", "npm ci")]
    public void NpmTooOld_OnNodeBelow22_14_SaysNodeIsTooOld_AndNotThatAnUpgradeIsMissing(string node, string upgrade)
    {
        var harness = new RuleHarness();
        harness.Workflows["publish.yml"] = WithNodeAndUpgrade(node, upgrade);
        var finding = harness.Run().Single();
        Assert.AreEqual("TPB075", finding.Code);
        var (message, fix) = Split(finding.Message);
        StringAssert.Contains(message, $"node-version '{node}', older than Node.js 22.14.0");
        Assert.IsFalse(message.Contains("no step upgrades npm", StringComparison.Ordinal), message);
        StringAssert.Contains(fix, "use node-version '24'");
        StringAssert.Contains(fix, "22.14 or newer");
        Assert.IsFalse(fix.StartsWith("add", StringComparison.Ordinal) || fix.Contains("or add", StringComparison.Ordinal), fix);
    }

    [TestMethod]
    [DataRow("node-version: '22'")]
    [DataRow("node-version: '24.4'")]
    [DataRow("")]
    public void NpmTooOld_OnNodeThatSupportsIt_SaysNoStepUpgradesNpm(string nodeVersion)
    {
        var harness = new RuleHarness();
        harness.Workflows["publish.yml"] = nodeVersion.Length == 0
            ? Replace(GoodWorkflow, "      - uses: actions/setup-node@v4\n        with:\n          node-version: '24'\n", "")
            : Replace(GoodWorkflow, "node-version: '24'", nodeVersion);
        var finding = harness.Run().Single();
        Assert.AreEqual("TPB075", finding.Code);
        var (message, fix) = Split(finding.Message);
        StringAssert.Contains(message, "whose npm is older than 11.5.1, and no step upgrades npm before publishing");
        StringAssert.Contains(fix, "add 'npm install -g npm@^11.5.1' before publishing");
    }

    private static (string Message, string Fix) Split(string text)
    {
        var at = text.IndexOf(" Fix: ", StringComparison.Ordinal);
        return (text.Substring(0, at), text.Substring(at + " Fix: ".Length));
    }
}
