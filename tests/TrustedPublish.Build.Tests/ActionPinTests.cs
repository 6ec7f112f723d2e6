using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.Rules;
using TrustedPublish.Build.Verification;
using TrustedPublish.Build.Workflow;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Dependabot and Renovate update a generated workflow's pins: a newer pin is kept by generate and accepted by verify,
/// anything else is drift that names the action and why; TrustedPublishActionPin items set pins in the project.
/// </summary>
[TestClass]
public sealed class ActionPinTests
{
    private const string NewerSha = "0123456789abcdef0123456789abcdef01234567";
    private const string OlderSha = "d23441a48e516b6c34aea4fa41551a30e30af803"; // actions/checkout v6.1.0 (facts.md)
    private const string WorkflowPath = ".github/workflows/publish.yml";

    private static readonly string PackagedCheckout = "actions/checkout@" + ActionPins.Checkout.Commit + " # " + ActionPins.Checkout.Release;

    // ---- the version order ----

    [TestMethod]
    [DataRow("v7.0.1", "v7.1.0", -1, DisplayName = "minor")]
    [DataRow("v7.0.1", "7.0.1", 0, DisplayName = "v prefix is optional")]
    [DataRow("V7.0.1", "v7.0.1", 0, DisplayName = "capital V")]
    [DataRow("v7.0.9", "v7.0.10", -1, DisplayName = "numbers, not text")]
    [DataRow("v9.9.9", "v10.0.0", -1, DisplayName = "major with more digits")]
    [DataRow("v7.1.0-beta.1", "v7.1.0", -1, DisplayName = "a prerelease is lower than its release")]
    [DataRow("v7.1.0-beta.1", "v7.0.1", 1, DisplayName = "a prerelease is higher than the release before")]
    [DataRow("v7.1.0-alpha", "v7.1.0-beta", -1, DisplayName = "prerelease words in ASCII order")]
    [DataRow("v7.1.0-beta.2", "v7.1.0-beta.11", -1, DisplayName = "prerelease numbers as numbers")]
    [DataRow("v7.1.0-1", "v7.1.0-alpha", -1, DisplayName = "numeric identifiers below words")]
    [DataRow("v7.1.0-beta", "v7.1.0-beta.1", -1, DisplayName = "fewer identifiers are lower")]
    [DataRow("v7.1.0+build.5", "v7.1.0", 0, DisplayName = "build metadata is ignored")]
    [DataRow("v99999999999999999999.0.0", "v1.0.0", 1, DisplayName = "no overflow")]
    public void ActionVersion_Compare_FollowsSemanticVersionOrder(string left, string right, int expected)
    {
        var a = ActionVersion.TryParse(left)!;
        var b = ActionVersion.TryParse(right)!;
        Assert.AreEqual(expected, Math.Sign(a.CompareTo(b)), $"{left} vs {right}");
        Assert.AreEqual(-expected, Math.Sign(b.CompareTo(a)), $"{right} vs {left}");
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("v7")]
    [DataRow("v7.1")]
    [DataRow("latest")]
    [DataRow("v07.1.0")]
    [DataRow("v7.1.0.1")]
    [DataRow("v7.1.0-")]
    [DataRow("v7.1.0-01")]
    [DataRow("v7.1.0+")]
    [DataRow("vv7.1.0")]
    [DataRow("v7.1.x")]
    public void ActionVersion_NotAFullRelease_IsNotParsed(string text)
    {
        Assert.IsNull(ActionVersion.TryParse(text));
    }

    // ---- reading uses: lines as the bots write them ----

    [TestMethod]
    [DataRow("        uses: actions/checkout@" + NewerSha + " # v7.1.0", DisplayName = "Dependabot: one space each side")]
    [DataRow("        uses: actions/checkout@" + NewerSha + "  #  v7.1.0  ", DisplayName = "extra spaces")]
    [DataRow("        uses: actions/checkout@" + NewerSha + " #v7.1.0", DisplayName = "no space after #")]
    [DataRow("        uses: actions/checkout@" + NewerSha + " # v7.1.0\r", DisplayName = "CRLF")]
    [DataRow("      - uses: actions/checkout@" + NewerSha + " # v7.1.0 (security fix)", DisplayName = "sequence entry, words after the version")]
    [DataRow("        uses: actions/checkout@" + NewerSha + "\t# v7.1.0", DisplayName = "tab")]
    public void UsesLine_CommentSpacing_ReadsActionShaAndVersion(string line)
    {
        var uses = UsesLine.TryParse(line)!;
        Assert.AreEqual(("actions/checkout", NewerSha, "v7.1.0", true), (uses.Action, uses.Reference, uses.VersionText, uses.IsFullSha));
    }

