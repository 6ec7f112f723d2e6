using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.Rules;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Tests;

/// <summary>The NuGet workflow: golden files, GitHub's parser and actionlint, its hardening, every input, its settings' errors.</summary>
[TestClass]
public sealed class NuGetWorkflowTests
{
    internal const string ProjectFileText = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <PackageId>Acme.Widget</PackageId>\n    <TrustedPublishNuGetUser>acme-bot</TrustedPublishNuGetUser>\n    <TrustedPublishNuGetWorkflowFile>x.yml</TrustedPublishNuGetWorkflowFile>\n    <TrustedPublishNuGetTestProject>x</TrustedPublishNuGetTestProject>\n    <TrustedPublishDotNetVersion>x</TrustedPublishDotNetVersion>\n    <IsPackable>false</IsPackable>\n  </PropertyGroup>\n</Project>\n";

    /// <summary>A project that publishes to nuget.org only, as the task fills the inputs (no package.json).</summary>
    internal static TrustedPublishInputs NuGetOnly()
    {
        var inputs = TestInputs.Create(repositoryUrl: "https://github.com/Acme-Org/widget");
        inputs.PackageJson = Array.Empty<byte>();
        inputs.ProjectPath = "src/Acme.Widget/Acme.Widget.csproj";
        inputs.ProjectFile = "/repo/src/Acme.Widget/Acme.Widget.csproj";
        inputs.ProjectFileText = ProjectFileText;
        inputs.NuGetUser = "acme-bot";
        inputs.PackageId = "Acme.Widget";
        return inputs;
    }

    public static IEnumerable<object[]> Configurations()
    {
        yield return new object[] { "nuget-default" };
        yield return new object[] { "nuget-global-json" };
        yield return new object[] { "nuget-unpinned" };
    }

    internal static TrustedPublishInputs InputsFor(string configuration)
    {
        var inputs = NuGetOnly();
        switch (configuration)
        {
            case "nuget-default":
                return inputs;
            case "nuget-global-json":
                inputs.HasGlobalJson = true;
                inputs.Environment = "nuget";
                inputs.TagPattern = "widget-v*";
                inputs.NuGetWorkflowFile = "release-widget.yml";
                inputs.NuGetTestProject = "Widget.sln";
                return inputs;
            case "nuget-unpinned":
                inputs.PinActions = "false";
                inputs.DotNetVersion = "9.0.x";
                return inputs;
            default:
                throw new ArgumentOutOfRangeException(nameof(configuration));
        }
    }

