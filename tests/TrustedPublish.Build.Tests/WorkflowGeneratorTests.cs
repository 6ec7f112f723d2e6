using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Model;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Tests;

[TestClass]
public sealed class WorkflowGeneratorTests
{
    /// <summary>The configurations every workflow test runs over; each has a golden file named after it.</summary>
    public static IEnumerable<object[]> Configurations()
    {
        yield return new object[] { "default" };
        yield return new object[] { "scoped-environment" };
        yield return new object[] { "node22" };
        yield return new object[] { "unpinned" };
        yield return new object[] { "prerelease" };
        yield return new object[] { "subfolder" };
        yield return new object[] { "npm-workspace" };
        yield return new object[] { "pnpm" };
        yield return new object[] { "pnpm-workspace" };
        yield return new object[] { "yarn-berry" };
        yield return new object[] { "yarn-classic" };
        yield return new object[] { "bun" };
        yield return new object[] { "dotnet-build" };
    }

    /// <summary>What each configuration installs with, where (null: the package folder), and whether it packs before npm publishes.</summary>
    private static readonly Dictionary<string, (string Install, string? Directory, bool Packs)> ExpectedInstall = new()
    {
        ["default"] = ("npm ci --no-audit --no-fund", null, false),
        ["scoped-environment"] = ("npm install --no-audit --no-fund", null, false),
        ["node22"] = ("npm ci --no-audit --no-fund", null, false),
        ["unpinned"] = ("npm ci --no-audit --no-fund", null, false),
        ["prerelease"] = ("npm ci --no-audit --no-fund", null, false),
        ["subfolder"] = ("npm ci --no-audit --no-fund", null, false),
        ["npm-workspace"] = ("npm ci --no-audit --no-fund", ".", false),
        ["pnpm"] = ("pnpm install --frozen-lockfile", null, true),
        ["pnpm-workspace"] = ("pnpm install --frozen-lockfile", ".", true),
        ["yarn-berry"] = ("yarn install --immutable", null, true),
        ["yarn-classic"] = ("yarn install --frozen-lockfile --non-interactive", null, true),
        ["bun"] = ("bun install --frozen-lockfile", null, true),
        ["dotnet-build"] = ("npm ci --no-audit --no-fund", null, false),
    };

    private const string WorkspaceMember = "{\n  \"name\": \"@acme/widget\",\n  \"version\": \"0.1.0\",\n  \"dependencies\": { \"@acme/core\": \"workspace:^\" },\n  \"scripts\": { \"build\": \"tsc -b\", \"test\": \"vitest run\" }\n}\n";

