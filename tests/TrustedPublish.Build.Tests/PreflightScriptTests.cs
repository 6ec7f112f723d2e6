using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Runs the preflight step exactly as GitHub does (its run: text from the generated workflow, under
/// bash --noprofile --norc -eo pipefail, with the step's env) against a fake npm on PATH.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
public sealed class PreflightScriptTests
{
    private sealed class Setup
    {
        public string Name = "@acme/widget";
        public string Version = "1.2.0";
        public string RepositoryUrl = "git+https://github.com/Acme-Org/widget.git";
        public string NpmVersion = "11.6.2";
        public bool OidcGranted = true;
        public string GitHubRepository = "Acme-Org/widget";
        public string? Tag = "v1.2.0";
        public bool VersionPublished;
        public bool PackageExists = true;
        public string? DistTag;
        public string? PackageJsonText;
        public bool RegistryUnreachable;

        /// <summary>What `npm pack --dry-run --json` lists, and the files that exist in the package folder.</summary>
        public string[] Packed = { "package.json", "README.md", "index.js" };
        public string[] OnDisk = Array.Empty<string>();
        public bool PackFails;
    }

    private static (int ExitCode, string Output, string DistTag) RunPreflight(Setup setup)
    {
        var folder = TestPaths.NewTempFolder("preflight");
        var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        File.WriteAllText(Path.Combine(folder, "package.json"), setup.PackageJsonText ??
            $"{{\"name\": \"{setup.Name}\", \"version\": \"{setup.Version}\", \"repository\": {{\"type\": \"git\", \"url\": \"{setup.RepositoryUrl}\"}}}}");
        foreach (var file in setup.OnDisk)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, file))!);
            File.WriteAllText(Path.Combine(folder, file), "x");
        }

        // What npm 11's `npm pack --dry-run --json` prints (an array with one entry per package), or its error.
        var packJson = setup.PackFails
            ? "{\"error\": {\"summary\": \"Invalid package, must have name and version\", \"detail\": \"\"}}"
            : JsonSerializer.Serialize(new[] { new { id = setup.Name + "@" + setup.Version, name = setup.Name, version = setup.Version, files = setup.Packed.Select(p => new { path = p, size = 1, mode = 420 }) } });
        File.WriteAllText(Path.Combine(bin, "pack.json"), packJson);

        // A fake npm: answers --version, the two `npm view` questions the way the registry would, and `npm pack --dry-run`.
        var npm = Path.Combine(bin, "npm");
        File.WriteAllText(npm, $$"""
            #!/usr/bin/env bash
            case "$1" in
              --version) echo "{{setup.NpmVersion}}" ;;
              view)
                if [ "$2" = "{{setup.Name}}@{{setup.Version}}" ]; then
                  if [ "{{setup.VersionPublished}}" = "True" ]; then echo "{{setup.Version}}"; exit 0; fi
                  {{(setup.PackageExists ? "exit 0" : "echo 'npm error code E404' >&2; exit 1")}}
                fi
                if [ "{{setup.RegistryUnreachable}}" = "True" ]; then echo "npm error code ETIMEDOUT" >&2; exit 1; fi
                if [ "{{setup.PackageExists}}" = "True" ]; then echo "$2"; exit 0; fi
                echo "npm error code E404" >&2; echo "npm error 404 Not Found - GET https://registry.npmjs.org/x" >&2; exit 1 ;;
              pack)
                if [ "$*" != "pack --dry-run --json --ignore-scripts" ]; then echo "unexpected npm $*" >&2; exit 99; fi
                cat "$(dirname "$0")/pack.json"
                {{(setup.PackFails ? "echo 'npm error Invalid package, must have name and version' >&2; exit 1" : "")}} ;;
              *) echo "unexpected npm $*" >&2; exit 99 ;;
            esac
            """.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(npm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // The step as generated: its env and its run: text.
        var inputs = TestInputs.Create($"{{\"name\": \"{setup.Name}\", \"version\": \"{setup.Version}\"}}");
        inputs.DistTag = setup.DistTag ?? "";
        var workflow = WorkflowGeneratorTests.Parse(TrustedPublishEngine.Run(inputs).Workflow!);
        var steps = ((YamlSequenceNode)((YamlMappingNode)WorkflowGeneratorTests.Map(workflow, "jobs")["publish"])["steps"]).Children.Cast<YamlMappingNode>();
        var preflight = steps.Single(s => s.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id.ToString() == "preflight");
        var script = Path.Combine(folder, "preflight.sh");
        File.WriteAllText(script, WorkflowGeneratorTests.Scalar(preflight, "run"));
        var outputFile = Path.Combine(folder, "github_output");
        File.WriteAllText(outputFile, "");

        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["GITHUB_REPOSITORY"] = setup.GitHubRepository,
            ["GITHUB_REF_TYPE"] = setup.Tag == null ? "branch" : "tag",
            ["GITHUB_REF_NAME"] = setup.Tag ?? "main",
            ["GITHUB_OUTPUT"] = outputFile,
            ["ACTIONS_ID_TOKEN_REQUEST_URL"] = setup.OidcGranted ? "https://token.actions.example/" : null,
            ["DIST_TAG"] = null,
        };
        foreach (var entry in ((YamlMappingNode)preflight["env"]).Children)
        {
            environment[entry.Key.ToString()] = entry.Value.ToString();
        }

        var result = ProcessRunner.Run("bash", new[] { "--noprofile", "--norc", "-eo", "pipefail", script }, folder, environment);
        var distTag = File.ReadAllLines(outputFile).Select(l => l.Split('=', 2)).Where(p => p[0] == "dist_tag").Select(p => p[1]).SingleOrDefault() ?? "";
        Directory.Delete(folder, recursive: true);
        return (result.ExitCode, result.All, distTag);
    }

    private static void AssertFailsWithOnly(Setup setup, string title)
    {
        var (exitCode, output, _) = RunPreflight(setup);
        Assert.AreEqual(1, exitCode, output);
        var errors = output.Split('\n').Where(l => l.StartsWith("::error", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(1, errors.Count, output);
        StringAssert.StartsWith(errors[0], "::error title=" + title + "::");
    }

    [TestMethod]
    public void CorrectSetup_Passes_WithDistTagLatest()
    {
        var (exitCode, output, distTag) = RunPreflight(new Setup());
        Assert.AreEqual(0, exitCode, output);
        Assert.IsFalse(output.Contains("::error", StringComparison.Ordinal), output);
        Assert.AreEqual("latest", distTag);
    }

    [TestMethod]
    public void ManualRunWithoutTag_SkipsTheTagCheck()
    {
        var (exitCode, output, _) = RunPreflight(new Setup { Tag = null });
        Assert.AreEqual(0, exitCode, output);
    }

    [TestMethod]
    [DataRow("11.5.0")]
    [DataRow("10.9.2")]
    public void OldNpm_FailsWithItsOwnMessage(string version) =>
        AssertFailsWithOnly(new Setup { NpmVersion = version }, "npm too old for trusted publishing");

    [TestMethod]
    public void NoIdTokenPermission_FailsWithItsOwnMessage() =>
        AssertFailsWithOnly(new Setup { OidcGranted = false }, "No OIDC token");

    [TestMethod]
    [DataRow("git+https://github.com/acme-org/widget.git")]
    [DataRow("https://github.com/Acme-Org/other")]
    [DataRow("")]
    public void RepositoryUrlMismatch_FailsWithItsOwnMessage(string url) =>
        AssertFailsWithOnly(new Setup { RepositoryUrl = url }, "repository.url does not match");

    [TestMethod]
    [DataRow("https://github.com/Acme-Org/widget")]
    [DataRow("git+https://github.com/Acme-Org/widget.git")]
    [DataRow("https://github.com/Acme-Org/widget.git")]
    public void RepositoryUrlForms_ThatNpmAccepts_Pass(string url)
    {
        var (exitCode, output, _) = RunPreflight(new Setup { RepositoryUrl = url });
        Assert.AreEqual(0, exitCode, output);
    }

    [TestMethod]
    public void TagThatDoesNotMatchTheVersion_FailsWithItsOwnMessage() =>
        AssertFailsWithOnly(new Setup { Tag = "v1.2.1" }, "Tag does not match version");

    [TestMethod]
    public void VersionAlreadyPublished_FailsWithItsOwnMessage() =>
        AssertFailsWithOnly(new Setup { VersionPublished = true }, "Version already published");

    [TestMethod]
    public void PackageNotOnTheRegistry_FailsWithTheFirstPublishByHandMessage()
    {
        AssertFailsWithOnly(new Setup { PackageExists = false }, "Package does not exist yet");
        var (_, output, _) = RunPreflight(new Setup { PackageExists = false });
        StringAssert.Contains(output, "publish the first version by hand");
    }

    [TestMethod]
    public void PackageJsonNodeCannotRead_FailsWithItsOwnMessage() =>
        AssertFailsWithOnly(new Setup { PackageJsonText = "{ not json" }, "package.json unreadable");

    [TestMethod]
    public void RegistryNotReachable_WarnsAndGoesOn()
    {
        var (exitCode, output, _) = RunPreflight(new Setup { RegistryUnreachable = true });
        Assert.AreEqual(0, exitCode, output);
        StringAssert.Contains(output, "::warning title=Registry not reachable::Could not ask the registry about @acme/widget: npm error code ETIMEDOUT");
    }

    [TestMethod]
    public void PackedDotNetFiles_FailWithTheirOwnMessage_NamingThemAndTheFix()
    {
        var setup = new Setup
        {
            Packed = new[] { "package.json", "index.js", "Widget.csproj", "nuget.config", "obj/project.assets.json", "bin/Debug/net10.0/Widget.dll", "Directory.Build.props", "x.targets", "App.sln" },
            OnDisk = new[] { "Widget.csproj" },
        };
        AssertFailsWithOnly(setup, "npm would publish the .NET build's files");
        var (_, output, _) = RunPreflight(setup);
        StringAssert.Contains(output, "with @acme/widget@1.2.0: Widget.csproj, nuget.config, obj/project.assets.json, bin/Debug/net10.0/Widget.dll, Directory.Build.props and 2 more.");
        StringAssert.Contains(output, "List only what the package needs in package.json's \"files\"");
        StringAssert.Contains(output, "or, with no \"files\", add bin/, obj/, *.csproj and nuget.config to .npmignore and copy .gitignore's lines into it");
    }

    /// <summary>bin/cli.js is an npm command, and obj/ or bin/Debug/ without a project beside them is not a .NET build's output.</summary>
    [TestMethod]
    public void PackedFilesThatAreNotTheDotNetBuild_Pass()
    {
        var (exitCode, output, _) = RunPreflight(new Setup
        {
            Packed = new[] { "package.json", "bin/cli.js", "obj/model.obj", "tools/bin/Debug/x.dll", "src/Widget.csproj.md" },
            OnDisk = new[] { "tools/Tool.csproj.txt" },
        });
        Assert.AreEqual(0, exitCode, output);
        Assert.IsFalse(output.Contains("::error", StringComparison.Ordinal), output);
    }

    [TestMethod]
    public void DotNetBuildOutputInASubfolderProject_Fails()
    {
        AssertFailsWithOnly(new Setup { Packed = new[] { "package.json", "dotnet/obj/project.assets.json" }, OnDisk = new[] { "dotnet/Tool.fsproj" } }, "npm would publish the .NET build's files");
    }

    private static string WithEntryPoints(string entries) =>
        "{\"name\": \"@acme/widget\", \"version\": \"1.2.0\", \"repository\": {\"type\": \"git\", \"url\": \"git+https://github.com/Acme-Org/widget.git\"}, " + entries + "}";

    [TestMethod]
    [DataRow("\"main\": \"dist/index.js\", \"types\": \"dist/index.d.ts\"", "main dist/index.js, types dist/index.d.ts", DisplayName = "main and types of a build that did not run")]
    [DataRow("\"bin\": { \"widget\": \"./dist/cli.js\" }", "bin widget ./dist/cli.js", DisplayName = "a bin")]
    [DataRow("\"module\": \"dist/index.mjs\"", "module dist/index.mjs", DisplayName = "module")]
    public void EntryPointsNotInThePackage_FailWithTheirOwnMessage(string entries, string named)
    {
        var (exitCode, output, _) = RunPreflight(new Setup { PackageJsonText = WithEntryPoints(entries), Packed = new[] { "package.json", "README.md", "src/index.ts" } });
        Assert.AreEqual(1, exitCode, output);
        var errors = output.Split('\n').Where(l => l.StartsWith("::error", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(1, errors.Count, output);
        StringAssert.StartsWith(errors[0], "::error title=Entry points missing from the package::");
        StringAssert.Contains(errors[0], "(" + named + ")");
    }

    [TestMethod]
    [DataRow("\"main\": \"dist/index.js\", \"types\": \"dist/index.d.ts\"", DisplayName = "near miss: both built")]
    [DataRow("\"main\": \"./dist/index\"", DisplayName = "near miss: main without its extension, as Node resolves it")]
    [DataRow("\"main\": \"dist\"", DisplayName = "near miss: main naming a folder with index.js")]
    [DataRow("\"bin\": \"dist/cli.js\"", DisplayName = "near miss: a bin string")]
    public void EntryPointsInThePackage_Pass(string entries)
    {
        var (exitCode, output, _) = RunPreflight(new Setup { PackageJsonText = WithEntryPoints(entries), Packed = new[] { "package.json", "dist/index.js", "dist/index.d.ts", "dist/cli.js" } });
        Assert.AreEqual(0, exitCode, output);
    }

    [TestMethod]
    public void NpmPackFailing_WarnsThatThePackedFilesWereNotChecked_AndGoesOn()
    {
        var (exitCode, output, _) = RunPreflight(new Setup { PackFails = true });
        Assert.AreEqual(0, exitCode, output);
        StringAssert.Contains(output, "::warning title=Packed files not checked::");
    }

    [TestMethod]
    [DataRow("1.3.0-beta.2", "v1.3.0-beta.2", "beta")]
    [DataRow("2.0.0-rc.1", "v2.0.0-rc.1", "rc")]
    [DataRow("1.0.0-0", "v1.0.0-0", "next")]
    [DataRow("1.0.0-alpha+build.5", "v1.0.0-alpha+build.5", "alpha")]
    public void PrereleaseVersion_PublishesUnderItsFirstIdentifier(string version, string tag, string distTag)
    {
        var (exitCode, output, actual) = RunPreflight(new Setup { Version = version, Tag = tag });
        Assert.AreEqual(0, exitCode, output);
        Assert.AreEqual(distTag, actual);
    }

    [TestMethod]
    public void FixedDistTagProperty_Wins()
    {
        var (exitCode, output, distTag) = RunPreflight(new Setup { Version = "1.3.0-beta.2", Tag = "v1.3.0-beta.2", DistTag = "canary" });
        Assert.AreEqual(0, exitCode, output);
        Assert.AreEqual("canary", distTag);
    }
}