    internal static string Generate(TrustedPublishInputs inputs)
    {
        var result = NuGetPublishEngine.Generate(inputs, runRules: true);
        Assert.IsFalse(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Workflow!;
    }

    private static List<Diagnostic> Errors(TrustedPublishInputs inputs) =>
        NuGetPublishEngine.Generate(inputs, runRules: true).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    [TestMethod]
    [DynamicData(nameof(Configurations))]
    public void Generate_Configuration_MatchesGoldenFile(string configuration)
    {
        Golden.AssertMatches(configuration + ".yml", Generate(InputsFor(configuration)));
    }

    [TestMethod]
    public void Generate_GoldenFiles_AreAcceptedByGitHubsParserAndActionlint()
    {
        var folder = TestPaths.NewTempFolder("nuget-judge");
        var files = Configurations().Select(c => (string)c[0]).Select(c =>
        {
            var path = Path.Combine(folder, c + ".yml");
            File.WriteAllText(path, Generate(InputsFor(c)));
            return path;
        }).ToArray();
        NodeJudge.AssertWorkflowsClean(files);
    }

    [TestMethod]
    [DynamicData(nameof(Configurations))]
    public void Generate_Configuration_FollowsEveryHardeningRule(string configuration)
    {
        var inputs = InputsFor(configuration);
        var text = Generate(inputs);
        Assert.AreEqual(text, Generate(InputsFor(configuration)), "same settings, same bytes");
        Assert.IsFalse(text.Contains('\r'));
        var root = WorkflowGeneratorTests.Parse(text);
        Assert.AreEqual(0, WorkflowGeneratorTests.Map(root, "permissions").Children.Count, "permissions: {} at the top");
        Assert.AreEqual("false", WorkflowGeneratorTests.Scalar(WorkflowGeneratorTests.Map(root, "concurrency"), "cancel-in-progress"));
        var job = WorkflowGeneratorTests.Map(WorkflowGeneratorTests.Map(root, "jobs"), "publish");
        CollectionAssert.AreEquivalent(new[] { "contents=read", "id-token=write" }, WorkflowGeneratorTests.Map(job, "permissions").Children.Select(p => $"{p.Key}={p.Value}").ToArray());
        var steps = ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().ToList();
        var uses = steps.Where(s => s.Children.ContainsKey(new YamlScalarNode("uses"))).Select(s => WorkflowGeneratorTests.Scalar(s, "uses")).ToList();
        CollectionAssert.AreEqual(new[] { "actions/checkout", "actions/setup-dotnet", "NuGet/login" }, uses.Select(u => u.Split('@')[0]).ToList());
        foreach (var reference in uses)
        {
            StringAssert.Matches(reference, inputs.PinActions == "false" ? new Regex(@"@v\d+$") : new Regex(@"@[0-9a-f]{40}$"));
        }

        var checkout = steps.Single(s => s.Children.TryGetValue(new YamlScalarNode("uses"), out var u) && u.ToString().StartsWith("actions/checkout@", StringComparison.Ordinal));
        Assert.AreEqual("false", WorkflowGeneratorTests.Scalar(WorkflowGeneratorTests.Map(checkout, "with"), "persist-credentials"));
        var setup = WorkflowGeneratorTests.Map(steps.Single(s => s.Children.TryGetValue(new YamlScalarNode("uses"), out var u) && u.ToString().StartsWith("actions/setup-dotnet@", StringComparison.Ordinal)), "with");
        Assert.IsFalse(setup.Children.ContainsKey(new YamlScalarNode("cache")), "no cache in a release job");

        // No expression inside any script; the key reaches the push through env.
        foreach (var step in steps.Where(s => s.Children.ContainsKey(new YamlScalarNode("run"))))
        {
            Assert.IsFalse(WorkflowGeneratorTests.Scalar(step, "run").Contains("${{", StringComparison.Ordinal), WorkflowGeneratorTests.Scalar(step, "name"));
        }

        var push = steps.Last();
        Assert.AreEqual("dotnet nuget push \"$PACKAGE\" --api-key \"$NUGET_API_KEY\" --source https://api.nuget.org/v3/index.json", WorkflowGeneratorTests.Scalar(push, "run"));
        Assert.AreEqual("${{ steps.login.outputs.NUGET_API_KEY }}", WorkflowGeneratorTests.Scalar(WorkflowGeneratorTests.Map(push, "env"), "NUGET_API_KEY"));
    }

    /// <summary>Each input a user can change, changed, and where it shows in the workflow.</summary>
    [TestMethod]
    [DataRow("NuGetUser", "octo.org", "user: \"octo.org\"")]
    [DataRow("PackageId", "Octo.Gadget", "PACKAGE_ID: \"Octo.Gadget\"")]
    [DataRow("NuGetWorkflowFile", "nuget-release.yml", "group: \"nuget-publish-nuget-release.yml\"")]
    [DataRow("NuGetTestProject", "tests/Widget.Tests/Widget.Tests.csproj", "TEST_PROJECT: \"tests/Widget.Tests/Widget.Tests.csproj\"")]
    [DataRow("DotNetVersion", "8.0.x", "dotnet-version: \"8.0.x\"")]
    [DataRow("Environment", "release", "environment: \"release\"")]
    [DataRow("TagPattern", "release-*", "TAG_PREFIX: \"release-\"")]
    [DataRow("RunsOn", "ubuntu-24.04", "runs-on: \"ubuntu-24.04\"")]
    [DataRow("PinActions", "false", "uses: NuGet/login@v1")]
    [DataRow("Owner", "Octo-Org", "owner Octo-Org, repository widget")]
    [DataRow("Repository", "gadget", "repository gadget,")]
    [DataRow("ProjectPath", "Widget.csproj", "PROJECT: \"Widget.csproj\"")]
    [DataRow("Trigger", "release", "  release:\n    types:\n      - published\n")]
    public void Generate_EachInput_ChangesTheWorkflow(string input, string value, string expected)
    {
        var inputs = NuGetOnly();
        var before = Generate(inputs);
        typeof(TrustedPublishInputs).GetProperty(input)!.SetValue(inputs, value);
        var after = Generate(inputs);
        Assert.IsFalse(before.Contains(expected, StringComparison.Ordinal), expected);
        StringAssert.Contains(after, expected);
    }

    [TestMethod]
    public void Generate_GlobalJson_IsUsedInsteadOfTheVersionSetting()
    {
        var inputs = NuGetOnly();
        StringAssert.Contains(Generate(inputs), "dotnet-version: \"10.0.x\"");
        inputs.HasGlobalJson = true;
        inputs.DotNetVersion = "not a version"; // not used, so not judged
        var text = Generate(inputs);
        StringAssert.Contains(text, "global-json-file: global.json");
        Assert.IsFalse(text.Contains("dotnet-version", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Generate_ActionPinItems_AndACommittedNewerPin_ReachTheNuGetActions()
    {
        var inputs = NuGetOnly();
        inputs.ActionPins = new[] { new ActionPinItem("NuGet/login", new string('a', 40), "v1.3.0", null, null) };
        StringAssert.Contains(Generate(inputs), "uses: NuGet/login@" + new string('a', 40) + " # v1.3.0");

        // A Dependabot-style update of setup-dotnet in the committed file is kept; a downgrade is not.
        var committed = Generate(NuGetOnly()).Replace("actions/setup-dotnet@a98b56852c35b8e3190ac28c8c2271da59106c68 # v6.0.0", "actions/setup-dotnet@" + new string('b', 40) + " # v6.1.0", StringComparison.Ordinal);
        var bumped = NuGetOnly();
        bumped.Workflows = new[] { new RepositoryFile("/repo/.github/workflows/publish-nuget.yml", ".github/workflows/publish-nuget.yml", committed) };
        Assert.AreEqual(committed, Generate(bumped));
    }

    /// <summary>Each settings error, at the property's line (line 1 when the property is not in the project file), beside its near miss.</summary>
    [TestMethod]
    [DataRow("TPB050", 4, "IsPackable", "false", "true")]
    [DataRow("TPB051", 4, "NuGetUser", "me@example.com", "me.example")]
    [DataRow("TPB051", 4, "NuGetUser", "acme bot", "acme_bot")]
    [DataRow("TPB052", 5, "NuGetWorkflowFile", ".github/workflows/nuget.yml", "nuget.yml")]
    [DataRow("TPB052", 5, "NuGetWorkflowFile", "nuget.txt", "nuget.yaml")]
    [DataRow("TPB054", 7, "DotNetVersion", "latest", "10.0.100")]
    [DataRow("TPB054", 7, "DotNetVersion", "5.0.x", "6.0.x")]
    [DataRow("TPB055", 3, "PackageId", "Acme..Widget", "Acme.Widget2")]
    [DataRow("TPB055", 3, "PackageId", "", "A")]
    [DataRow("TPB056", 6, "NuGetTestProject", "../other/Other.sln", "other/Other.sln")]
    [DataRow("TPB056", 6, "NuGetTestProject", "--filter", "tests/Unit.csproj")]
    [DataRow("TPB057", 4, "ProjectPath", "src/${{ github.token }}/W.csproj", "src/{ github.token }/W.csproj")]
    [DataRow("TPB017", 4, "NuGetUser", "  ", "x")]
    public void Resolve_BadSetting_IsAnErrorAtThePropertysLine(string code, int line, string input, string bad, string good)
    {
        var inputs = NuGetOnly();
        typeof(TrustedPublishInputs).GetProperty(input)!.SetValue(inputs, bad);
        var errors = Errors(inputs);
        Assert.AreEqual(code, string.Join(",", errors.Select(e => e.Code)), string.Join("\n", errors));
        Assert.AreEqual(line, errors[0].Line, errors[0].ToString());
        StringAssert.EndsWith(errors[0].File, "Acme.Widget.csproj");

        typeof(TrustedPublishInputs).GetProperty(input)!.SetValue(inputs, good);
        Assert.AreEqual(0, Errors(inputs).Count, string.Join("\n", Errors(inputs)));
    }

    [TestMethod]
    public void Resolve_SameFileAsTheNpmWorkflow_IsTPB053_OnlyWhenTheProjectAlsoPublishesToNpm()
    {
        var inputs = NuGetOnly();
        inputs.NuGetWorkflowFile = "publish.yml";
        Assert.AreEqual(0, Errors(inputs).Count, "no package.json: there is no npm workflow");
        inputs.PackageJson = System.Text.Encoding.UTF8.GetBytes(TestInputs.PackageJson);
        var errors = Errors(inputs);
        Assert.AreEqual("TPB053", string.Join(",", errors.Select(e => e.Code)));
        Assert.AreEqual(5, errors[0].Line);
    }

    [TestMethod]
    public void Resolve_SharedSettings_AreJudgedAsForNpm()
    {
        var inputs = NuGetOnly();
        inputs.RunsOn = "self-hosted";
        inputs.Environment = "a/b";
        inputs.TagPattern = "v$*";
        CollectionAssert.AreEquivalent(new[] { "TPB008", "TPB011", "TPB015" }, Errors(inputs).Select(e => e.Code).ToList());
    }

    [TestMethod]
    public void Registration_NamesThePolicysValues_AndThatItCoversEveryPackageOfTheOwner()
    {
        var inputs = NuGetOnly();
        inputs.Environment = "nuget";
        var registration = NuGetPublishEngine.Registration(NuGetPublishEngine.Generate(inputs, runRules: false).Settings!);
        StringAssert.Contains(registration, "signed in as acme-bot");
        StringAssert.Contains(registration, "  Repository owner: Acme-Org\n");
        StringAssert.Contains(registration, "  Repository:       widget\n");
        StringAssert.Contains(registration, "  Workflow file:    publish-nuget.yml\n");
        StringAssert.Contains(registration, "  Environment:      nuget\n");
        StringAssert.Contains(registration, "covers every package that owner owns, Acme.Widget included");
        StringAssert.Contains(NuGetPublishEngine.Registration(NuGetPublishEngine.Generate(NuGetOnly(), runRules: false).Settings!), "Environment:      (leave blank)");
    }

    /// <summary>The doctor of a NuGet-only project reports its settings errors as the build does (it used to check the repository alone).</summary>
    [TestMethod]
    [DataRow("IsPackable", "false", "TPB050", DisplayName = "fires TPB050: not packable")]
    [DataRow("NuGetUser", "me@example.com", "TPB051", DisplayName = "fires TPB051: an e-mail")]
    [DataRow("DotNetVersion", "latest", "TPB054", DisplayName = "fires TPB054")]
    [DataRow("NuGetUser", "acme-bot", "", DisplayName = "near miss: valid settings")]
    public void Doctor_NuGetOnly_ReportsTheSettingsErrors(string input, string value, string code)
    {
        var inputs = NuGetOnly();
        typeof(TrustedPublishInputs).GetProperty(input)!.SetValue(inputs, value);
        var findings = NuGetPublishEngine.Diagnose(inputs);
        Assert.AreEqual(code, string.Join(",", findings.Select(d => d.Code)), string.Join("\n", findings));
    }

    /// <summary>The generated NuGet workflow passes every check, npm's and NuGet's, in the doctor (which reads every workflow).</summary>
    [TestMethod]
    [DynamicData(nameof(Configurations))]
    public void GeneratedWorkflow_PassesEveryCheck(string configuration)
    {
        var inputs = InputsFor(configuration);
        var text = Generate(inputs);
        inputs.Workflows = new[] { new RepositoryFile("/repo/.github/workflows/x.yml", ".github/workflows/x.yml", text) };
        Assert.AreEqual(0, NuGetPublishEngine.Diagnose(inputs).Count, string.Join("\n", NuGetPublishEngine.Diagnose(inputs)));

        // Beside an npm project's files too: not a leftover of its npm workflow (TPB082), nothing found.
        var both = WorkflowGeneratorTests.InputsFor("default");
        both.NuGetUser = "acme-bot";
        both.PackageId = "Acme.Widget";
        both.ProjectPath = inputs.ProjectPath;
        both.GenerateEnabled = false;
        both.Workflows = new[] { new RepositoryFile("/repo/.github/workflows/publish-nuget.yml", ".github/workflows/publish-nuget.yml", Generate(both)) };
        var findings = TrustedPublishEngine.Diagnose(both).Diagnostics.Where(d => d.File!.EndsWith("publish-nuget.yml", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(0, findings.Count, string.Join("\n", findings));
    }

    [TestMethod]
    public void Verify_ANuGetWorkflowEdit_IsTPB030AtTheLine_AndAMovedPinTPB033()
    {
        var expected = Generate(NuGetOnly());
        var edited = expected.Replace("cancel-in-progress: false", "cancel-in-progress: true", StringComparison.Ordinal);
        var drift = Verification.WorkflowDrift.Check(expected, edited, "/repo/.github/workflows/publish-nuget.yml", ".github/workflows/publish-nuget.yml")!;
        Assert.AreEqual("TPB030", drift.Code);
        Assert.AreEqual(edited.Split('\n').ToList().FindIndex(l => l.Contains("cancel-in-progress", StringComparison.Ordinal)) + 1, drift.Line);

        var tagged = expected.Replace("NuGet/login@8d196754b4036150537f80ac539e15c2f1028841 # v1.2.0", "NuGet/login@v1", StringComparison.Ordinal);
        var pin = Verification.WorkflowDrift.Check(expected, tagged, "/repo/x.yml", "x.yml")!;
        Assert.AreEqual("TPB033", pin.Code);
        StringAssert.Contains(pin.Message, "NuGet/login");
    }
}