    [TestMethod]
    public void UsesLine_NotAUsesLine_OrWithoutComment()
    {
        Assert.IsNull(UsesLine.TryParse("        name: Check out"));
        Assert.IsNull(UsesLine.TryParse("# uses: actions/checkout@v7"));
        var bare = UsesLine.TryParse("uses: actions/checkout@v7")!;
        Assert.AreEqual(("v7", null, false, false), (bare.Reference, bare.VersionText, bare.IsFullSha, bare.IsHex));
    }

    // ---- generate keeps a newer pin, verify accepts it ----

    private static string Generated(TrustedPublishInputs? inputs = null) => TrustedPublishEngine.Run(inputs ?? TestInputs.Create()).Workflow!;

    private static string Bump(string workflow, string from, string to)
    {
        Assert.IsTrue(workflow.Contains(from, StringComparison.Ordinal), $"'{from}' not in the workflow");
        return workflow.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>Generate with <paramref name="committed"/> on disk: what it would write, and what verify says about the file.</summary>
    private static (string Written, Diagnostics.Diagnostic? Drift) RunWith(string committed, TrustedPublishInputs? inputs = null)
    {
        inputs ??= TestInputs.Create();
        inputs.Workflows = new[] { new RepositoryFile("/repo/" + WorkflowPath, WorkflowPath, committed) };
        var result = TrustedPublishEngine.Run(inputs);
        Assert.IsFalse(result.HasErrors, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        return (result.Workflow!, WorkflowDrift.Check(result.Workflow!, committed, "/repo/" + WorkflowPath, WorkflowPath));
    }

    [TestMethod]
    [DataRow("\n", DisplayName = "LF")]
    [DataRow("\r\n", DisplayName = "CRLF checkout")]
    public void DependabotBump_OfCheckout_IsKeptByGenerate_AndVerifyIsClean(string newline)
    {
        var bumped = Bump(Generated(), PackagedCheckout, "actions/checkout@" + NewerSha + " # v7.1.0");
        var (written, drift) = RunWith(bumped.Replace("\n", newline, StringComparison.Ordinal));
        Assert.AreEqual(bumped, written, "generate writes the bumped pin back, byte for byte");
        Assert.IsNull(drift, drift?.Message);
    }

    [TestMethod]
    public void RenovateBump_OfSetupNode_ToAPrereleaseOfTheNextMinor_IsKept()
    {
        var packaged = "actions/setup-node@" + ActionPins.SetupNode.Commit + " # " + ActionPins.SetupNode.Release;
        var bumped = Bump(Generated(), packaged, "actions/setup-node@" + NewerSha + " # v7.1.0-rc.1");
        var (written, drift) = RunWith(bumped);
        Assert.AreEqual(bumped, written);
        Assert.IsNull(drift, drift?.Message);
    }

    [TestMethod]
    public void SameRelease_OtherSha_IsKept()
    {
        var bumped = Bump(Generated(), PackagedCheckout, "actions/checkout@" + NewerSha + " # " + ActionPins.Checkout.Release);
        Assert.IsNull(RunWith(bumped).Drift);
    }

    [TestMethod]
    public void ABumpPlusAnotherEdit_KeepsThePin_AndTheEditIsTPB030()
    {
        var bumped = Bump(Generated(), PackagedCheckout, "actions/checkout@" + NewerSha + " # v7.1.0");
        var edited = Bump(bumped, "cancel-in-progress: false", "cancel-in-progress: true");
        var (written, drift) = RunWith(edited);
        Assert.AreEqual(bumped, written, "the pin stays, the edit is undone");
        Assert.AreEqual("TPB030", drift!.Code);
        StringAssert.Contains(drift.Message, "cancel-in-progress: true");
    }

    public static IEnumerable<object[]> Rejected()
    {
        yield return new object[] { "downgrade", "actions/checkout@" + OlderSha + " # v6.1.0", "is release v6.1.0, older than " + ActionPins.Checkout.Release };
        yield return new object[] { "tag", "actions/checkout@v7", "refers to the tag or branch 'v7' instead of a commit SHA" };
        yield return new object[] { "branch", "actions/checkout@main # v7.1.0", "refers to the tag or branch 'main'" };
        yield return new object[] { "short SHA", "actions/checkout@0123456 # v7.1.0", "refers to the short SHA '0123456' (7 hex digits)" };
        yield return new object[] { "capital SHA", "actions/checkout@" + NewerSha.ToUpperInvariant() + " # v7.1.0", "not 40 lower-case hexadecimal digits" };
        yield return new object[] { "missing comment", "actions/checkout@" + NewerSha, "has no '# vX.Y.Z' comment" };
        yield return new object[] { "unparsable comment", "actions/checkout@" + NewerSha + " # latest", "has the comment '# latest', which does not start with a release" };
        yield return new object[] { "another action", "evil/checkout@" + NewerSha + " # v9.0.0", "uses another action, evil/checkout" };
        yield return new object[] { "spacing only", "actions/checkout@" + ActionPins.Checkout.Commit + "   # " + ActionPins.Checkout.Release, "the same pin written differently" };
    }

    [TestMethod]
    [DynamicData(nameof(Rejected))]
    public void RejectedPin_IsRevertedByGenerate_AndVerifyNamesTheActionAndWhy(string kind, string uses, string why)
    {
        var generated = Generated();
        var edited = Bump(generated, PackagedCheckout, uses);
        var (written, drift) = RunWith(edited);
        Assert.AreEqual(generated, written, $"{kind}: generate restores the package's pin");
        Assert.AreEqual("TPB033", drift!.Code, kind);
        var line = WorkflowDrift.SplitLines(generated).FindIndex(l => l.Contains(PackagedCheckout, StringComparison.Ordinal)) + 1;
        Assert.AreEqual(line, drift.Line, kind);
        StringAssert.Contains(drift.Message, "pins actions/checkout", kind);
        StringAssert.Contains(drift.Message, $"from line {line}", kind);
        StringAssert.Contains(drift.Message, why, kind);
        StringAssert.Contains(drift.Message, "the generator writes 'uses: " + PackagedCheckout + "'", kind);
    }

    [TestMethod]
    public void NewerPin_InAFileWithoutTheGeneratedHeader_IsNotAdopted()
    {
        var bumped = Bump(Generated(), PackagedCheckout, "actions/checkout@" + NewerSha + " # v7.1.0");
        var foreign = string.Join("\n", bumped.Split('\n').Where(l => !l.StartsWith("# Generated by", StringComparison.Ordinal)));
        Assert.AreSame(ActionPinSet.Packaged, CommittedPins.Adopt(ActionPinSet.Packaged, foreign));
    }

    [TestMethod]
    public void AnActionPinnedTwiceDifferently_IsNotAdopted()
    {
        var bumped = Bump(Generated(), PackagedCheckout, "actions/checkout@" + NewerSha + " # v7.1.0");
        var twice = bumped + "# uses: not a line\n      - uses: actions/checkout@" + "fedcba9876543210fedcba9876543210fedcba98" + " # v7.2.0\n";
        Assert.AreSame(ActionPinSet.Packaged, CommittedPins.Adopt(ActionPinSet.Packaged, twice));
    }

    [TestMethod]
    public void UnpinnedWorkflow_AdoptsNothing()
    {
        var inputs = TestInputs.Create();
        inputs.PinActions = "false";
        var generated = Generated(inputs);
        var (written, drift) = RunWith(generated.Replace("actions/checkout@v7", "actions/checkout@" + NewerSha + " # v7.1.0", StringComparison.Ordinal), inputs);
        Assert.AreEqual(generated, written);
        Assert.AreEqual("TPB030", drift!.Code, "an unpinned workflow has no pin to compare with");
    }
}
