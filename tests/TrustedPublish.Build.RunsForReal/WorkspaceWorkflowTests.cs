using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.RunsForReal;

/// <summary>
/// The workflow of a project that lists several packages (TrustedPublishPackage items) run for real: the real task writes
/// it into a copy of a workspace from Repositories/ whose widget.csproj lists the packages, and <see cref="WorkflowRunner"/>
/// runs it against the local registry, the `if:` that skips a package's publish included. As for one package, only the
/// registry URL is changed and provenance is off. Each test has a registry of its own, since the fixtures' package names
/// are fixed by their lockfiles.
/// </summary>
[TestClass]
[TestCategory("RunsForReal")]
[DoNotParallelize]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WorkspaceWorkflowTests
{
    /// <summary>pnpm-three: a depends on b (`workspace:^`) and b on c, all at 1.2.0; the root's `test` runs `pnpm -r run test`.</summary>
    private static readonly string[] Three = { "packages/a", "packages/b", "packages/c" };

    private const string A = "@acme-org/ws-a";
    private const string B = "@acme-org/ws-b";
    private const string C = "@acme-org/ws-c";

    private LocalRegistry? _registry;

    private LocalRegistry Registry => _registry ?? throw new InvalidOperationException("The registry did not start.");

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void StartRegistry() => _registry = LocalRegistry.Start();

    [TestCleanup]
    public void StopRegistry() => _registry?.Dispose();

    /// <summary>
    /// One run publishes all three, dependencies first, each through its own exchange; then one package's version bump
    /// leaves the regenerated workflow byte for byte as it was, and the next run publishes exactly that package.
    /// </summary>
    [TestMethod]
    public void PnpmWorkspace_ThreePackages_PublishesAllInDependencyOrder_ThenOnlyTheBumpedOne()
    {
        using var repository = GeneratedRepository.Workspace("pnpm-three", Three);
        PublishFirstVersionsByHand(repository);
        var tokensBefore = new Dictionary<string, IReadOnlyList<string>>();

        using (var runner = Runner(repository, "v1.2.0", tokensBefore))
        {
            var run = runner.Run();

            PublishAssertions.Succeeded(Registry, run, TestContext);
            Assert.IsFalse(Regex.IsMatch(run.Log, "^::(warning|error|notice)", RegexOptions.Multiline), "a first release of all three raises no annotation:\n" + run.Log);
            StringAssert.Contains(run.Step("Install dependencies").Log, "using pnpm v10.18.3");
            var tests = run.Step("pnpm run test").Log;
            foreach (var line in new[] { C + " 1.2.0 tests passed", B + " 1.2.0 tests passed, with " + C + " 1.2.0", A + " 1.2.0 tests passed, with " + B + " 1.2.0" })
            {
                StringAssert.Contains(tests, line, "the root's check script ran at the root, over every package");
            }

            var checks = run.Steps.Where(s => s.Name.StartsWith("Check @", StringComparison.Ordinal)).Select(s => s.Name).ToArray();
            CollectionAssert.AreEqual(new[] { "Check " + C, "Check " + B, "Check " + A }, checks, "every package checked, dependencies first");
            Assert.IsTrue(run.Steps.ToList().FindIndex(s => s.Name == "Check " + A) < run.Steps.ToList().FindIndex(s => s.Name == "Publish " + C), "all checked before the first publish");
        }

        AssertPublishedInOrder(new[] { C, B, A }, "v1.2.0", sinceSequence: 0);
        CollectionAssert.AreEqual(new[] { C, B, A }, tokensBefore.Keys.ToArray(), "each publish step ran");
        foreach (var (name, found) in tokensBefore)
        {
            Assert.AreEqual(0, found.Count, $"no token was configured anywhere npm reads before {name}'s publish:\n" + string.Join("\n", found));
        }

        foreach (var name in new[] { A, B, C })
        {
            var packument = Registry.Read(name)!;
            CollectionAssert.AreEqual(new[] { "1.1.0", "1.2.0" }, packument.Versions.ToArray(), name + ": " + packument);
            Assert.AreEqual("1.2.0", packument.DistTags["latest"], name + ": " + packument);
        }

        AssertDependency(A, "1.2.0", B, "^1.2.0");
        AssertDependency(B, "1.2.0", C, "^1.2.0");

        // A release tool bumps b alone. The build regenerates: nothing in the workflow moves, and CI's check passes.
        repository.SetVersion("packages/b", "1.2.1");
        var (generated, engine) = repository.Generate();
        Assert.IsTrue(generated && !engine.Errors.Any(), engine.Log);
        CollectionAssert.AreEqual(repository.WorkflowBytes, repository.WorkflowOnDisk(), "a version bump leaves the workflow byte for byte as it was");
        var (verified, verifyEngine) = repository.Verify();
        Assert.IsTrue(verified && !verifyEngine.Errors.Any(), verifyEngine.Log);

        var second = LastSequence();
        using (var runner = Runner(repository, "v1.2.1"))
        {
            var run = runner.Run();

            PublishAssertions.Succeeded(Registry, run, TestContext);
            Assert.AreEqual(0, run.Errors.Count, run.Log);
            var notices = Regex.Matches(run.Log, @"^::notice title=Already published::(\S+) is already on the registry: skipped\.$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
            CollectionAssert.AreEqual(new[] { C + "@1.2.0", A + "@1.2.0" }, notices, run.Log);
            Assert.AreEqual("skipped", run.Step("Publish " + C).Outcome);
            Assert.AreEqual("success", run.Step("Publish " + B).Outcome);
            Assert.AreEqual("skipped", run.Step("Publish " + A).Outcome);
        }

        AssertPublishedInOrder(new[] { B }, "v1.2.1", second);
        Assert.AreEqual(1, Registry.Requests.Count(r => r.Sequence > second && r.Method == "PUT"), "exactly one publish");
        CollectionAssert.AreEqual(new[] { "1.1.0", "1.2.0", "1.2.1" }, Registry.Read(B)!.Versions.ToArray());
        Assert.AreEqual("1.2.1", Registry.Read(B)!.DistTags["latest"]);
        AssertDependency(B, "1.2.1", C, "^1.2.0");
        foreach (var name in new[] { A, C })
        {
            CollectionAssert.AreEqual(new[] { "1.1.0", "1.2.0" }, Registry.Read(name)!.Versions.ToArray(), name);
        }
    }

    /// <summary>
    /// The tag schemes with several packages. A changesets tag (`**@*`) names one package: a version that is not that
    /// package's stops its preflight; one that is publishes it (and the other bumped packages). A plain `v1.2.0` holds every
    /// package the run publishes to it: with a's version at 1.2.1, a's preflight stops the run. Every stop comes before any
    /// publish request, since every package is checked before the first publish.
    /// </summary>
    [TestMethod]
    public void PnpmWorkspace_TagSchemes_ChangesetsTagPublishes_AMismatchStopsThatPackagesPreflight()
    {
        var changesets = new Dictionary<string, string> { ["TagPattern"] = "**@*" };
        using var repository = GeneratedRepository.Workspace("pnpm-three", Three, changesets);
        PublishFirstVersionsByHand(repository);

        // A changesets tag naming b at a version b does not have: b's own check stops the run; c's (before it) passed.
        using (var runner = Runner(repository, B + "@1.3.0"))
        {
            var run = StoppedBeforeAnyPublish(runner, B);
            Assert.AreEqual("success", run.Step("Check " + C).Outcome, "a tag that names b holds c to nothing");
            StringAssert.Contains(run.Errors.Single().Message, $"The tag '{B}@1.3.0' names version '1.3.0' of {B}, but its package.json's version is '1.2.0'");
        }

        // A plain version tag, every package held to it: c and b have 1.2.0, a was bumped to 1.2.1.
        using (var plain = GeneratedRepository.Workspace("pnpm-three", Three))
        {
            plain.SetVersion("packages/a", "1.2.1");
            using var runner = Runner(plain, "v1.2.0");
            var run = StoppedBeforeAnyPublish(runner, A);
            Assert.AreEqual("success", run.Step("Check " + C).Outcome);
            Assert.AreEqual("success", run.Step("Check " + B).Outcome);
            StringAssert.Contains(run.Errors.Single().Message, $"The tag 'v1.2.0' names version '1.2.0' of {A}, but its package.json's version is '1.2.1'");
        }

        // The changesets tag of b's version: b matches it, and c and a, bumped too, publish in the same run.
        using (var runner = Runner(repository, B + "@1.2.0"))
        {
            var run = runner.Run();
            PublishAssertions.Succeeded(Registry, run, TestContext);
            Assert.AreEqual(0, run.Errors.Count, run.Log);
        }

        AssertPublishedInOrder(new[] { C, B, A }, B + "@1.2.0", sinceSequence: 0);
    }

    /// <summary>An npm workspace (package-lock.json at the root; a depends on b by `^3.4.5`), with release-please's `a-npm-v1.2.0` tag: b, then a.</summary>
    [TestMethod]
    public void NpmWorkspace_TwoPackages_PublishesBothDependencyFirst()
    {
        using var repository = GeneratedRepository.Workspace("npm-workspace", new[] { "packages/a", "packages/b" }, new Dictionary<string, string> { ["TagPattern"] = "*-v*" });
        repository.PublishByHand(Registry, "packages/a", "1.1.0");
        repository.PublishByHand(Registry, "packages/b", "3.4.0");
        var tokensBefore = new Dictionary<string, IReadOnlyList<string>>();
        using var runner = Runner(repository, "a-npm-v1.2.0", tokensBefore);

        var run = runner.Run();

        PublishAssertions.Succeeded(Registry, run, TestContext);
        Assert.IsFalse(Regex.IsMatch(run.Log, "^::(warning|error|notice)", RegexOptions.Multiline), run.Log);
        StringAssert.Contains(run.Step("Install dependencies").Log, "added 2 packages");
        StringAssert.Contains(run.Step("@acme-org/a-npm: npm run test").Log, "@acme-org/a-npm tests passed, with @acme-org/b-npm 3.4.5", "a package's own script, in its folder");
        Assert.IsFalse(run.Steps.Any(s => s.Name.StartsWith("Pack ", StringComparison.Ordinal)), "npm publishes the folders");
        AssertPublishedInOrder(new[] { "@acme-org/b-npm", "@acme-org/a-npm" }, "a-npm-v1.2.0", sinceSequence: 0);
        Assert.IsTrue(tokensBefore.Values.All(found => found.Count == 0), "no token before any publish:\n" + string.Join("\n", tokensBefore.Values.SelectMany(f => f)));
        Assert.AreEqual("1.2.0", Registry.Read("@acme-org/a-npm")!.DistTags["latest"]);
        Assert.AreEqual("3.4.5", Registry.Read("@acme-org/b-npm")!.DistTags["latest"]);
        AssertDependency("@acme-org/a-npm", "1.2.0", "@acme-org/b-npm", "^3.4.5");
    }

    [TestMethod]
    public void YarnBerryWorkspace_TwoPackages_PacksEachWithYarn_PublishesBothDependencyFirst()
    {
        using var repository = GeneratedRepository.Workspace("yarn-berry", new[] { "packages/a", "packages/b" }, new Dictionary<string, string> { ["TagPattern"] = "*-v*" });
        repository.PublishByHand(Registry, "packages/a", "1.1.0");
        repository.PublishByHand(Registry, "packages/b", "3.4.0");
        var tokensBefore = new Dictionary<string, IReadOnlyList<string>>();
        using var runner = Runner(repository, "a-yarn-v1.2.0", tokensBefore);

        var run = runner.Run();

        PublishAssertions.Succeeded(Registry, run, TestContext);
        Assert.IsFalse(Regex.IsMatch(run.Log, "^::(warning|error|notice)", RegexOptions.Multiline), run.Log);
        Assert.AreEqual(2, run.Steps.Count(s => s.Name.StartsWith("Pack ", StringComparison.Ordinal) && s.Name.EndsWith(" with Yarn", StringComparison.Ordinal)), "each package packed by Yarn");
        AssertPublishedInOrder(new[] { "@acme-org/b-yarn", "@acme-org/a-yarn" }, "a-yarn-v1.2.0", sinceSequence: 0);
        Assert.IsTrue(tokensBefore.Values.All(found => found.Count == 0), "no token before any publish:\n" + string.Join("\n", tokensBefore.Values.SelectMany(f => f)));
        AssertDependency("@acme-org/a-yarn", "1.2.0", "@acme-org/b-yarn", "^3.4.5");
    }

    [TestMethod]
    public void BunWorkspace_TwoPackages_PacksEachWithBun_PublishesThePrereleaseUnderItsId()
    {
        using var repository = GeneratedRepository.Workspace("bun", new[] { "packages/a", "packages/b" }, new Dictionary<string, string> { ["TagPattern"] = "*-v*" });
        repository.PublishByHand(Registry, "packages/a", "1.9.0");
        repository.PublishByHand(Registry, "packages/b", "3.4.0");
        var tokensBefore = new Dictionary<string, IReadOnlyList<string>>();
        using var runner = Runner(repository, "a-bun-v2.0.0-rc.1", tokensBefore);

        var run = runner.Run();

        PublishAssertions.Succeeded(Registry, run, TestContext);
        AssertPublishedInOrder(new[] { "@acme-org/b-bun", "@acme-org/a-bun" }, "a-bun-v2.0.0-rc.1", sinceSequence: 0);
        Assert.IsTrue(tokensBefore.Values.All(found => found.Count == 0), "no token before any publish:\n" + string.Join("\n", tokensBefore.Values.SelectMany(f => f)));
        Assert.AreEqual("2.0.0-rc.1", Registry.Read("@acme-org/a-bun")!.DistTags["rc"]);
        Assert.AreEqual("1.9.0", Registry.Read("@acme-org/a-bun")!.DistTags["latest"], "a prerelease never lands on latest");
        AssertDependency("@acme-org/a-bun", "2.0.0-rc.1", "@acme-org/b-bun", "^3.4.5");
    }

    /// <summary>The last request or exchange the stand-in recorded so far (they share one sequence).</summary>
    private int LastSequence() => Registry.Requests.Select(r => r.Sequence).Concat(Registry.Exchanges.Select(e => e.Sequence)).DefaultIfEmpty(0).Max();

    private void PublishFirstVersionsByHand(GeneratedRepository repository)
    {
        foreach (var folder in repository.ListedPackages!)
        {
            repository.PublishByHand(Registry, folder, "1.1.0");
        }
    }

    /// <summary>
    /// After <paramref name="sinceSequence"/>: exactly these packages were published, in this order, each by one publish (PUT)
    /// that carried the token of its own granted exchange, asked for just before it, all tokens different; the ID tokens name
    /// the workflow at <paramref name="tag"/>.
    /// </summary>
    private void AssertPublishedInOrder(string[] names, string tag, int sinceSequence)
    {
        var puts = Registry.Requests.Where(r => r.Sequence > sinceSequence && r.Method == "PUT").ToList();
        CollectionAssert.AreEqual(names.Select(n => "/" + LocalRegistry.Escape(n)).ToArray(), puts.Select(p => p.Path).ToArray(), "the publishes, in order");
        var exchanges = Registry.Exchanges.Where(e => e.Sequence > sinceSequence).ToList();
        CollectionAssert.AreEqual(names, exchanges.Select(e => e.PackageName).ToArray(), "one exchange per package, in the same order");
        var previous = sinceSequence;
        for (var i = 0; i < names.Length; i++)
        {
            var exchange = exchanges[i];
            Assert.IsTrue(exchange.Granted, exchange.Refusal);
            Assert.AreEqual(LocalRegistry.Escape(names[i]), exchange.EscapedName);
            Assert.AreEqual(exchange.Token, puts[i].Bearer, names[i] + "'s publish carried its own exchange's token");
            Assert.AreEqual(201, puts[i].Status, names[i]);
            Assert.IsTrue(previous < exchange.Sequence && exchange.Sequence < puts[i].Sequence, names[i] + ": its exchange came after the previous publish and before its own");
            Assert.AreEqual($"{GeneratedRepository.GitHubRepository}/.github/workflows/publish.yml@refs/tags/{tag}", exchange.Claims!.WorkflowRef);
            previous = puts[i].Sequence;
        }

        Assert.AreEqual(names.Length, exchanges.Select(e => e.Token).Distinct().Count(), "every package its own token");
    }

    /// <summary>
    /// The run stopped at <paramref name="name"/>'s check with exactly one `::error`, "Tag does not match version", naming it;
    /// no publish step ran, and the registry saw no exchange and no publish request in this run.
    /// </summary>
    private WorkflowRun StoppedBeforeAnyPublish(WorkflowRunner runner, string name)
    {
        var since = LastSequence();
        var run = runner.Run();
        TestContext.WriteLine(run.Log);
        Assert.IsFalse(run.Succeeded, "the run went through:\n" + run.Log);
        Assert.AreEqual("Check " + name, run.FailedStep!.Name, run.Log);
        CollectionAssert.AreEqual(new[] { "Tag does not match version" }, run.Errors.Select(e => e.Title).ToArray(), run.Log);
        StringAssert.Contains(run.Errors.Single().Message, " of " + name + ",");
        Assert.IsFalse(run.Steps.Any(s => s.Name.StartsWith("Publish @", StringComparison.Ordinal) && s.Ran), "no publish step ran");
        Assert.IsFalse(Registry.Exchanges.Any(e => e.Sequence > since), "no exchange");
        Assert.IsFalse(Registry.Requests.Any(r => r.Sequence > since && r.Method == "PUT"), "no publish request");
        return run;
    }

    /// <summary>The published package.json names the sibling with a version range (a `workspace:` range arrived as a version).</summary>
    private void AssertDependency(string name, string version, string dependency, string range)
    {
        var manifest = Registry.Manifest(name, version) ?? throw new AssertFailedException($"the registry has no manifest for {name}@{version}");
        var dependencies = manifest.GetProperty("dependencies");
        Assert.AreEqual(range, dependencies.GetProperty(dependency).GetString(), dependencies.ToString());
        Assert.IsFalse(manifest.ToString().Contains("workspace:", StringComparison.Ordinal), manifest.ToString());
    }

    /// <summary>The runner for a tag push; with <paramref name="tokensBefore"/>, what npm could read as a token before each package's publish.</summary>
    private WorkflowRunner Runner(GeneratedRepository repository, string tag, Dictionary<string, IReadOnlyList<string>>? tokensBefore = null) =>
        new(repository.WorkflowFor(Registry), repository.WorkflowFile, repository.Root, WorkflowTrigger.TagPush(GeneratedRepository.GitHubRepository, tag))
        {
            IdTokens = Registry,
            BeforeStep = context =>
            {
                if (tokensBefore != null && context.Name.StartsWith("Publish @", StringComparison.Ordinal))
                {
                    tokensBefore[context.Name.Substring("Publish ".Length)] = AuthConfiguration.Find(context, Tools.NpmForSetupNode);
                }
            },
        };
}