    internal static TrustedPublishInputs InputsFor(string configuration)
    {
        switch (configuration)
        {
            case "default":
                return TestInputs.Create();
            case "scoped-environment":
                var scoped = TestInputs.Create("{\n  \"name\": \"@acme/widget\",\n  \"version\": \"2.0.0\",\n  \"scripts\": { \"check\": \"eslint .\" }\n}\n");
                scoped.Environment = "npm-publish";
                scoped.PackageManagerFolders = TestInputs.Folders(("", new string[0], null));
                return scoped;
            case "node22":
                var node22 = TestInputs.Create();
                node22.NodeVersion = "22";
                return node22;
            case "unpinned":
                var unpinned = TestInputs.Create();
                unpinned.PinActions = "false";
                return unpinned;
            case "prerelease":
                var prerelease = TestInputs.Create("{\n  \"name\": \"hello-npm\",\n  \"version\": \"1.3.0-beta.2\"\n}\n");
                prerelease.DistTag = "next";
                return prerelease;
            case "subfolder":
                var subfolder = TestInputs.Create("{\n  \"name\": \"@acme/widget\",\n  \"version\": \"0.1.0\",\n  \"scripts\": { \"test\": \"vitest\" }\n}\n");
                subfolder.PackageDirectory = "packages/widget";
                subfolder.ProjectPath = "packages/widget/widget.csproj";
                subfolder.TagPattern = "widget-v*";
                subfolder.WorkflowFile = "release-widget.yml";
                subfolder.PackageManagerFolders = TestInputs.Folders(("packages/widget", new[] { "npm-shrinkwrap.json" }, null), ("packages", new string[0], null), ("", new string[0], null));
                return subfolder;
            case "npm-workspace":
                var npmWorkspace = Member("{\n  \"name\": \"@acme/widget\",\n  \"version\": \"0.1.0\",\n  \"dependencies\": { \"@acme/core\": \"^0.1.0\" },\n  \"scripts\": { \"test\": \"node --test\" }\n}\n");
                npmWorkspace.PackageManagerFolders = TestInputs.Folders(("packages/widget", new string[0], null), ("packages", new string[0], null), ("", new[] { "package-lock.json" }, "{ \"private\": true, \"workspaces\": [\"packages/*\"] }"));
                return npmWorkspace;
            case "pnpm":
                var pnpm = TestInputs.Create("{\n  \"name\": \"hello-pnpm\",\n  \"version\": \"1.2.0\",\n  \"packageManager\": \"pnpm@10.18.3+sha512.bbd16e6d7286fd7e01f6b3c0b3c932cda2965c06a908328f74663f10a9aea51f1129eea615134bf992831b009eabe167ecb7008b597f40ff9bc75946aadfb08d\",\n  \"scripts\": { \"build\": \"tsc\", \"test\": \"vitest run\" }\n}\n");
                pnpm.PackageManagerFolders = TestInputs.Folders(("", new[] { "pnpm-lock.yaml" }, null));
                return pnpm;
            case "pnpm-workspace":
                var pnpmWorkspace = Member(WorkspaceMember);
                pnpmWorkspace.PackageManagerFolders = TestInputs.Folders(("packages/widget", new string[0], null), ("packages", new string[0], null), ("", new[] { "pnpm-lock.yaml", "pnpm-workspace.yaml" }, "{ \"private\": true, \"packageManager\": \"pnpm@10.18.3\" }"));
                return pnpmWorkspace;
            case "yarn-berry":
                var berry = TestInputs.Create("{\n  \"name\": \"hello-yarn\",\n  \"version\": \"1.2.0\",\n  \"packageManager\": \"yarn@4.10.3\",\n  \"scripts\": { \"test\": \"vitest run\", \"prepublishOnly\": \"tsc\" }\n}\n");
                berry.PackageManagerFolders = TestInputs.Folders(("", new[] { "yarn.lock", ".yarnrc.yml" }, null));
                return berry;
            case "yarn-classic":
                var classic = TestInputs.Create("{\n  \"name\": \"hello-yarn\",\n  \"version\": \"1.2.0\",\n  \"packageManager\": \"yarn@1.22.22\",\n  \"scripts\": { \"test\": \"jest\" }\n}\n");
                classic.PackageManagerFolders = TestInputs.Folders(("", new[] { "yarn.lock" }, null));
                return classic;
            case "dotnet-build":
                // A .NET library whose npm package the build makes: Nerdbank.GitVersioning stamps package.json's version.
                var dotnet = TestInputs.Create("{\n  \"name\": \"@acme/widget-wasm\",\n  \"version\": \"0.0.0-placeholder\",\n  \"files\": [\"dist\"],\n  \"scripts\": { \"test\": \"node --test\" }\n}\n");
                dotnet.DotNetBuild = "true";
                dotnet.HasGlobalJson = true;
                return dotnet;
            case "bun":
                var bun = TestInputs.Create("{\n  \"name\": \"hello-bun\",\n  \"version\": \"1.2.0\",\n  \"packageManager\": \"bun@1.4.4\",\n  \"scripts\": { \"test\": \"bun test\" }\n}\n");
                bun.PackageManagerFolders = TestInputs.Folders(("", new[] { "bun.lock" }, null));
                return bun;
            default:
                throw new ArgumentOutOfRangeException(nameof(configuration));
        }
    }

    /// <summary>A package in packages/widget of a workspace, with its own project there.</summary>
    private static TrustedPublishInputs Member(string packageJson)
    {
        var inputs = TestInputs.Create(packageJson);
        inputs.PackageDirectory = "packages/widget";
        inputs.ProjectPath = "packages/widget/widget.csproj";
        inputs.PackageJsonPath = "/repo/packages/widget/package.json";
        return inputs;
    }

