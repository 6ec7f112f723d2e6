using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.RunsForReal;

/// <summary>
/// The generated workflow of a pnpm, Yarn, Bun or npm-workspace repository run for real, as <see cref="NpmWorkflowTests"/> runs
/// the npm one: the real task writes it into a copy of a repository from Repositories/ (real lockfiles, written by each
/// manager), and <see cref="WorkflowRunner"/> runs every step, the manager's own setup included: its
/// `npm install -g &lt;manager&gt;@&lt;version&gt;` installs from the npm registry into the run's own prefix, and that manager then
/// installs at the workspace root, runs the check scripts and packs; npm publishes the tarball to the local registry through
/// the OIDC exchange. As for npm, only the registry URL is changed, and provenance is off.
/// </summary>
[TestClass]
[TestCategory("RunsForReal")]
[DoNotParallelize]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PackageManagerWorkflowTests
{
    private static LocalRegistry? _registry;

    private static LocalRegistry Registry => _registry ?? throw new InvalidOperationException("The registry did not start.");

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void StartRegistry(TestContext context) => _registry = LocalRegistry.Start();

    [ClassCleanup]
    public static void StopRegistry() => _registry?.Dispose();

    [TestMethod]
    public void Pnpm_PackageAtTheRoot_PublishesThroughTheExchange()
    {
        using var repository = GeneratedRepository.FromFixture("pnpm");
        var run = RunToTheEnd(repository, "Set up pnpm 10.18.3", "using pnpm v10.18.3", "latest",
            ("pnpm run build", "widget-pnpm built"), ("pnpm run test", "widget-pnpm tests passed"));
        StringAssert.Contains(run.Step("Pack with pnpm").Log, "widget-pnpm-1.2.0.tgz");
    }

    [TestMethod]
    public void PnpmWorkspace_PackageInASubFolder_PublishesTheWorkspaceRangeAsAVersion()
    {
        using var repository = GeneratedRepository.FromFixture("pnpm-workspace", "packages/a");
        RunToTheEnd(repository, "Set up pnpm 10.18.3", "using pnpm v10.18.3", "latest",
            ("pnpm run test", "@acme-org/a-pnpm tests passed, with @acme-org/b-pnpm 3.4.5"));
        AssertDependency(repository, "@acme-org/b-pnpm", "^3.4.5");
    }

    [TestMethod]
    public void YarnBerryWorkspace_PackageInASubFolder_PublishesTheWorkspaceRangeAsAVersion()
    {
        using var repository = GeneratedRepository.FromFixture("yarn-berry", "packages/a");
        RunToTheEnd(repository, "Set up Yarn 4.10.3", "Yarn 4.10.3", "latest",
            ("yarn run test", "@acme-org/a-yarn tests passed, with @acme-org/b-yarn 3.4.5"), ("yarn run prepublishOnly", "prepublishOnly ran"));
        AssertDependency(repository, "@acme-org/b-yarn", "^3.4.5");
    }

    [TestMethod]
    public void YarnClassic_PackageAtTheRoot_PublishesThroughTheExchange()
    {
        using var repository = GeneratedRepository.FromFixture("yarn-classic");
        RunToTheEnd(repository, "Set up Yarn classic 1.22.22", "yarn install v1.22.22", "latest",
            ("yarn run test", "widget-yarn-classic tests passed"));
    }

    [TestMethod]
    public void BunWorkspace_PrereleaseInASubFolder_PublishesUnderThePrereleaseIdWithTheWorkspaceRangeAsAVersion()
    {
        using var repository = GeneratedRepository.FromFixture("bun", "packages/a");
        Assert.AreEqual("2.0.0-rc.1", repository.Version);
        RunToTheEnd(repository, "Set up Bun 1.4.4", "bun install v1.4.4", "rc",
            ("bun run test", "@acme-org/a-bun tests passed, with @acme-org/b-bun 3.4.5"));
        AssertDependency(repository, "@acme-org/b-bun", "^3.4.5");
    }

    [TestMethod]
    public void NpmWorkspace_PackageInASubFolder_PublishesThroughTheExchange()
    {
        using var repository = GeneratedRepository.FromFixture("npm-workspace", "packages/a");
        var run = RunToTheEnd(repository, null, "added 2 packages", "latest",
            ("npm run test", "@acme-org/a-npm tests passed, with @acme-org/b-npm 3.4.5"));
        Assert.IsFalse(run.Steps.Any(s => s.Name.StartsWith("Pack with", StringComparison.Ordinal)), "npm publishes the folder");
        AssertDependency(repository, "@acme-org/b-npm", "^3.4.5");
    }

    /// <summary>
    /// The preflight's "Unresolved workspace dependencies" stop, reached honestly: a Yarn classic workspace whose workflow was
    /// generated (clean) before its package got a `workspace:^` peer dependency. From then on the build and CI's check fail
    /// with TPB037, but a release tag pushed on that commit runs the committed workflow all the same (GitHub does not wait
    /// for CI). Yarn classic does not install peers, so its frozen install passes, and `yarn pack` keeps the range as written.
    /// </summary>
    [TestMethod]
    public void Preflight_YarnClassicPacksAWorkspaceRangeAsWritten_StopsTheRunBeforePublish()
    {
        using var repository = GeneratedRepository.FromFixture("yarn-classic-workspace", "packages/a");
        var packageJson = File.ReadAllText(repository.PackageJsonPath);
        const string license = "  \"license\": \"MIT\"";
        Assert.AreEqual(1, packageJson.Split(license).Length - 1, packageJson);
        File.WriteAllText(repository.PackageJsonPath, packageJson.Replace(license, "  \"peerDependencies\": {\n    \"@acme-org/b-classic\": \"workspace:^\"\n  },\n" + license, StringComparison.Ordinal));

        // Both the build and CI's check now fail with TPB037, and the build writes nothing: the committed workflow stays.
        CollectionAssert.AreEqual(new[] { "TPB037" }, repository.Generate().Engine.ErrorCodes.ToArray());
        CollectionAssert.AreEqual(new[] { "TPB037" }, repository.Verify().Engine.ErrorCodes.ToArray());
        Assert.AreEqual(repository.WorkflowText, File.ReadAllText(Path.Combine(repository.Root, ".github", "workflows", repository.WorkflowFile)), "the committed workflow is unchanged");

        repository.PublishByHand(Registry, "1.1.0");
        using var runner = Runner(repository, "v1.2.0");
        var run = PublishAssertions.StoppedByPreflight(Registry, repository, runner, "Unresolved workspace dependencies", TestContext);
        Assert.AreEqual("success", run.Step("Pack with Yarn classic").Outcome, "yarn pack itself does not complain");
        StringAssert.Contains(run.Errors.Single().Message, "@acme-org/b-classic@workspace:^");
    }

    /// <summary>
    /// Publishes the package's first version (1.1.0) by hand, runs the generated workflow for the tag of package.json's version,
    /// and checks what every manager must do: the manager the workflow set up is the one that installed (<paramref name="installed"/>
    /// in the install step's log), each check script ran, the version is in the registry under <paramref name="distTag"/>, the
    /// publish carried exactly the exchange's token, and no token was configured anywhere npm reads before it.
    /// </summary>
    private WorkflowRun RunToTheEnd(GeneratedRepository repository, string? setupStep, string installed, string distTag, params (string Step, string Output)[] checks)
    {
        repository.PublishByHand(Registry, "1.1.0");
        var before = new List<string>();
        using var runner = Runner(repository, "v" + repository.Version, context => before.AddRange(AuthConfiguration.Find(context, Tools.NpmForSetupNode)));

        var run = runner.Run();

        PublishAssertions.Succeeded(Registry, run, TestContext);
        Assert.IsFalse(Regex.IsMatch(run.Log, "^::(warning|error)", RegexOptions.Multiline), "a clean release raises no annotation:\n" + run.Log);
        if (setupStep != null)
        {
            Assert.AreEqual("success", run.Step(setupStep).Outcome);
        }

        StringAssert.Contains(run.Step("Install dependencies").Log, installed, "the manager the workflow set up installed");
        foreach (var (step, output) in checks)
        {
            StringAssert.Contains(run.Step(step).Log, output);
        }

        Assert.AreEqual(0, before.Count, "no token was configured anywhere npm reads before the publish:\n" + string.Join("\n", before));
        var packument = Registry.Read(repository.Name)!;
        CollectionAssert.AreEqual(new[] { "1.1.0", repository.Version }, packument.Versions.ToArray(), packument.ToString());
        Assert.AreEqual(repository.Version, packument.DistTags[distTag], packument.ToString());
        if (distTag != "latest")
        {
            Assert.AreEqual("1.1.0", packument.DistTags["latest"], "a prerelease never lands on latest: " + packument);
        }

        var exchange = PublishAssertions.PublishedThroughTheExchange(Registry, repository.Name);
        Assert.AreEqual($"{GeneratedRepository.GitHubRepository}/.github/workflows/publish.yml@refs/tags/v{repository.Version}", exchange.Claims!.WorkflowRef);
        return run;
    }

    /// <summary>The published package.json names the sibling with a version range, as its users' installs need.</summary>
    private static void AssertDependency(GeneratedRepository repository, string dependency, string range)
    {
        var manifest = Registry.Manifest(repository.Name, repository.Version) ?? throw new AssertFailedException("the registry has no manifest for " + repository.Name);
        var dependencies = manifest.GetProperty("dependencies");
        Assert.AreEqual(range, dependencies.GetProperty(dependency).GetString(), dependencies.ToString());
        Assert.IsFalse(manifest.ToString().Contains("workspace:", StringComparison.Ordinal), manifest.ToString());
    }

    private static WorkflowRunner Runner(GeneratedRepository repository, string tag, Action<StepContext>? beforePublish = null) =>
        new(repository.WorkflowFor(Registry), repository.WorkflowFile, repository.Root, WorkflowTrigger.TagPush(GeneratedRepository.GitHubRepository, tag))
        {
            IdTokens = Registry,
            BeforeStep = context =>
            {
                if (context.Name == "Publish")
                {
                    beforePublish?.Invoke(context);
                }
            },
        };
}
