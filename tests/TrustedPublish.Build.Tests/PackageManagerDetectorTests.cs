using System;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Model;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Which manager, version and workspace root the workflow uses: packageManager, the lockfile, and the property
/// (facts.md, "Package managers and trusted publishing"). Each case that warns or fails has a near miss beside it.
/// </summary>
[TestClass]
public sealed class PackageManagerDetectorTests
{
    private const string Root = "";
    private const string Member = "packages/widget";

    [TestMethod]
    // packageManager in the package's package.json names the manager and the exact version installed.
    [DataRow("pnpm@10.12.1", "pnpm-lock.yaml", "", "Pnpm 10.12.1 at '' frozen", "", DisplayName = "packageManager pnpm")]
    [DataRow("pnpm@10.18.3+sha512.0123abcd", "pnpm-lock.yaml", "", "Pnpm 10.18.3 at '' frozen", "", DisplayName = "corepack's integrity suffix is not part of the version")]
    [DataRow("yarn@4.10.0", "yarn.lock", "", "YarnBerry 4.10.0 at '' frozen", "", DisplayName = "Yarn 4 is Berry")]
    [DataRow("yarn@1.22.22", "yarn.lock", "", "YarnClassic 1.22.22 at '' frozen", "", DisplayName = "Yarn 1 is classic")]
    [DataRow("bun@1.4.4", "bun.lock", "", "Bun 1.4.4 at '' frozen", "", DisplayName = "packageManager bun")]
    [DataRow("npm@11.6.0", "package-lock.json", "", "Npm - at '' frozen", "", DisplayName = "npm comes with setup-node, whatever version packageManager names")]
    [DataRow("pnpm@10.12.1", "", "", "Pnpm 10.12.1 at '' unfrozen", "", DisplayName = "no lockfile: an install that may write one")]
    // No packageManager: the lockfile names the manager, and this package's tested version is installed, with a warning.
    [DataRow(null, "pnpm-lock.yaml", "", "Pnpm 10.18.3 at '' frozen", "TPB035", DisplayName = "fires TPB035: pnpm lockfile without packageManager")]
    [DataRow(null, "yarn.lock;.yarnrc.yml", "", "YarnBerry 4.10.3 at '' frozen", "TPB035", DisplayName = "fires TPB035: .yarnrc.yml marks Berry")]
    [DataRow(null, "yarn.lock", "", "YarnClassic 1.22.22 at '' frozen", "TPB035", DisplayName = "fires TPB035: yarn.lock alone is classic")]
    [DataRow(null, "bun.lockb", "", "Bun 1.4.4 at '' frozen", "TPB035", DisplayName = "fires TPB035: Bun's binary lockfile")]
    [DataRow(null, "package-lock.json", "", "Npm - at '' frozen", "", DisplayName = "near miss TPB035: npm needs no version")]
    [DataRow(null, "", "", "Npm - at '' unfrozen", "", DisplayName = "no lockfile at all: npm")]
    [DataRow(null, "pnpm-lock.yaml;package-lock.json", "", "Pnpm 10.18.3 at '' frozen", "TPB035", DisplayName = "two lockfiles: pnpm's wins")]
    // packageManager that cannot be installed exactly.
    [DataRow("pnpm@latest", "pnpm-lock.yaml", "", null, "TPB032", DisplayName = "fires TPB032: a tag floats")]
    [DataRow("pnpm@^10.18.0", "pnpm-lock.yaml", "", null, "TPB032", DisplayName = "fires TPB032: a range floats")]
    [DataRow("deno@2.1.0", "", "", null, "TPB032", DisplayName = "fires TPB032: not a manager the workflow sets up")]
    [DataRow("pnpm@v10.18.3", "pnpm-lock.yaml", "", null, "TPB032", DisplayName = "fires TPB032: corepack refuses a v prefix")]
    // The property wins; a bare name keeps packageManager's version of that manager.
    [DataRow("pnpm@10.1.0", "pnpm-lock.yaml", "pnpm", "Pnpm 10.1.0 at '' frozen", "", DisplayName = "property pnpm keeps packageManager's version")]
    [DataRow("pnpm@10.1.0", "pnpm-lock.yaml", "pnpm@9.15.9", "Pnpm 9.15.9 at '' frozen", "", DisplayName = "property pnpm@version replaces it")]
    [DataRow(null, "yarn.lock;.yarnrc.yml", "yarn@4.12.0", "YarnBerry 4.12.0 at '' frozen", "", DisplayName = "property yarn@4 on a Berry repository")]
    [DataRow(null, "pnpm-lock.yaml", "npm", "Npm - at '' unfrozen", "", DisplayName = "property npm in a pnpm repository: npm without a lockfile of its own")]
    [DataRow(null, "", "cargo", null, "TPB036", DisplayName = "fires TPB036: not a package manager")]
    [DataRow(null, "", "pnpm@10", null, "TPB036", DisplayName = "fires TPB036: not an exact version")]
    [DataRow(null, "", "bun", "Bun 1.4.4 at '' unfrozen", "TPB035", DisplayName = "near miss TPB036: a bare name")]
    public void PackageAtTheRoot(string? packageManager, string files, string property, string? expected, string codes)
    {
        var inputs = Inputs(packageManager, Member: false);
        inputs.PackageManagerFolders = TestInputs.Folders((Root, Split(files), null));
        inputs.PackageManager = property;
        AssertDetected(inputs, expected, codes);
    }

