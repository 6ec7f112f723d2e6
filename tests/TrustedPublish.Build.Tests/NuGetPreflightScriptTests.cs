using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Runs the NuGet workflow's preflight step as GitHub does (its run: text, bash --noprofile --norc -eo pipefail, its env)
/// against a fake curl that answers for nuget.org's flat container, over a folder of packed files.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NuGetPreflightScriptTests
{
    private static (int ExitCode, string Output, string Package) Run(string[] packed, string flatContainer = "404", bool oidc = true)
    {
        var folder = TestPaths.NewTempFolder("nuget-preflight");
        var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        var packages = Directory.CreateDirectory(Path.Combine(folder, "packages")).FullName;
        foreach (var file in packed)
        {
            File.WriteAllText(Path.Combine(packages, file), "x");
        }

        // The fake curl prints the body, then the status on its own line, as --write-out '\n%{http_code}' does.
        var curl = Path.Combine(bin, "curl");
        var body = flatContainer == "404" ? "<Error/>" : flatContainer == "500" ? "oops" : flatContainer;
        var status = flatContainer is "404" or "500" ? flatContainer : "200";
        File.WriteAllText(curl, $"#!/usr/bin/env bash\ncase \"$*\" in *v3-flatcontainer/acme.widget/index.json*) printf '%s\\n%s' '{body}' '{status}' ;; *) echo \"unexpected curl $*\" >&2; exit 99 ;; esac\n");
        File.SetUnixFileMode(curl, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var workflow = WorkflowGeneratorTests.Parse(NuGetWorkflowTests.Generate(NuGetWorkflowTests.NuGetOnly()));
        var steps = ((YamlSequenceNode)WorkflowGeneratorTests.Map(WorkflowGeneratorTests.Map(workflow, "jobs"), "publish")["steps"]).Children.Cast<YamlMappingNode>();
        var preflight = steps.Single(s => s.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id.ToString() == "preflight");
        var script = Path.Combine(folder, "preflight.sh");
        File.WriteAllText(script, WorkflowGeneratorTests.Scalar(preflight, "run"));
        var output = Path.Combine(folder, "github_output");
        File.WriteAllText(output, "");
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["GITHUB_OUTPUT"] = output,
            ["ACTIONS_ID_TOKEN_REQUEST_URL"] = oidc ? "https://token.actions.example/" : null,
            ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = oidc ? "t" : null,
            ["PACKAGE_ID"] = WorkflowGeneratorTests.Scalar(WorkflowGeneratorTests.Map(preflight, "env"), "PACKAGE_ID"),
            ["VERSION"] = "1.2.0",
            ["PACKAGE_FOLDER"] = packages,
        };
        var result = ProcessRunner.Run("bash", new[] { "--noprofile", "--norc", "-eo", "pipefail", script }, folder, environment);
        var package = File.ReadAllLines(output).Select(l => l.Split('=', 2)).Where(p => p[0] == "package").Select(p => p[1]).SingleOrDefault() ?? "";
        Directory.Delete(folder, recursive: true);
        return (result.ExitCode, result.All, package);
    }

    private static void AssertFailsWith(string title, (int ExitCode, string Output, string Package) run)
    {
        Assert.AreEqual(1, run.ExitCode, run.Output);
        var errors = run.Output.Split('\n').Where(l => l.StartsWith("::error", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(1, errors.Count, run.Output);
        StringAssert.StartsWith(errors[0], $"::error title={title}::");
    }

    [TestMethod]
    public void AllRight_PassesAndNamesThePackage_SymbolsBesideIt()
    {
        var run = Run(new[] { "Acme.Widget.1.2.0.nupkg", "Acme.Widget.1.2.0.snupkg" }, "{\"versions\":[\"1.0.0\",\"1.2.0-beta.1\"]}");
        Assert.AreEqual(0, run.ExitCode, run.Output);
        StringAssert.EndsWith(run.Package, "/Acme.Widget.1.2.0.nupkg");
    }

    [TestMethod]
    public void ANewPackage_Passes() => Assert.AreEqual(0, Run(new[] { "acme.widget.1.2.0.nupkg" }).ExitCode);

    [TestMethod]
    public void PackedVersionDiffersFromTheTag_Fails() =>
        AssertFailsWith("Packed version differs from the tag", Run(new[] { "Acme.Widget.1.2.1-g1a2b3c.nupkg" }));

    [TestMethod]
    public void NothingPacked_Fails() => AssertFailsWith("Nothing packed", Run(Array.Empty<string>()));

    [TestMethod]
    public void VersionAlreadyOnNuGetOrg_Fails() =>
        AssertFailsWith("Version already on nuget.org", Run(new[] { "Acme.Widget.1.2.0.nupkg" }, "{\"versions\":[\"1.0.0\",\"1.2.0\"]}"));

    [TestMethod]
    public void NoOidcToken_Fails() => AssertFailsWith("No OIDC token", Run(new[] { "Acme.Widget.1.2.0.nupkg" }, oidc: false));

    [TestMethod]
    public void NuGetOrgUnreachable_WarnsAndPasses()
    {
        var run = Run(new[] { "Acme.Widget.1.2.0.nupkg" }, "500");
        Assert.AreEqual(0, run.ExitCode, run.Output);
        StringAssert.Contains(run.Output, "::warning title=nuget.org not reachable::");
    }
}
