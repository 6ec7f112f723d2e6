using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.Workflow;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// A project that lists several packages (TrustedPublishPackage items): validation at the item's line, the publish order,
/// one install for all, the workflow (golden files, GitHub's parser and actionlint), the patches and the registration.
/// </summary>
[TestClass]
public sealed class WorkspaceTests
{
    private const string RootWithWorkspaces = "{\n  \"name\": \"acme-workspace\",\n  \"private\": true,\n  \"workspaces\": [\"packages/*\"]\n}\n";

    /// <summary>A repository with a workspace root at the repository root and one project, build/Release.csproj, that lists the given packages.</summary>
    private sealed class Workspace
    {
        public string RootPackageJson = RootWithWorkspaces;
        public string[] RootFiles = { "package-lock.json" };
        public readonly List<(string Folder, string PackageJson, string Metadata)> Packages = new();
        public readonly HashSet<string> MissingFolders = new();

        public Workspace Add(string folder, string packageJson, string metadata = "")
        {
            Packages.Add((folder, packageJson, metadata));
            return this;
        }

        public TrustedPublishInputs Inputs()
        {
            var items = string.Concat(Packages.Select(p => $"    <TrustedPublishPackage Include=\"../{p.Folder}\"{p.Metadata} />\n"));
            var inputs = TestInputs.Create();
            inputs.ProjectPath = "build/Release.csproj";
            inputs.ProjectFile = "/repo/build/Release.csproj";
            inputs.ProjectFileText = "<Project Sdk=\"Microsoft.Build.NoTargets/3.7.0\">\n  <ItemGroup>\n" + items + "  </ItemGroup>\n</Project>\n";
            inputs.RepositoryRoot = "/repo/";
            inputs.PackageJson = Array.Empty<byte>();
            inputs.PackageManagerFolders = new PackageManagerFolder[0];
            inputs.Packages = Packages.Select(p => Item(p.Folder, p.PackageJson, p.Metadata)).ToList();
            return inputs;
        }

        private PackageItem Item(string folder, string packageJson, string metadata)
        {
            string Meta(string name)
            {
                var start = metadata.IndexOf(name + "=\"", StringComparison.Ordinal);
                return start < 0 ? "" : metadata.Substring(start + name.Length + 2, metadata.IndexOf('"', start + name.Length + 2) - start - name.Length - 2);
            }

            var segments = folder == "." ? new string[0] : folder.Split('/');
            var folders = new List<PackageManagerFolder>();
            for (var depth = segments.Length; depth >= 1; depth--)
            {
                folders.Add(new PackageManagerFolder(string.Join("/", segments.Take(depth)), new string[0]));
            }

            // The root's package.json is the package's own when the root itself is listed (the inputs hold it then).
            folders.Add(new PackageManagerFolder("", RootFiles, folder == "." ? null : Encoding.UTF8.GetBytes(RootPackageJson)));
            var inside = !folder.StartsWith("..", StringComparison.Ordinal);
            var missing = MissingFolders.Contains(folder);
            return new PackageItem
            {
                Include = "../" + folder,
                PackageName = Meta("PackageName"),
                Access = Meta("Access"),
                Directory = !inside ? null : folder == "." ? "" : folder,
                FullDirectory = "/repo/" + folder,
                PackageJsonPath = "/repo/" + folder + "/package.json",
                PackageJson = missing || packageJson.Length == 0 ? null : Encoding.UTF8.GetBytes(packageJson),
                FolderExists = !missing,
                PackageManagerFolders = folders,
            };
        }
    }

    private static string Package(string name, string version = "1.0.0", string dependencies = "", string scripts = "") =>
        "{\n  \"name\": \"" + name + "\",\n  \"version\": \"" + version + "\"" +
        (dependencies.Length > 0 ? ",\n  " + dependencies : "") +
        (scripts.Length > 0 ? ",\n  \"scripts\": { " + scripts + " }" : "") + "\n}\n";

    /// <summary>npm workspace, two packages, no scripts at the root: each package builds itself; cli depends on core.</summary>
    private static Workspace TwoPackages() => new Workspace()
        .Add("packages/cli", Package("@acme/cli", "2.0.0", "\"dependencies\": { \"@acme/core\": \"^1.0.0\" }", "\"build\": \"tsc\""))
        .Add("packages/core", Package("@acme/core", "1.0.0", scripts: "\"build\": \"tsc\", \"test\": \"node --test\""));