    [TestMethod]
    [DataRow("pnpm-lock.yaml;pnpm-workspace.yaml", "{ \"private\": true, \"packageManager\": \"pnpm@10.18.3\" }", "Pnpm 10.18.3 at '' frozen", "", DisplayName = "pnpm workspace: the root's lockfile and packageManager")]
    [DataRow("yarn.lock;.yarnrc.yml", "{ \"private\": true, \"workspaces\": [\"packages/*\"], \"packageManager\": \"yarn@4.10.3\" }", "YarnBerry 4.10.3 at '' frozen", "", DisplayName = "Yarn workspace")]
    [DataRow("package-lock.json", "{ \"private\": true, \"workspaces\": [\"packages/*\"] }", "Npm - at '' frozen", "", DisplayName = "npm workspace: npm ci at the root")]
    [DataRow("bun.lock", "{ \"private\": true, \"workspaces\": { \"packages\": [\"packages/*\"] } }", "Bun 1.4.4 at '' frozen", "TPB035", DisplayName = "Bun workspace (workspaces as an object)")]
    [DataRow("package-lock.json", "{ \"private\": true, \"devDependencies\": { \"prettier\": \"3.0.0\" } }", "Npm - at 'packages/widget' unfrozen", "", DisplayName = "near miss: a lockfile above that declares no workspaces belongs to another project")]
    [DataRow("pnpm-lock.yaml", null, "Npm - at 'packages/widget' unfrozen", "", DisplayName = "near miss: a pnpm lockfile above without pnpm-workspace.yaml")]
    [DataRow("pnpm-workspace.yaml", "{ \"private\": true }", "Pnpm 10.18.3 at '' unfrozen", "TPB035", DisplayName = "a declared pnpm workspace without a lockfile yet")]
    public void PackageInAWorkspace(string rootFiles, string? rootPackageJson, string expected, string codes)
    {
        var inputs = Inputs(null, Member: true);
        inputs.PackageManagerFolders = TestInputs.Folders((Member, new string[0], null), ("packages", new string[0], null), (Root, Split(rootFiles), rootPackageJson));
        AssertDetected(inputs, expected, codes);
    }

    [TestMethod]
    public void PackagesOwnPackageManager_WinsOverTheWorkspaceRoots()
    {
        var inputs = Inputs("pnpm@10.20.0", Member: true);
        inputs.PackageManagerFolders = TestInputs.Folders((Member, new string[0], null), (Root, new[] { "pnpm-lock.yaml", "pnpm-workspace.yaml" }, "{ \"packageManager\": \"pnpm@10.18.3\" }"));
        AssertDetected(inputs, "Pnpm 10.20.0 at '' frozen", "");
    }

    [TestMethod]
    public void TPB032_InTheWorkspaceRootsPackageJson_PointsAtThatFileAndLine()
    {
        var inputs = Inputs(null, Member: true);
        inputs.PackageManagerFolders = new[]
        {
            new PackageManagerFolder(Member, new string[0]),
            new PackageManagerFolder(Root, new[] { "pnpm-lock.yaml", "pnpm-workspace.yaml" }, System.Text.Encoding.UTF8.GetBytes("{\n  \"private\": true,\n  \"packageManager\": \"pnpm@next-10\"\n}\n"), "/repo/package.json"),
        };
        var error = TrustedPublishEngine.Run(inputs).Diagnostics.Single(d => d.Code == "TPB032");
        Assert.AreEqual(("/repo/package.json", 3, 3), (error.File, error.Line, error.Column));
        StringAssert.Contains(error.Message, "'pnpm@next-10'");
    }

