using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static TrustedPublish.Build.Tests.RuleHarness;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// The doctor's checks of hand-written workflows that push to nuget.org (TPB090-TPB093): for each, a fixture that triggers
/// it (code, file, line and column checked) and a near-identical one that does not, each one change from a correct workflow.
/// </summary>
[TestClass]
public sealed class NuGetRuleTests
{
    /// <summary>A correct hand-written trusted-publishing workflow for nuget.org.</summary>
    public const string GoodNuGetWorkflow = """
        name: NuGet
        on:
          push:
            tags: ['v*']
        permissions: {}
        jobs:
          push:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              id-token: write
            steps:
              - uses: actions/checkout@v4
              - run: dotnet pack -c Release -o out
              - uses: NuGet/login@v1
                id: login
                with:
                  user: acme-bot
              - run: dotnet nuget push out/*.nupkg --api-key ${{ steps.login.outputs.NUGET_API_KEY }} --source https://api.nuget.org/v3/index.json

        """;

    private static string Change(string from, string to) => Replace(GoodNuGetWorkflow, from, to);

    private const string LoginKey = "${{ steps.login.outputs.NUGET_API_KEY }}";

    private sealed record Case(string Expected, string Trigger, string NearMiss);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["TPB090 a secret as the API key"] = new("TPB090 nuget.yml:19:14",
            Change(LoginKey, "${{ secrets.NUGET_API_KEY }}"),
            GoodNuGetWorkflow),
        ["TPB090 a secret through env"] = new("TPB090 nuget.yml:19:14",
            Change(LoginKey + " --source", "\"$KEY\" --source").Replace("--source https://api.nuget.org/v3/index.json\n", "--source https://api.nuget.org/v3/index.json\n        env:\n          KEY: ${{ secrets.NUGET_KEY }}\n", StringComparison.Ordinal),
            Change(LoginKey + " --source", "\"$KEY\" --source").Replace("--source https://api.nuget.org/v3/index.json\n", "--source https://api.nuget.org/v3/index.json\n        env:\n          KEY: " + LoginKey + "\n", StringComparison.Ordinal)),
        ["TPB090 nuget.exe pushes to nuget.org by default"] = new("TPB090 nuget.yml:19:14",
            Change("dotnet nuget push out/*.nupkg --api-key " + LoginKey + " --source https://api.nuget.org/v3/index.json", "nuget push out/x.nupkg -ApiKey ${{ secrets.NUGET_KEY }}"),
            Change("dotnet nuget push out/*.nupkg --api-key " + LoginKey + " --source https://api.nuget.org/v3/index.json", "nuget push out/x.nupkg -ApiKey ${{ secrets.NUGET_KEY }} -Source https://nuget.pkg.github.com/acme/index.json")),
        ["TPB091 login without id-token"] = new("TPB091 nuget.yml:9:5",
            Change("      id-token: write\n", ""),
            Change("      contents: read\n", "")),
        ["TPB091 login with the workflow's permissions, which have no id-token"] = new("TPB091 nuget.yml:8:3",
            Change("    permissions:\n      contents: read\n      id-token: write\n", "").Replace("permissions: {}", "permissions:\n  contents: read", StringComparison.Ordinal),
            Change("    permissions:\n      contents: read\n      id-token: write\n", "").Replace("permissions: {}", "permissions:\n  contents: read\n  id-token: write", StringComparison.Ordinal)),
        ["TPB092 a reusable workflow of another repository publishes"] = new("TPB092 nuget.yml:21:11",
            GoodNuGetWorkflow + "  release:\n    uses: other-org/shared/.github/workflows/nuget-publish.yml@v1\n",
            GoodNuGetWorkflow + "  release:\n    uses: Acme-Org/widget/.github/workflows/nuget-publish.yml@main\n"),
        ["TPB092 another repository's workflow with NuGet inputs"] = new("TPB092 nuget.yml:21:11",
            GoodNuGetWorkflow + "  release:\n    uses: other-org/shared/.github/workflows/release.yml@v1\n    with:\n      nuget-user: acme-bot\n",
            GoodNuGetWorkflow + "  release:\n    uses: other-org/shared/.github/workflows/release.yml@v1\n    with:\n      docs: true\n"),
        ["TPB093 self-hosted runner"] = new("TPB093 nuget.yml:8:14",
            Change("runs-on: ubuntu-latest", "runs-on: [self-hosted, linux]"),
            Change("runs-on: ubuntu-latest", "runs-on: [ubuntu-24.04]")),
    };

    public static IEnumerable<object[]> CaseNames() => Cases.Keys.Select(k => new object[] { k });

    private static List<string> Findings(string workflow)
    {
        var harness = new RuleHarness();
        harness.Workflows["nuget.yml"] = workflow;
        return harness.Findings();
    }

    [TestMethod]
    [DynamicData(nameof(CaseNames))]
    public void Rule_FiresOnItsFixture_AndNotOnTheNearMiss(string name)
    {
        var c = Cases[name];
        CollectionAssert.AreEqual(new[] { c.Expected }, Findings(c.Trigger).ToArray(), name);
        CollectionAssert.AreEqual(Array.Empty<string>(), Findings(c.NearMiss).ToArray(), name + " (near miss)");
    }

    /// <summary>What the triggering fixtures raise, for RuleTests' check that every rule's code has a case.</summary>
    internal static IEnumerable<Diagnostics.DiagnosticDescriptor> TriggeredDescriptors() => Cases.Values.SelectMany(c =>
    {
        var harness = new RuleHarness();
        harness.Workflows["nuget.yml"] = c.Trigger;
        return harness.Run().Select(d => d.Descriptor);
    });

    [TestMethod]
    public void EveryNuGetCode_HasACase()
    {
        foreach (var code in new[] { "TPB090", "TPB091", "TPB092", "TPB093" })
        {
            Assert.IsTrue(Cases.Values.Any(c => c.Expected.StartsWith(code, StringComparison.Ordinal)), code);
        }
    }

    /// <summary>A build of an npm-only project does not judge its repository's NuGet workflows; the doctor and a project that publishes to nuget.org do.</summary>
    [TestMethod]
    public void NuGetChecks_RunInTheDoctor_AndInBuildsOfProjectsThatPublishToNuGet_Only()
    {
        var harness = new RuleHarness { HandMaintained = false };
        harness.Workflows["nuget.yml"] = Change(LoginKey, "${{ secrets.NUGET_API_KEY }}");
        Assert.IsFalse(harness.Findings().Any(f => f.StartsWith("TPB090", StringComparison.Ordinal)), "an npm-only build");
        harness.Configure = i => { i.NuGetUser = "acme-bot"; i.PackageId = "Acme.Widget"; };
        var findings = harness.Run().Where(d => d.Code == "TPB090").ToList();
        Assert.AreEqual(1, findings.Count, "a build of a project that also publishes to nuget.org");
        Assert.AreEqual(Diagnostics.DiagnosticSeverity.Warning, findings[0].Severity);
    }
}
