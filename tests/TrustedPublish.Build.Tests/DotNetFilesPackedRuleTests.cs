using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.PackageJson;

namespace TrustedPublish.Build.Tests;

/// <summary>TPB028: what counts as the .NET build's files, what the message says, and when the package folder is read at all.</summary>
[TestClass]
public sealed class DotNetFilesPackedRuleTests
{
    private static RuleHarness Harness(params string[] files) => new() { PackageFiles = files.ToList() };

    private static List<Diagnostics.Diagnostic> Findings(RuleHarness harness) => harness.Run().Where(d => d.Code == "TPB028").ToList();

    [TestMethod]
    public void RealWorldFolder_NamesTheFilesTheReasonAndAFilesListThatKeepsThePackage()
    {
        var harness = Harness("index.js", "lib/util.js", "README.md", "LICENSE", "Widget.csproj", "nuget.config", "obj/project.assets.json",
            "obj/Widget.csproj.nuget.g.props", "obj/Debug/net10.0/Widget.AssemblyInfo.cs", "bin/Debug/net10.0/Widget.dll", ".editorconfig");
        harness.IgnoreTexts[".gitignore"] = "node_modules/\n";
        var message = Findings(harness).Single().Message;
        StringAssert.StartsWith(message, "npm would publish the .NET project's files with this package: Widget.csproj, obj/Widget.csproj.nuget.g.props, nuget.config, obj/Debug/net10.0/Widget.AssemblyInfo.cs and 2 more.");
        StringAssert.Contains(message, "package.json has no \"files\" list, and .gitignore (which npm reads when there is no .npmignore) does not leave them out.");
        StringAssert.Contains(message, "obj/ holds this machine's absolute paths");
        StringAssert.Contains(message, "Fix: keep them out of the package: add \"files\": [\"index.js\", \"lib\"] to package.json (npm always adds package.json, README and LICENSE), or add bin/, obj/, *.csproj and nuget.config to .npmignore and copy .gitignore's lines into it");
    }

    [TestMethod]
    public void FilesListThatTakesThemIn_IsTheOnlyFix_NpmReadsNoIgnoreFileBesideIt()
    {
        var harness = Harness("index.js", "Widget.csproj");
        harness.PackageJsonText = RuleHarness.Replace(RuleHarness.PackageJson, "\"publishConfig\"", "\"files\": [\"*\"],\n  \"publishConfig\"");
        harness.IgnoreTexts[".npmignore"] = "*.csproj\n";
        var message = Findings(harness).Single().Message;
        StringAssert.Contains(message, "package.json's \"files\" list takes them in.");
        StringAssert.Contains(message, "make package.json's \"files\" name only what the package needs, such as [\"index.js\"]");
        Assert.IsFalse(message.Contains(".npmignore", System.StringComparison.Ordinal), message);
    }

    [TestMethod]
    [DataRow("bin/cli.js", "", DisplayName = "an npm command directly in bin/")]
    [DataRow("obj/model.obj", "", DisplayName = "an obj/ folder with no project beside it")]
    [DataRow("tools/bin/Debug/x.dll", "", DisplayName = "bin/Debug with no project beside it")]
    [DataRow("Widget.csproj;bin/cli.js;bin/Release/net10.0/Widget.dll", "Widget.csproj, bin/Release/net10.0/Widget.dll", DisplayName = "bin/ beside a project: its configuration folders only")]
    [DataRow("dotnet/Tool.fsproj;dotnet/obj/project.assets.json;obj/other.json", "dotnet/Tool.fsproj, dotnet/obj/project.assets.json", DisplayName = "a project in a subfolder")]
    [DataRow("NuGet.Config;Directory.Build.props;App.slnx;x.targets", "App.slnx, Directory.Build.props, x.targets, NuGet.Config", DisplayName = "NuGet configuration and MSBuild files in any case")]
    public void DotNetFiles_AreProjectFilesAndTheBuildOutputBesideAProject(string files, string expected)
    {
        var packed = files.Split(';').Append("package.json").ToList();
        var found = Rules.PackageJson.DotNetFilesPackedRule.Find(packed.OrderBy(p => p, System.StringComparer.Ordinal).ToList(), new PackageFolderFromPaths(packed));
        Assert.AreEqual(expected, string.Join(", ", found));
    }

    [TestMethod]
    public void PrivatePackage_IsNotReported_NpmRefusesToPublishIt()
    {
        var harness = Harness("index.js", "Widget.csproj");
        harness.PackageJsonText = RuleHarness.Replace(RuleHarness.PackageJson, "\"publishConfig\"", "\"private\": true,\n  \"publishConfig\"");
        Assert.AreEqual(0, Findings(harness).Count);
    }

    [TestMethod]
    public void IgnoreRuleTheModelDoesNotRead_IsLeftToThePreflight()
    {
        var harness = Harness("index.js", "Widget.csproj");
        harness.IgnoreTexts[".npmignore"] = "+(a|b).js\n";
        Assert.AreEqual(0, Findings(harness).Count);
    }

    /// <summary>With generation on and no other workflow or .npmrc, the rules still run for this one.</summary>
    [TestMethod]
    public void GenerationOn_WithNothingElseToCheck_StillReports()
    {
        var harness = Harness("index.js", "Widget.csproj");
        harness.HandMaintained = false;
        harness.Workflows.Clear();
        Assert.AreEqual("TPB028 package.json:1:1", string.Join(" | ", harness.Findings()));
    }

    /// <summary>The folder is listed only when the check runs: not when package.json cannot be read or the settings are wrong.</summary>
    [TestMethod]
    public void PackageFolder_IsNotListed_WhenGenerationStopsBeforeTheChecks()
    {
        foreach (var (packageJson, owner) in new[] { ("{ not json", ""), (RuleHarness.PackageJson, "-bad-owner-") })
        {
            var listed = new List<string>();
            var inputs = TestInputs.Create(packageJson, "https://github.com/Acme-Org/widget");
            inputs.Owner = owner;
            inputs.PackageFolder = new Listing(new PackageFolderFromPaths(new[] { "package.json", "Widget.csproj" }), listed);
            var result = TrustedPublishEngine.Run(inputs);
            Assert.IsTrue(result.HasErrors);
            Assert.AreEqual(0, listed.Count, string.Join(" | ", result.Diagnostics));
        }
    }

    private sealed class Listing : IPackageFolder
    {
        private readonly IPackageFolder inner;
        private readonly List<string> listed;

        public Listing(IPackageFolder inner, List<string> listed)
        {
            this.inner = inner;
            this.listed = listed;
        }

        public PackageFolderListing? List(string folder, int limit)
        {
            listed.Add(folder);
            return inner.List(folder, limit);
        }

        public string? ReadText(string path) => inner.ReadText(path);
    }
}
