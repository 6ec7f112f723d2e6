using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Workflow;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// The preflight as a workspace's workflow runs it for each package (WorkspacePreflight.Script, under GitHub's
/// bash -eo pipefail, against a fake npm): a version already on the registry is skipped with a notice, and the tag
/// schemes of several packages hold only the package a tag names.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
public sealed class WorkspacePreflightTests
{
    private static (int ExitCode, string Output, Dictionary<string, string> Outputs) Run(string name, string version, string? tag, bool published = false, string tagPrefix = "v")
    {
        var folder = TestPaths.NewTempFolder("workspace-preflight");
        var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        File.WriteAllText(Path.Combine(folder, "package.json"), $"{{\"name\": \"{name}\", \"version\": \"{version}\", \"repository\": {{\"url\": \"git+https://github.com/Acme-Org/widgets.git\"}}}}");
        var npm = Path.Combine(bin, "npm");
        File.WriteAllText(npm, $$"""
            #!/usr/bin/env bash
            case "$1" in
              --version) echo "11.6.2" ;;
              view)
                if [ "$2" = "{{name}}@{{version}}" ]; then {{(published ? $"echo {version}; exit 0" : "exit 0")}}; fi
                echo "$2" ;;
              pack) echo '[{"files":[{"path":"package.json"},{"path":"index.js"}]}]' ;;
              *) exit 99 ;;
            esac
            """.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(npm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var script = Path.Combine(folder, "preflight.sh");
        File.WriteAllText(script, WorkspacePreflight.Script);
        var outputFile = Path.Combine(folder, "github_output");
        File.WriteAllText(outputFile, "");
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["GITHUB_REPOSITORY"] = "Acme-Org/widgets",
            ["GITHUB_REF_TYPE"] = tag == null ? "branch" : "tag",
            ["GITHUB_REF_NAME"] = tag ?? "main",
            ["GITHUB_OUTPUT"] = outputFile,
            ["ACTIONS_ID_TOKEN_REQUEST_URL"] = "https://token.actions.example/",
            ["TAG_PREFIX"] = tagPrefix,
            ["ACCESS"] = "public",
            ["REGISTRY"] = "https://registry.npmjs.org/",
        };
        var result = ProcessRunner.Run("bash", new[] { "--noprofile", "--norc", "-eo", "pipefail", script }, folder, environment);
        var outputs = File.ReadAllLines(outputFile).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Directory.Delete(folder, recursive: true);
        return (result.ExitCode, result.All, outputs);
    }

    private static void AssertPublishes(string name, string version, string? tag, string tagPrefix = "v")
    {
        var (exitCode, output, outputs) = Run(name, version, tag, tagPrefix: tagPrefix);
        Assert.AreEqual(0, exitCode, output);
        Assert.AreEqual("true", outputs["publish"], output);
    }

    private static void AssertTagMismatch(string name, string version, string tag, string tagPrefix = "v")
    {
        var (exitCode, output, _) = Run(name, version, tag, tagPrefix: tagPrefix);
        Assert.AreEqual(1, exitCode, output);
        StringAssert.Contains(output, "::error title=Tag does not match version::");
    }

    [TestMethod]
    public void VersionAlreadyPublished_IsSkippedWithANotice_NotAnError_EvenUnderAnotherVersionsTag()
    {
        var (exitCode, output, outputs) = Run("@acme/core", "1.0.0", "v2.0.0", published: true);
        Assert.AreEqual(0, exitCode, output);
        StringAssert.Contains(output, "::notice title=Already published::@acme/core@1.0.0 is already on the registry: skipped.");
        Assert.AreEqual("false", outputs["publish"]);
        Assert.IsFalse(outputs.ContainsKey("dist_tag"));
    }

    [TestMethod]
    public void ChangesetsTag_HoldsOnlyThePackageItNames()
    {
        AssertPublishes("@acme/core", "1.2.3", "@acme/core@1.2.3", tagPrefix: "");
        AssertTagMismatch("@acme/core", "1.2.4", "@acme/core@1.2.3", tagPrefix: "");
        AssertPublishes("@acme/cli", "2.0.0", "@acme/core@1.2.3", tagPrefix: "");
        AssertPublishes("@acme/core-utils", "0.1.0", "@acme/core@1.2.3", tagPrefix: "");
        AssertPublishes("core", "1.2.3", "core@1.2.3", tagPrefix: "");

        // A package whose name begins another's: the other's tag is not about it (was "names version 'ue@1.0.0'").
        AssertPublishes("eslint-plugin", "2.0.0", "eslint-plugin-vue@1.0.0", tagPrefix: "");
        AssertPublishes("@acme/plugin", "2.0.0", "@acme/plugin-vue@1.0.0", tagPrefix: "");
        AssertPublishes("core", "3.0.0", "core-v2@1.0.0", tagPrefix: "");
    }

    [TestMethod]
    public void NameDashVTag_HoldsOnlyThePackageItNames_ScopedByItsShortName()
    {
        AssertPublishes("@acme/core", "1.2.3", "core-v1.2.3", tagPrefix: "");
        AssertTagMismatch("@acme/core", "1.0.0", "core-v1.2.3", tagPrefix: "");
        AssertPublishes("@acme/cli", "3.0.0", "core-v1.2.3", tagPrefix: "");
        AssertPublishes("core-utils", "3.0.0", "core-v1.2.3", tagPrefix: "");
        AssertPublishes("core", "1.2.3-beta.1", "core-v1.2.3-beta.1", tagPrefix: "");
        AssertTagMismatch("core", "1.2.3", "core-v1.2.4+build.5", tagPrefix: "");

        // release-please's tag of core-v2 or core-vue is not about core (was "names version '2-v1.0.0'").
        AssertPublishes("core", "3.0.0", "core-v2-v1.0.0", tagPrefix: "");
        AssertPublishes("@acme/core", "3.0.0", "core-vue-v1.0.0", tagPrefix: "");
    }

    [TestMethod]
    public void PlainVersionTag_HoldsEveryPackageThatPublishes()
    {
        AssertPublishes("@acme/core", "1.2.3", "v1.2.3");
        AssertTagMismatch("@acme/cli", "1.2.4", "v1.2.3");
    }

    [TestMethod]
    public void ManualRun_ChecksNoTag()
    {
        AssertPublishes("@acme/core", "1.2.3", null);
    }
}
