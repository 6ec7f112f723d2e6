using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.RunsForReal;

/// <summary>
/// The generated npm workflow run for real: the task writes it into a temporary repository, <see cref="WorkflowRunner"/> runs
/// its job step by step with GitHub's bash and the real npm (11.19.1 from tests/tools, standing in for setup-node's), and it
/// publishes to a local Verdaccio through <see cref="LocalRegistry"/>'s stand-in for GitHub's ID-token service and npm's OIDC
/// exchange. The workflow under test is the generated one with only the registry URL https://registry.npmjs.org/ replaced
/// by the local one, and provenance is off (TrustedPublishProvenance=false, and an ID token that says the repository is
/// private, so npm does not turn it on by itself): provenance needs Sigstore, on the internet.
/// </summary>
[TestClass]
[TestCategory("RunsForReal")]
[DoNotParallelize]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NpmWorkflowTests
{
    private static LocalRegistry? _registry;

    private static LocalRegistry Registry => _registry ?? throw new InvalidOperationException("The registry did not start.");

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void StartRegistry(TestContext context) => _registry = LocalRegistry.Start();

    [ClassCleanup]
    public static void StopRegistry() => _registry?.Dispose();

    [TestMethod]
    public void GeneratedWorkflow_ReleaseTag_PublishesThroughTheExchangeWithLatest()
    {
        using var repository = new GeneratedRepository("@acme-org/widget-release", "1.2.0", new Dictionary<string, string> { ["Environment"] = "npm" });
        repository.PublishByHand(Registry, "1.1.0");
        var before = new List<string>();
        using var runner = Runner(repository, "v1.2.0", beforePublish: context => before.AddRange(AuthConfiguration.Find(context, Tools.NpmForSetupNode)));

        var run = runner.Run();

        AssertSucceeded(run);
        Assert.AreEqual(0, before.Count, "no token was configured anywhere npm reads before the publish:\n" + string.Join("\n", before));
        var packument = Registry.Read(repository.Name)!;
        CollectionAssert.AreEqual(new[] { "1.1.0", "1.2.0" }, packument.Versions.ToArray(), packument.ToString());
        Assert.AreEqual("1.2.0", packument.DistTags["latest"], packument.ToString());
        var exchange = AssertPublishedThroughTheExchange(repository.Name);
        Assert.AreEqual(GeneratedRepository.GitHubRepository, exchange.Claims!.Repository);
        Assert.AreEqual($"{GeneratedRepository.GitHubRepository}/.github/workflows/publish.yml@refs/tags/v1.2.0", exchange.Claims.WorkflowRef, "npm checks the workflow file name in this claim");
        Assert.AreEqual("npm", exchange.Claims.Environment, "the job's environment reaches the ID token, where npm checks it");
        StringAssert.Contains(run.Step("npm run test").Log, "widget tests passed", "the check script ran");
    }

    [TestMethod]
    public void GeneratedWorkflow_PrereleaseTag_PublishesUnderThePrereleaseId()
    {
        using var repository = new GeneratedRepository("widget-prerelease", "1.2.0-beta.1");
        repository.PublishByHand(Registry, "1.1.0");
        using var runner = Runner(repository, "v1.2.0-beta.1");

        var run = runner.Run();

        AssertSucceeded(run);
        var packument = Registry.Read(repository.Name)!;
        CollectionAssert.AreEqual(new[] { "1.1.0", "1.2.0-beta.1" }, packument.Versions.ToArray(), packument.ToString());
        Assert.AreEqual("1.2.0-beta.1", packument.DistTags["beta"], packument.ToString());
        Assert.AreEqual("1.1.0", packument.DistTags["latest"], "a prerelease never lands on latest: " + packument);
        AssertPublishedThroughTheExchange(repository.Name);
    }

    /// <summary>
    /// The generated workflow sets up no token path: when the exchange is refused (no trusted publisher matches), npm has
    /// nothing to fall back on and the publish fails (ENEEDAUTH) instead of publishing some other way.
    /// </summary>
    [TestMethod]
    public void GeneratedWorkflow_ExchangeRefused_PublishFailsWithNoTokenToFallBackOn()
    {
        using var repository = new GeneratedRepository("@acme-org/widget-refused", "1.2.0");
        repository.PublishByHand(Registry, "1.1.0");
        Registry.RefuseExchange[repository.Name] = true;
        var before = Registry.Read(repository.Name)!.ToString();
        using var runner = Runner(repository, "v1.2.0");

        var run = runner.Run();

        TestContext.WriteLine(run.Log);
        Assert.AreEqual("Publish", run.FailedStep?.Name, run.Log);
        StringAssert.Contains(run.FailedStep!.Log, "ENEEDAUTH");
        Assert.IsFalse(Registry.Exchanges.Single(e => e.PackageName == repository.Name).Granted);
        Assert.IsFalse(Registry.Requests.Any(r => r.Method == "PUT" && r.Path == "/" + LocalRegistry.Escape(repository.Name)), "no publish was attempted with any token");
        Assert.AreEqual(before, Registry.Read(repository.Name)!.ToString(), "the registry is unchanged");
    }

    [TestMethod]
    public void Preflight_TagDoesNotMatchVersion_StopsTheRunBeforePublish()
    {
        using var repository = new GeneratedRepository("@acme-org/widget-tag", "1.2.0");
        repository.PublishByHand(Registry, "1.1.0");
        using var runner = Runner(repository, "v1.3.0");
        AssertStoppedByPreflight(repository, runner, "Tag does not match version");
    }

    [TestMethod]
    public void Preflight_VersionAlreadyPublished_StopsTheRunBeforePublish()
    {
        using var repository = new GeneratedRepository("@acme-org/widget-again", "1.2.0");
        repository.PublishByHand(Registry, "1.2.0");
        using var runner = Runner(repository, "v1.2.0");
        AssertStoppedByPreflight(repository, runner, "Version already published");
    }

    [TestMethod]
    [DataRow(true, DisplayName = "the job is not granted id-token: write")]
    [DataRow(false, DisplayName = "the job is granted it, but the runner gives no token (as for a fork's pull request)")]
    public void Preflight_NoOidcToken_StopsTheRunBeforePublish(bool removePermission)
    {
        using var repository = new GeneratedRepository("@acme-org/widget-no-oidc-" + (removePermission ? "permission" : "env"), "1.2.0");
        repository.PublishByHand(Registry, "1.1.0");
        var workflow = repository.WorkflowFor(Registry);
        if (removePermission)
        {
            const string line = "      id-token: write\n";
            Assert.AreEqual(1, CountOf(workflow, line), workflow);
            workflow = workflow.Replace(line, "", StringComparison.Ordinal);
        }

        using var runner = new WorkflowRunner(workflow, repository.WorkflowFile, repository.Root, WorkflowTrigger.TagPush(GeneratedRepository.GitHubRepository, "v1.2.0"))
        {
            IdTokens = Registry,
            WithholdIdToken = !removePermission,
        };
        Assert.AreEqual(!removePermission, runner.GrantsIdToken);
        AssertStoppedByPreflight(repository, runner, "No OIDC token");
    }

    [TestMethod]
    public void Preflight_RepositoryUrlNamesAnotherRepository_StopsTheRunBeforePublish()
    {
        // package.json names Acme-Org/widget (the project's RepositoryUrl); the workflow runs in a fork.
        using var repository = new GeneratedRepository("@acme-org/widget-fork", "1.2.0");
        repository.PublishByHand(Registry, "1.1.0");
        using var runner = new WorkflowRunner(repository.WorkflowFor(Registry), repository.WorkflowFile, repository.Root, WorkflowTrigger.TagPush("someone/widget", "v1.2.0")) { IdTokens = Registry };
        AssertStoppedByPreflight(repository, runner, "repository.url does not match");
    }

    [TestMethod]
    public void Preflight_NpmOlderThan11_5_1_StopsTheRunBeforePublish()
    {
        // npm 10.9.9 (every Node 22 ships an npm 10) is what setup-node leaves on PATH here.
        using var repository = new GeneratedRepository("@acme-org/widget-old-npm", "1.2.0");
        repository.PublishByHand(Registry, "1.1.0");
        using var runner = new WorkflowRunner(repository.WorkflowFor(Registry), repository.WorkflowFile, repository.Root, WorkflowTrigger.TagPush(GeneratedRepository.GitHubRepository, "v1.2.0"))
        {
            IdTokens = Registry,
            NpmCli = Tools.NpmTooOld,
        };
        var run = AssertStoppedByPreflight(repository, runner, "npm too old for trusted publishing");
        StringAssert.Contains(run.Errors.Single().Message, "npm 10.9.9 cannot publish with OIDC");
    }

    /// <summary>
    /// A hand-written workflow in the common shape: setup-node with `registry-url` (its .npmrc says
    /// `//host/:_authToken=${NODE_AUTH_TOKEN}`) and a long-lived token in NODE_AUTH_TOKEN (in real workflows
    /// `${{ secrets.NPM_TOKEN }}`; here the token itself, since the runner evaluates no secrets). What npm 11.19.1 does:
    /// <list type="bullet">
    /// <item>with `id-token: write` and an exchange that succeeds, npm takes the exchange: its token replaces the
    /// .npmrc's `_authToken` and the publish carries it, not NODE_AUTH_TOKEN;</item>
    /// <item>without an ID token, npm skips the exchange and publishes with NODE_AUTH_TOKEN, with no word about it;</item>
    /// <item>when the exchange is refused (no trusted publisher matches), npm says so only at verbose level and publishes
    /// with NODE_AUTH_TOKEN: the run is green and the package was published with the long-lived token.</item>
    /// </list>
    /// TPB070's message says exactly this: the exchange's token wins while OIDC works, and the long-lived token takes
    /// over silently whenever OIDC is unavailable or refused; it surfaces as "Access token expired or revoked" only
    /// once the token expires and OIDC fails at the same time.
    /// </summary>
    [TestMethod]
    [DataRow(true, false, true, DisplayName = "id-token granted, exchange succeeds: the exchange's token")]
    [DataRow(false, false, false, DisplayName = "no id-token: NODE_AUTH_TOKEN, silently")]
    [DataRow(true, true, false, DisplayName = "exchange refused: NODE_AUTH_TOKEN, silently")]
    public void HandWrittenWorkflow_RegistryUrlAndNodeAuthToken_PathNpmTakes(bool idToken, bool refuse, bool expectExchangeToken)
    {
        var name = $"@acme-org/widget-hand-{(idToken ? "oidc" : "no-oidc")}{(refuse ? "-refused" : "")}";
        using var repository = new GeneratedRepository(name, "1.2.0");
        repository.PublishByHand(Registry, "1.1.0");
        if (refuse)
        {
            Registry.RefuseExchange[name] = true;
        }

        var workflow = $$"""
            name: Publish (hand-written)
            on:
              push:
                tags: ["v*"]
            permissions: {}
            jobs:
              publish:
                runs-on: ubuntu-latest
                permissions:
                  contents: read
            {{(idToken ? "      id-token: write\n" : "")}}    steps:
                  - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
                    with:
                      persist-credentials: false
                  - uses: actions/setup-node@820762786026740c76f36085b0efc47a31fe5020 # v7.0.0
                    with:
                      node-version: "24"
                      registry-url: "{{Registry.Url}}"
                  - run: npm ci
                  - run: npm publish
                    env:
                      NODE_AUTH_TOKEN: "{{Registry.ClassicToken}}"
            """;
        var before = new List<string>();
        using var runner = new WorkflowRunner(workflow, "publish.yml", repository.Root, WorkflowTrigger.TagPush(GeneratedRepository.GitHubRepository, "v1.2.0"))
        {
            IdTokens = Registry,
            BeforeStep = context =>
            {
                if (context.Name == "npm publish")
                {
                    before.AddRange(AuthConfiguration.Find(context, Tools.NpmForSetupNode));
                }
            },
        };

        var run = runner.Run();

        AssertSucceeded(run);
        Assert.AreEqual(0, run.Errors.Count, "npm said nothing of the path it took:\n" + run.Log);

        // The check the generated workflow passes sees both of this workflow's token settings.
        CollectionAssert.AreEquivalent(new[] { "environment: NODE_AUTH_TOKEN", Path.Combine(runner.RunnerTemp, ".npmrc") + ": //127.0.0.1:" + new Uri(Registry.Url).Port + "/:_authToken" }, before);
        var exchanges = Registry.Exchanges.Where(e => e.PackageName == name).ToList();
        Assert.AreEqual(idToken ? 1 : 0, exchanges.Count, "exchange calls");
        Assert.AreEqual(expectExchangeToken, exchanges.Any(e => e.Granted));
        var put = Registry.Requests.Single(r => r.Method == "PUT" && r.Path == "/" + LocalRegistry.Escape(name));
        Assert.AreEqual(expectExchangeToken ? exchanges.Single().Token : Registry.ClassicToken, put.Bearer, "the token the publish carried");
        CollectionAssert.Contains(Registry.Read(name)!.Versions.ToArray(), "1.2.0");
        if (!expectExchangeToken)
        {
            // What every generated-workflow test asserts catches a publish that did not go through the exchange.
            Assert.ThrowsExactly<AssertFailedException>(() => AssertPublishedThroughTheExchange(name));
        }
    }

    private WorkflowRunner Runner(GeneratedRepository repository, string tag, Action<StepContext>? beforePublish = null) =>
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

    private void AssertSucceeded(WorkflowRun run) => PublishAssertions.Succeeded(Registry, run, TestContext);

    private static OidcExchange AssertPublishedThroughTheExchange(string name) => PublishAssertions.PublishedThroughTheExchange(Registry, name);

    private WorkflowRun AssertStoppedByPreflight(GeneratedRepository repository, WorkflowRunner runner, string title) =>
        PublishAssertions.StoppedByPreflight(Registry, repository, runner, title, TestContext);

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

/// <summary>Stops what the tests started even when a class cleanup did not run.</summary>
[TestClass]
public sealed class RunsForRealCleanup
{
    [AssemblyCleanup]
    public static void KillLeftovers() => LocalRegistry.KillAll();
}