    /// <summary>pnpm workspace, five packages, built and tested from the root; dependencies of every kind between them, one renamed and one restricted.</summary>
    private static Workspace FivePackages()
    {
        var workspace = new Workspace
        {
            RootPackageJson = "{\n  \"name\": \"acme\",\n  \"private\": true,\n  \"packageManager\": \"pnpm@10.18.3\",\n  \"scripts\": { \"build\": \"tsc --build\", \"test\": \"node --test\" }\n}\n",
            RootFiles = new[] { "pnpm-lock.yaml", "pnpm-workspace.yaml" },
        };
        return workspace
            .Add("packages/app", Package("@acme/app", "3.1.0", "\"dependencies\": { \"@acme/cli\": \"workspace:^\", \"@acme/utils\": \"workspace:*\" }"))
            .Add("packages/cli", Package("@acme/cli", "2.0.0", "\"dependencies\": { \"@acme/core\": \"workspace:^\" },\n  \"optionalDependencies\": { \"acme-native\": \"workspace:*\" }"))
            .Add("packages/core", Package("@acme/core", "1.4.0", "\"peerDependencies\": { \"@acme/types\": \"workspace:^\" }"))
            .Add("packages/native", Package("acme-native", "0.3.0"), " Access=\"public\"")
            .Add("packages/types", Package("@acme/types", "1.0.0", "\"devDependencies\": { \"@acme/app\": \"workspace:*\" }"), " Access=\"restricted\"");
    }

    private static TrustedPublishResult Run(TrustedPublishInputs inputs) => TrustedPublishEngine.Run(inputs);