    [TestMethod]
    public void TPB035_NamesTheCommandAndTheFileToChange()
    {
        var inputs = Inputs(null, Member: true);
        inputs.PackageManagerFolders = TestInputs.Folders((Member, new string[0], null), (Root, new[] { "yarn.lock", ".yarnrc.yml" }, "{ \"workspaces\": [\"packages/*\"] }"));
        var warning = TrustedPublishEngine.Run(inputs).Diagnostics.Single(d => d.Code == "TPB035");
        StringAssert.Contains(warning.Message, "installs Yarn 4.10.3");
        StringAssert.Contains(warning.Message, "\"packageManager\": \"yarn@<the version you use>\" to package.json");
    }

    [TestMethod]
    [DataRow("package-lock.json", "dependencies", "workspace:^", "TPB037", DisplayName = "fires TPB037: npm packs workspace: as written")]
    [DataRow("yarn.lock", "peerDependencies", "workspace:*", "TPB037", DisplayName = "fires TPB037: so does Yarn classic")]
    [DataRow("package-lock.json", "optionalDependencies", "catalog:", "TPB037", DisplayName = "fires TPB037: catalog: too")]
    [DataRow("pnpm-lock.yaml", "dependencies", "workspace:^", "", DisplayName = "near miss TPB037: pnpm rewrites it when it packs")]
    [DataRow("yarn.lock;.yarnrc.yml", "dependencies", "workspace:^", "", DisplayName = "near miss TPB037: so does Yarn Berry")]
    [DataRow("package-lock.json", "devDependencies", "workspace:^", "", DisplayName = "near miss TPB037: devDependencies are not installed by the package's users")]
    [DataRow("package-lock.json", "dependencies", "^1.2.0", "", DisplayName = "near miss TPB037: a version range")]
    public void TPB037_UnresolvedRange_WithAManagerThatDoesNotRewriteIt(string files, string field, string range, string code)
    {
        var inputs = TestInputs.Create($"{{\n  \"name\": \"@acme/widget\",\n  \"version\": \"1.2.0\",\n  \"packageManager\": \"{(files.StartsWith("pnpm", StringComparison.Ordinal) ? "pnpm@10.18.3" : files.Contains(".yarnrc", StringComparison.Ordinal) ? "yarn@4.10.3" : files.StartsWith("yarn", StringComparison.Ordinal) ? "yarn@1.22.22" : "npm@11.6.0")}\",\n  \"{field}\": {{\n    \"@acme/core\": \"{range}\"\n  }}\n}}\n");
        inputs.PackageManagerFolders = TestInputs.Folders((Root, Split(files), null));
        var result = TrustedPublishEngine.Run(inputs);
        var found = result.Diagnostics.Where(d => d.Code == "TPB037").ToList();
        Assert.AreEqual(code, string.Join(",", found.Select(d => d.Code)), string.Join("\n", result.Diagnostics));
        if (code.Length > 0)
        {
            Assert.AreEqual((6, 5), (found[0].Line, found[0].Column), "at the dependency");
            Assert.IsNull(result.Workflow);
        }
    }

    private static TrustedPublishInputs Inputs(string? packageManager, bool Member)
    {
        var field = packageManager == null ? "" : $"  \"packageManager\": \"{packageManager}\",\n";
        var inputs = TestInputs.Create("{\n  \"name\": \"@acme/widget\",\n" + field + "  \"version\": \"1.2.0\"\n}\n");
        if (Member)
        {
            inputs.PackageDirectory = PackageManagerDetectorTests.Member;
            inputs.ProjectPath = PackageManagerDetectorTests.Member + "/widget.csproj";
            inputs.PackageJsonPath = "/repo/" + PackageManagerDetectorTests.Member + "/package.json";
        }

        return inputs;
    }

    private static string[] Split(string files) => files.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries);

    private static void AssertDetected(TrustedPublishInputs inputs, string? expected, string codes)
    {
        var result = TrustedPublishEngine.Run(inputs);
        var found = string.Join(",", result.Diagnostics.Select(d => d.Code).Where(c => c is "TPB032" or "TPB035" or "TPB036"));
        Assert.AreEqual(codes, found, string.Join("\n", result.Diagnostics));
        if (expected == null)
        {
            Assert.IsNull(result.Workflow, "nothing is generated for a manager that cannot be set up");
            return;
        }

        var manager = result.Settings!.PackageManager;
        Assert.AreEqual(expected, $"{manager.Kind} {manager.Version ?? "-"} at '{manager.WorkspaceDirectory}' {(manager.HasLockfile ? "frozen" : "unfrozen")}");
    }
}