    internal static string Generate(string configuration)
    {
        var result = TrustedPublishEngine.Run(InputsFor(configuration));
        Assert.IsFalse(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Workflow!;
    }

    [TestMethod]
    [DynamicData(nameof(Configurations))]
    public void Generate_Configuration_MatchesGoldenFile(string configuration)
    {
        Golden.AssertMatches(configuration + ".yml", Generate(configuration));
    }

    [TestMethod]
    public void Generate_GoldenFiles_AreAcceptedByGitHubsParserAndActionlint()
    {
        var folder = TestPaths.NewTempFolder("judge");
        var files = Configurations().Select(c => (string)c[0]).Select(c =>
        {
            var path = Path.Combine(folder, c + ".yml");
            File.WriteAllText(path, Generate(c));
            return path;
        }).ToArray();
        NodeJudge.AssertWorkflowsClean(files);
    }

    [TestMethod]
    [DynamicData(nameof(Configurations))]
    public void Generate_Twice_GivesTheSameBytesWithLfOnly(string configuration)
    {
        var first = Generate(configuration);
        Assert.AreEqual(first, Generate(configuration));
        Assert.IsFalse(first.Contains('\r'), "generated text must use LF only");
        Assert.IsTrue(first.EndsWith("\n", StringComparison.Ordinal));
    }

    [TestMethod]
    [DynamicData(nameof(Configurations))]
    public void Generate_Configuration_FollowsEveryHardeningRule(string configuration)
    {
        var inputs = InputsFor(configuration);
        var root = Parse(Generate(configuration));
        var job = (YamlMappingNode)Map(root, "jobs")["publish"];

        // permissions: {} at the top, exactly contents: read + id-token: write on the job.
        Assert.AreEqual(0, Map(root, "permissions").Children.Count);
        var permissions = Map(job, "permissions");
        CollectionAssert.AreEquivalent(new[] { "contents=read", "id-token=write" }, permissions.Children.Select(p => $"{p.Key}={p.Value}").ToArray());

        // A GitHub-hosted runner.
        Assert.AreEqual("ubuntu-latest", Scalar(job, "runs-on"));

        // Concurrency that never cancels a publish in progress.
        Assert.AreEqual("false", Scalar(Map(root, "concurrency"), "cancel-in-progress"));

        // Trigger: the tag pattern and workflow_dispatch.
        var on = Map(root, "on");
        var tags = (YamlSequenceNode)Map(on, "push")["tags"];
        Assert.AreEqual(inputs.TagPattern.Length == 0 ? "v*" : inputs.TagPattern, ((YamlScalarNode)tags.Children.Single()).Value);
        Assert.IsTrue(on.Children.ContainsKey(new YamlScalarNode("workflow_dispatch")));

        var steps = ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().ToList();
        var uses = steps.Where(s => s.Children.ContainsKey(new YamlScalarNode("uses"))).ToList();
        Assert.AreEqual(inputs.DotNetBuild == "true" ? 3 : 2, uses.Count);
        foreach (var step in uses)
        {
            var reference = Scalar(step, "uses");
            if (inputs.PinActions == "false")
            {
                StringAssert.Matches(reference, new Regex(@"^actions/[a-z-]+@v\d+$"));
            }
            else
            {
                StringAssert.Matches(reference, new Regex(@"^actions/[a-z-]+@[0-9a-f]{40}$"), "every uses: pinned to a full commit SHA");
            }
        }

        var checkout = uses.Single(s => Scalar(s, "uses").StartsWith("actions/checkout@", StringComparison.Ordinal));
        Assert.AreEqual("false", Scalar(Map(checkout, "with"), "persist-credentials"));

        var setupNode = Map(uses.Single(s => Scalar(s, "uses").StartsWith("actions/setup-node@", StringComparison.Ordinal)), "with");
        Assert.AreEqual("false", Scalar(setupNode, "package-manager-cache"));
        Assert.IsFalse(setupNode.Children.ContainsKey(new YamlScalarNode("registry-url")), "registry-url sets up the token path");
        Assert.AreEqual(inputs.NodeVersion.Length == 0 ? "24" : inputs.NodeVersion, Scalar(setupNode, "node-version"));

        // npm upgrade exactly when the Node version needs it, and never to npm@latest.
        var runs = steps.Where(s => s.Children.ContainsKey(new YamlScalarNode("run"))).Select(s => Scalar(s, "run")).ToList();
        var upgrades = runs.Where(r => r.StartsWith("npm install -g npm@", StringComparison.Ordinal)).ToList();
        if (inputs.NodeVersion == "22")
        {
            CollectionAssert.AreEqual(new[] { "npm install -g npm@^11.5.1" }, upgrades);
        }
        else
        {
            Assert.AreEqual(0, upgrades.Count);
        }

        // No expression inside any run script; no token, no secret anywhere.
        foreach (var run in runs)
        {
            Assert.IsFalse(run.Contains("${{", StringComparison.Ordinal), "values reach scripts through env: " + run);
        }

        var text = Generate(configuration);
        foreach (var forbidden in new[] { "NODE_AUTH_TOKEN", "NPM_TOKEN", "secrets.", "_authToken", "npm@latest" })
        {
            Assert.IsFalse(text.Contains(forbidden, StringComparison.Ordinal), forbidden);
        }

        // Install follows the lockfile, at the workspace root; the preflight runs right before npm publish, which goes to npmjs.org explicitly.
        var expected = ExpectedInstall[configuration];
        var installStep = steps.Single(s => Scalar(s, "name") == "Install dependencies");
        Assert.AreEqual(expected.Install, Scalar(installStep, "run"));
        Assert.AreEqual(expected.Directory, installStep.Children.TryGetValue(new YamlScalarNode("working-directory"), out var installDirectory) ? installDirectory.ToString() : null);
        var publishIndex = steps.FindIndex(s => Scalar(s, "name") == "Publish");
        Assert.AreEqual(steps.Count - 1, publishIndex);
        Assert.AreEqual("preflight", Scalar(steps[publishIndex - 1], "id"));
        var publish = Scalar(steps[publishIndex], "run");
        StringAssert.Contains(publish, "--registry https://registry.npmjs.org/");
        StringAssert.Contains(publish, "--tag \"$DIST_TAG\"");

        // Another manager packs (workspace: rewritten) and npm publishes exactly that tarball; npm publishes its own folder.
        StringAssert.StartsWith(publish, expected.Packs ? "npm publish \"$TARBALL\" --tag" : "npm publish --tag");
        Assert.AreEqual(expected.Packs, steps.Any(s => Scalar(s, "name").StartsWith("Pack with ", StringComparison.Ordinal)));
        var scoped = configuration is "scoped-environment" or "subfolder" or "npm-workspace" or "pnpm-workspace" or "dotnet-build";
        Assert.AreEqual(scoped, publish.Contains("--access public", StringComparison.Ordinal));

        // Environment exactly as set; working directory for a package in a sub-folder.
        Assert.AreEqual(inputs.Environment.Length == 0 ? null : inputs.Environment, job.Children.TryGetValue(new YamlScalarNode("environment"), out var environment) ? environment.ToString() : null);
        var defaultsRun = Map(Map(job, "defaults"), "run");
        Assert.AreEqual(inputs.PackageDirectory.Length == 0 ? null : inputs.PackageDirectory, defaultsRun.Children.TryGetValue(new YamlScalarNode("working-directory"), out var directory) ? directory.ToString() : null);
    }

    [TestMethod]
    [DataRow("true", false, "", "dotnet-version: \"10.0.x\"", "", DisplayName = "no global.json: the default SDK")]
    [DataRow("true", false, "9.0.x", "dotnet-version: \"9.0.x\"", "", DisplayName = "TrustedPublishDotNetVersion")]
    [DataRow("true", true, "9.0.x", "global-json-file: global.json", "", DisplayName = "global.json wins over the version setting")]
    [DataRow("true", false, "latest", null, "TPB054", DisplayName = "fires TPB054: a version setup-dotnet cannot use")]
    [DataRow("yes", false, "", null, "TPB010", DisplayName = "fires TPB010: not a boolean")]
    [DataRow("false", false, "latest", "", "", DisplayName = "near miss TPB054: without the .NET build the version is not read")]
    public void Generate_DotNetBuild_SetsUpTheSdkAndBuildsTheProjectBeforeTheChecks(string dotNetBuild, bool globalJson, string version, string? expected, string code)
    {
        var inputs = TestInputs.Create();
        inputs.DotNetBuild = dotNetBuild;
        inputs.HasGlobalJson = globalJson;
        inputs.DotNetVersion = version;
        var result = TrustedPublishEngine.Run(inputs);
        Assert.AreEqual(code, string.Join(",", result.Diagnostics.Select(d => d.Code)), string.Join("\n", result.Diagnostics));
        if (expected == null)
        {
            Assert.IsNull(result.Workflow);
            return;
        }

        var text = result.Workflow!;
        Assert.AreEqual(dotNetBuild == "true", text.Contains("fetch-depth: 0", StringComparison.Ordinal));
        if (expected.Length > 0)
        {
            StringAssert.Contains(text, expected);
            var build = text.IndexOf("run: dotnet build \"$PROJECT\" -c Release", StringComparison.Ordinal);
            Assert.IsTrue(text.IndexOf("run: npm ci", StringComparison.Ordinal) < build && build < text.IndexOf("run: npm run build", StringComparison.Ordinal), "after install, before the check scripts");
        }
        else
        {
            Assert.IsFalse(text.Contains("setup-dotnet", StringComparison.Ordinal));
        }
    }

    [TestMethod]
    public void Generate_CheckScripts_RunsOnlyScriptsThatPackageJsonHas()
    {
        var text = Generate("default");
        StringAssert.Contains(text, "run: npm run build");
        StringAssert.Contains(text, "run: npm run test");
        Assert.IsFalse(text.Contains("npm run check", StringComparison.Ordinal), "package.json has no check script");
    }

    [TestMethod]
    public void Generate_ScriptNamesYamlWouldMisread_AreQuotedAndRunExactlyThatScript()
    {
        // "build:" as a plain scalar makes `run: npm run build:` a mapping, which GitHub refuses.
        var names = new[] { "build:", "test:", "lint:fix", "-x", ".x", ":x", "true", "1" };
        var inputs = TestInputs.Create("{\n  \"name\": \"hello-npm\",\n  \"version\": \"1.2.0\",\n  \"scripts\": {" + string.Join(",", names.Select(n => $"\"{n}\": \"node x.js\"")) + "}\n}\n");
        inputs.CheckScripts = string.Join(";", names);
        var result = TrustedPublishEngine.Run(inputs);
        Assert.IsFalse(result.HasErrors, string.Join("\n", result.Diagnostics));
        var stream = new YamlStream();
        stream.Load(new StringReader(result.Workflow!));
        var steps = (YamlSequenceNode)Map(Map((YamlMappingNode)stream.Documents[0].RootNode, "jobs"), "publish")["steps"];
        var runs = steps.Children.Cast<YamlMappingNode>().Select(s => s.Children.TryGetValue(new YamlScalarNode("run"), out var run) ? ((YamlScalarNode)run).Value : null).ToList();
        CollectionAssert.IsSubsetOf(names.Select(n => "npm run " + n).ToList(), runs);
        var file = Path.Combine(TestPaths.NewTempFolder("odd-scripts"), "publish.yml");
        File.WriteAllText(file, result.Workflow);
        NodeJudge.AssertWorkflowsClean(file);
    }

    [TestMethod]
    public void Generate_VersionBump_DoesNotChangeTheWorkflow()
    {
        var before = TrustedPublishEngine.Run(TestInputs.Create()).Workflow;
        var after = TrustedPublishEngine.Run(TestInputs.Create(TestInputs.PackageJson.Replace("1.2.0", "2.0.0-rc.1", StringComparison.Ordinal))).Workflow;
        Assert.AreEqual(before, after);
    }

    [TestMethod]
    public void Generate_Header_NamesTheProjectAndHowToRegenerate()
    {
        var lines = Generate("subfolder").Split('\n');
        StringAssert.StartsWith(lines[0], "# Generated by TrustedPublish.Build from packages/widget/widget.csproj.");
        Assert.IsTrue(lines.Take(4).Any(l => l.Contains("dotnet build", StringComparison.Ordinal)));
        Assert.IsTrue(lines.Take(4).Any(l => l.Contains("workflow release-widget.yml", StringComparison.Ordinal)));
    }

    internal static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    internal static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    internal static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;
}