    private static string Generate(Workspace workspace)
    {
        var result = Run(workspace.Inputs());
        Assert.IsFalse(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Workflow!;
    }

    private static List<string> StepNames(string workflow)
    {
        var steps = (YamlSequenceNode)((YamlMappingNode)WorkflowGeneratorTests.Map(WorkflowGeneratorTests.Parse(workflow), "jobs")["publish"])["steps"];
        return steps.Children.Cast<YamlMappingNode>().Select(s => WorkflowGeneratorTests.Scalar(s, "name")).ToList();
    }

    [TestMethod]
    public void Generate_TwoPackages_MatchesGoldenFile() => Golden.AssertMatches("workspace-two.yml", Generate(TwoPackages()));

    [TestMethod]
    public void Generate_FivePackages_MatchesGoldenFile() => Golden.AssertMatches("workspace-five.yml", Generate(FivePackages()));

    [TestMethod]
    public void Generate_WorkspaceWorkflows_AreAcceptedByGitHubsParserAndActionlint()
    {
        var folder = TestPaths.NewTempFolder("workspace-judge");
        var release = TwoPackages().Inputs();
        release.Trigger = "release";
        var files = new[] { ("two", Generate(TwoPackages())), ("five", Generate(FivePackages())), ("release", Run(release).Workflow!) }
            .Select(w =>
            {
                var path = Path.Combine(folder, w.Item1 + ".yml");
                File.WriteAllText(path, w.Item2);
                return path;
            }).ToArray();
        NodeJudge.AssertWorkflowsClean(files);
    }

    [TestMethod]
    public void Generate_TwoPackages_PublishesTheDependencyFirst_AndChecksBothBeforeEitherPublishes()
    {
        var names = StepNames(Generate(TwoPackages()));
        var expected = new[] { "@acme/core: npm run build", "@acme/core: npm run test", "Check @acme/core", "@acme/cli: npm run build", "Check @acme/cli", "Publish @acme/core", "Publish @acme/cli" };
        CollectionAssert.AreEqual(expected, names.SkipWhile(n => !n.StartsWith("@acme/core", StringComparison.Ordinal)).ToList());
    }

    [TestMethod]
    public void Generate_FivePackages_OrdersByDependencies_PeerAndOptionalIncluded_DevIgnored_TiesByFolder()
    {
        var checks = StepNames(Generate(FivePackages())).Where(n => n.StartsWith("Check ", StringComparison.Ordinal) && n != "Check out").ToList();
        CollectionAssert.AreEqual(new[] { "Check acme-native", "Check @acme/types", "Check @acme/core", "Check @acme/cli", "Check @acme/app" }, checks);
    }

    [TestMethod]
    public void Generate_RootHasCheckScripts_RunsThemOnceAtTheRoot_AndNoPackageScripts()
    {
        var names = StepNames(Generate(FivePackages()));
        CollectionAssert.IsSubsetOf(new[] { "pnpm run build", "pnpm run test" }, names);
        Assert.IsFalse(names.Any(n => n.Contains(": pnpm run", StringComparison.Ordinal)), string.Join("\n", names));
        Assert.IsTrue(names.IndexOf("pnpm run test") < names.FindIndex(n => n.StartsWith("Pack ", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Generate_VersionBumpOfOnePackage_LeavesTheWorkflowUnchanged_AndChangesNoPatch()
    {
        var before = Run(TwoPackages().Inputs());
        var bumped = TwoPackages();
        bumped.Packages[1] = ("packages/core", Package("@acme/core", "1.1.0", scripts: "\"build\": \"tsc\", \"test\": \"node --test\""), "");
        var after = Run(bumped.Inputs());
        Assert.AreEqual(before.Workflow, after.Workflow);
        Assert.AreEqual(before.PackageJsonFiles.Count, after.PackageJsonFiles.Count);
    }

    [TestMethod]
    public void Generate_PatchesEveryListedPackageJson_WithItsOwnDirectory_AndMetadataAccess()
    {
        var result = Run(FivePackages().Inputs());
        Assert.AreEqual(5, result.PackageJsonFiles.Count);
        foreach (var file in result.PackageJsonFiles)
        {
            var text = Encoding.UTF8.GetString(file.Patch.Bytes);
            var folder = file.Path.Substring("/repo/".Length, file.Path.Length - "/repo/".Length - "/package.json".Length);
            StringAssert.Contains(text, "\"directory\": \"" + folder + "\"", file.Path);
            StringAssert.Contains(text, folder == "packages/types" ? "\"access\": \"restricted\"" : "\"access\": \"public\"", file.Path);
        }
    }

    [TestMethod]
    public void Registration_NamesEveryPackage_AndTheTrustCommandsForAll()
    {
        var registration = TrustedPublishEngine.Registration(Run(TwoPackages().Inputs()));
        StringAssert.Contains(registration, "add this trusted publisher to @acme/core at");
        StringAssert.Contains(registration, "add this trusted publisher to @acme/cli at");
        StringAssert.Contains(registration, "  npm trust github @acme/core --file publish.yml --repo Acme-Org/hello-npm --allow-publish\n  npm trust github @acme/cli --file publish.yml");
    }

    private static void AssertOnly(TrustedPublishResult result, string code, int line, params string[] inMessage)
    {
        var errors = result.Diagnostics.Where(d => d.Severity == Diagnostics.DiagnosticSeverity.Error).ToList();
        Assert.AreEqual(1, errors.Count, string.Join("\n", result.Diagnostics));
        Assert.AreEqual(code, errors[0].Code, errors[0].ToString());
        Assert.AreEqual(line, errors[0].Line, errors[0].ToString());
        foreach (var text in inMessage)
        {
            StringAssert.Contains(errors[0].Message, text);
        }

        Assert.IsNull(result.Workflow);
    }

    [TestMethod]
    public void Items_FolderMissing_IsTPB100AtTheItemsLine_NearMissPasses()
    {
        var workspace = TwoPackages();
        workspace.MissingFolders.Add("packages/core");
        AssertOnly(Run(workspace.Inputs()), "TPB100", 4, "../packages/core", "does not exist");
        Assert.IsFalse(Run(TwoPackages().Inputs()).HasErrors);
    }

    /// <summary>
    /// Regression: a warning while resolving the first package (here TPB035, the pnpm version nobody named) made the
    /// second package's package.json read as failed, so the workflow silently published the first package alone.
    /// </summary>
    [TestMethod]
    public void WarningWhileResolvingOnePackage_KeepsEveryListedPackage()
    {
        var workspace = TwoPackages();
        workspace.RootFiles = new[] { "pnpm-lock.yaml", "pnpm-workspace.yaml" };
        workspace.RootPackageJson = "{\n  \"private\": true\n}\n";
        var result = Run(workspace.Inputs());
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == "TPB035"), string.Join("\n", result.Diagnostics));
        Assert.AreEqual(2, result.Workspace!.Packages.Count, string.Join("\n", result.Diagnostics));
        StringAssert.Contains(result.Workflow, "@acme/core");
        StringAssert.Contains(result.Workflow, "@acme/cli");
    }

    [TestMethod]
    [DataRow("PackageName", "@acme/everything", "TrustedPublishPackageName")]
    [DataRow("PackageDirectoryProperty", "../packages/core", "TrustedPublishPackageDirectory")]
    public void PackageProperty_WithItems_IsTPB108Warning_NearMissWithoutItIsClean(string input, string value, string property)
    {
        var inputs = TwoPackages().Inputs();
        typeof(TrustedPublishInputs).GetProperty(input)!.SetValue(inputs, value);
        var result = Run(inputs);
        Assert.IsNotNull(result.Workflow, "a warning: the workflow is still generated\n" + string.Join("\n", result.Diagnostics));
        var warning = result.Diagnostics.Single(d => d.Code == "TPB108");
        Assert.AreEqual(Diagnostics.DiagnosticSeverity.Warning, warning.Severity);
        StringAssert.Contains(warning.Message, property + " is '" + value + "'");
        Assert.IsFalse(Run(TwoPackages().Inputs()).Diagnostics.Any(d => d.Code == "TPB108"));
    }

    [TestMethod]
    public void Items_FolderWithoutPackageJson_IsTPB100()
    {
        var workspace = TwoPackages();
        workspace.Packages[1] = ("packages/core", "", "");
        AssertOnly(Run(workspace.Inputs()), "TPB100", 4, "holds no package.json");
    }

    [TestMethod]
    public void Items_FolderOutsideTheRepository_IsTPB101()
    {
        var workspace = TwoPackages().Add("../elsewhere", Package("elsewhere"));
        AssertOnly(Run(workspace.Inputs()), "TPB101", 5, "../../elsewhere");
    }

    [TestMethod]
    public void Items_SameFolderTwice_IsTPB102AtTheSecondItem_NearMissOtherFolderPasses()
    {
        AssertOnly(Run(TwoPackages().Add("packages/core", Package("@acme/core")).Inputs()), "TPB102", 5, "packages/core");
        Assert.IsFalse(Run(TwoPackages().Add("packages/extra", Package("@acme/extra")).Inputs()).HasErrors);
    }

    [TestMethod]
    public void Items_InvalidMetadata_IsTPB103_NearMissValidMetadataPasses()
    {
        AssertOnly(Run(TwoPackages().Add("packages/x", Package("x"), " PackageName=\"Not Valid\"").Inputs()), "TPB103", 5, "PackageName 'Not Valid'");
        AssertOnly(Run(TwoPackages().Add("packages/x", Package("x"), " Access=\"private\"").Inputs()), "TPB103", 5, "Access 'private'");
        var renamed = Run(TwoPackages().Add("packages/x", Package("x"), " PackageName=\"@acme/x\" Access=\"restricted\"").Inputs());
        Assert.IsFalse(renamed.HasErrors, string.Join("\n", renamed.Diagnostics));
        StringAssert.Contains(Encoding.UTF8.GetString(renamed.PackageJsonFiles.Single(f => f.Path.Contains("packages/x")).Patch.Bytes), "\"name\": \"@acme/x\"");
    }

    [TestMethod]
    public void Items_PackagesOfTwoManagers_IsTPB104NamingBoth_NearMissOneManagerPasses()
    {
        var workspace = TwoPackages();
        workspace.Packages[0] = ("packages/cli", Package("@acme/cli", "2.0.0") .Replace("\"version\"", "\"packageManager\": \"pnpm@10.18.3\",\n  \"version\""), "");
        AssertOnly(Run(workspace.Inputs()), "TPB104", 4, "packages/cli: pnpm 10.18.3 at the repository root", "packages/core: npm at the repository root");
    }

    [TestMethod]
    public void Items_DependencyCycle_IsTPB105NamingTheCycle_NearMissDevDependencyCyclePasses()
    {
        var cycle = new Workspace()
            .Add("packages/a", Package("a", dependencies: "\"dependencies\": { \"b\": \"^1.0.0\" }"))
            .Add("packages/b", Package("b", dependencies: "\"peerDependencies\": { \"c\": \"^1.0.0\" }"))
            .Add("packages/c", Package("c", dependencies: "\"optionalDependencies\": { \"a\": \"^1.0.0\" }"));
        AssertOnly(Run(cycle.Inputs()), "TPB105", 3, "a (packages/a) -> b (packages/b) -> c (packages/c) -> a (packages/a)");

        var devCycle = new Workspace()
            .Add("packages/a", Package("a", dependencies: "\"dependencies\": { \"b\": \"^1.0.0\" }"))
            .Add("packages/b", Package("b", dependencies: "\"devDependencies\": { \"a\": \"^1.0.0\" }"));
        Assert.IsFalse(Run(devCycle.Inputs()).HasErrors);
    }

    [TestMethod]
    public void PublishOrder_TiesGoByFolder_AndASelfDependencyOrdersNothing()
    {
        var nodes = new[]
        {
            new PublishOrder.Node(new[] { "z" }, "packages/z", new[] { "z" }),
            new PublishOrder.Node(new[] { "y" }, "packages/y", new[] { "x" }),
            new PublishOrder.Node(new[] { "x" }, "packages/x", Array.Empty<string>()),
            new PublishOrder.Node(new[] { "a" }, "packages/a", new[] { "left-pad" }),
        };
        CollectionAssert.AreEqual(new[] { 3, 2, 1, 0 }, PublishOrder.Sort(nodes, out _)!.ToList());
    }

    [TestMethod]
    public void Items_RootOfTheWorkspaceListed_IsRefusedAsPrivate()
    {
        var workspace = TwoPackages();
        var result = Run(workspace.Add(".", RootWithWorkspaces).Inputs());
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == "TPB029"), string.Join("\n", result.Diagnostics));
        Assert.IsNull(result.Workflow);
    }

    [TestMethod]
    public void NoItems_GeneratesExactlyAsBefore()
    {
        Golden.AssertMatches("default.yml", WorkflowGeneratorTests.Generate("default"));
    }

    [TestMethod]
    public void Trigger_Release_PublishesOnAPublishedRelease_InvalidIsTPB106()
    {
        var inputs = TestInputs.Create();
        inputs.Trigger = "release";
        var on = WorkflowGeneratorTests.Map(WorkflowGeneratorTests.Parse(Run(inputs).Workflow!), "on");
        CollectionAssert.AreEquivalent(new[] { "release", "workflow_dispatch" }, on.Children.Keys.Select(k => k.ToString()).ToList());
        Assert.AreEqual("published", ((YamlSequenceNode)((YamlMappingNode)on["release"])["types"]).Children.Single().ToString());

        inputs.Trigger = "push";
        var result = Run(inputs);
        Assert.AreEqual("TPB106", result.Diagnostics.Single(d => d.Severity == Diagnostics.DiagnosticSeverity.Error).Code);
    }

    [TestMethod]
    public void TagPattern_AcceptsChangesetsTags_AndRefusesWhatNoTagCanMatch()
    {
        foreach (var pattern in new[] { "**@*", "@acme/*@*", "*@*", "*-v*", "v*" })
        {
            Assert.IsNull(NameRules.CheckTagPattern(pattern), pattern);
        }

        foreach (var pattern in new[] { "@", "v*/", "/v*", "a//*", "a..*", "v{*" })
        {
            Assert.IsNotNull(NameRules.CheckTagPattern(pattern), pattern);
        }
    }

    /// <summary>Another existing project's generated workflow, under another file name, that keeps the given package.json files.</summary>
    private static Rules.RepositoryFile OtherProjectsWorkflow(string workflow) =>
        new("/repo/.github/workflows/other.yml", ".github/workflows/other.yml", workflow);

    [TestMethod]
    public void Ownership_AnotherProjectKeepsAListedPackageJson_IsTPB107NamingBoth_WithOtherSettingsTPB046()
    {
        // The other project is a single package's project at packages/core, generating other.yml with the same settings.
        var single = TestInputs.Create(Package("@acme/core", scripts: "\"build\": \"tsc\", \"test\": \"node --test\""));
        single.ProjectPath = "packages/core/core.csproj";
        single.PackageDirectory = "packages/core";
        single.WorkflowFile = "other.yml";
        var theirs = Run(single).Workflow!;

        var inputs = TwoPackages().Inputs();
        inputs.Workflows = new[] { OtherProjectsWorkflow(theirs) };
        inputs.ExistingGeneratingProjects = new[] { "packages/core/core.csproj" };
        AssertOnly(Run(inputs), "TPB107", 4, "packages/core/package.json", "packages/core/core.csproj", "build/Release.csproj");

        // Near miss: the other project no longer exists, so its leftover workflow is not an owner.
        inputs.ExistingGeneratingProjects = new string[0];
        Assert.IsFalse(Run(inputs).Diagnostics.Any(d => d.Code is "TPB107" or "TPB046"));

        // With other settings it is TPB046, as between two single packages.
        single.Provenance = "false";
        inputs.Workflows = new[] { OtherProjectsWorkflow(Run(single).Workflow!) };
        inputs.ExistingGeneratingProjects = new[] { "packages/core/core.csproj" };
        Assert.AreEqual("TPB046", Run(inputs).Diagnostics.Single(d => d.Severity == Diagnostics.DiagnosticSeverity.Error).Code);
    }

    [TestMethod]
    public void Ownership_ASinglePackagesProject_WhosePackageIsListedElsewhere_IsTPB107()
    {
        var workspaceInputs = TwoPackages().Inputs();
        workspaceInputs.WorkflowFile = "other.yml";
        var theirs = Run(workspaceInputs).Workflow!;

        var single = TestInputs.Create(Package("@acme/core", scripts: "\"build\": \"tsc\", \"test\": \"node --test\""));
        single.ProjectPath = "packages/core/core.csproj";
        single.PackageDirectory = "packages/core";
        single.PackageJsonPath = "/repo/packages/core/package.json";
        single.Workflows = new[] { OtherProjectsWorkflow(theirs) };
        single.ExistingGeneratingProjects = new[] { "build/Release.csproj" };
        var error = Run(single).Diagnostics.Single(d => d.Severity == Diagnostics.DiagnosticSeverity.Error);
        Assert.AreEqual("TPB107", error.Code, error.ToString());
        StringAssert.Contains(error.Message, "build/Release.csproj");
    }

    [TestMethod]
    public void Ownership_TwoProjectsListingTheSamePackagesInOneWorkflow_AgreeWhenTheSettingsAgree_ElseTPB042()
    {
        var first = Run(TwoPackages().Inputs());
        var asOther = TrustedPublishEngine.RenderAs(first, "tools/Other.csproj");
        var expected = WorkflowOwnership.Expected(first, "build/Release.csproj", asOther, new[] { "tools/Other.csproj" }, "/repo/.github/workflows/publish.yml", ".github/workflows/publish.yml", out var problem);
        Assert.IsNull(problem);
        Assert.AreEqual(expected, asOther);

        var other = TwoPackages().Inputs();
        other.NodeVersion = "22.14";
        var differs = TrustedPublishEngine.RenderAs(Run(other), "tools/Other.csproj");
        Assert.IsNull(WorkflowOwnership.Expected(first, "build/Release.csproj", differs, new[] { "tools/Other.csproj" }, "/repo/.github/workflows/publish.yml", ".github/workflows/publish.yml", out problem));
        Assert.AreEqual("TPB042", problem!.Code);
    }

    [TestMethod]
    public void Doctor_ChecksEveryListedPackage()
    {
        var inputs = TwoPackages().Inputs();
        inputs.GenerateEnabled = false;
        inputs.Workflows = new[] { new Rules.RepositoryFile("/repo/.github/workflows/release.yml", ".github/workflows/release.yml",
            "on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        working-directory: packages/cli\n") };
        var findings = TrustedPublishEngine.Run(inputs).Diagnostics;
        // Hand-maintained: neither package.json names the repository, and the workflow lacks id-token: write.
        Assert.IsTrue(findings.Any(d => d.Code == "TPB023" && d.File == "/repo/packages/core/package.json"), string.Join("\n", findings));
        Assert.IsTrue(findings.Any(d => d.Code == "TPB023" && d.File == "/repo/packages/cli/package.json"), string.Join("\n", findings));
    }

    [TestMethod]
    public void WorkspacePreflight_FindsEveryTextItReplacesInPreflightSh() =>
        StringAssert.Contains(WorkspacePreflight.Script, "echo \"publish=true\"");
}
