using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Hand-written workflows as people write them (Fixtures/Workflows), each checked as the repository's
/// publish.yml (the registered workflow) for a scoped package: exactly the expected findings, nothing else.
/// </summary>
[TestClass]
public sealed class RealisticWorkflowTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "TrustedPublish.Build.Tests", "Fixtures", "Workflows", name));

    /// <summary>How many publish steps the rules see in a fixture: "no findings" must not mean "nothing was recognised".</summary>
    private static int PublishSteps(string fixture)
    {
        var file = new Rules.RepositoryFile("/repo/.github/workflows/publish.yml", ".github/workflows/publish.yml", Fixture(fixture));
        return Rules.Workflows.PublishStepFinder.Find(Rules.Workflows.WorkflowDocument.Parse(file, out _)!).Count();
    }

    private static string Findings(string fixture, string fileName = "publish.yml", string packageDirectory = "") =>
        Findings(Fixture(fixture), fileName, packageDirectory, null);

    private static string Findings(string workflow, string fileName, string packageDirectory, System.Action<Model.TrustedPublishInputs>? repository, string packageJson = RuleHarness.PackageJson)
    {
        var harness = new RuleHarness { PackageJsonText = packageJson };
        harness.Workflows.Clear();
        harness.Workflows[fileName] = workflow;
        harness.Configure = i =>
        {
            i.PackageDirectory = packageDirectory;
            repository?.Invoke(i);
        };
        return string.Join(" | ", harness.Findings());
    }

    /// <summary>A pnpm workspace: pnpm-lock.yaml at the root, no npm lockfile, the package in packages/widget.</summary>
    private static void PnpmWorkspace(Model.TrustedPublishInputs inputs)
    {
        inputs.PackageManagerFolders = TestInputs.Folders((inputs.PackageDirectory, new string[0], null), ("", new[] { "pnpm-lock.yaml", "pnpm-workspace.yaml" }, null));
    }

    [TestMethod]
    public void TokenBasedSetupNodeWorkflow_ReportsTokenNoIdTokenAndOldNpm()
    {
        Assert.AreEqual("TPB073 publish.yml:6:3 | TPB075 publish.yml:15:14 | TPB070 publish.yml:17:11", Findings("token-setup-node.yml"));
    }

    [TestMethod]
    public void ChangesetsWorkflow_UnderAnotherName_ReportsTheTokenAndTheWrongFile()
    {
        Assert.AreEqual("TPB078 release.yml:21:15 | TPB070 release.yml:26:11", Findings("changesets.yml", "release.yml"));
    }

    [TestMethod]
    public void SemanticReleaseWorkflow_ReportsOnlyTheToken()
    {
        Assert.AreEqual(1, PublishSteps("semantic-release.yml"));
        Assert.AreEqual("TPB070 publish.yml:26:11", Findings("semantic-release.yml"));
    }

    [TestMethod]
    public void MatrixWorkflowPublishingFromOneLeg_ReportsNothing()
    {
        Assert.AreEqual(1, PublishSteps("matrix.yml"));
        Assert.AreEqual("", Findings("matrix.yml"));
    }

    [TestMethod]
    public void MonorepoWorkflow_JudgesEachPackageByItsWorkingDirectory()
    {
        // The gadget job publishes another package, on Node 22 without an npm upgrade.
        Assert.AreEqual("TPB075 publish.yml:34:14", Findings("monorepo.yml", packageDirectory: "packages/widget"));

        // Under another file name, only the job that publishes this package is the wrong file.
        StringAssert.StartsWith(Findings("monorepo.yml", "packages.yml", "packages/widget"), "TPB078 packages.yml:21:14");
    }

    [TestMethod]
    public void PnpmWorkspaceWithChangesetsV17_Pnpm10AndNpmUpgraded_ReportsNothing()
    {
        Assert.AreEqual(1, PublishSteps("pnpm-changesets.yml"));
        Assert.AreEqual("", Findings(Fixture("pnpm-changesets.yml"), "publish.yml", "packages/widget", PnpmWorkspace));
    }

    /// <summary>The same workflow is judged as pnpm 10's publish, not waved through: without the npm upgrade, Node 22's npm 10 fails.</summary>
    [TestMethod]
    public void PnpmWorkspaceWithChangesets_WithoutTheNpmUpgrade_IsTPB075_UnlessPnpmIsUnknownOr11()
    {
        var withoutUpgrade = RuleHarness.Replace(Fixture("pnpm-changesets.yml"), "        run: npm install -g npm@^11.5.1", "        run: npm --version");
        Assert.AreEqual("TPB075 publish.yml:47:15", Findings(withoutUpgrade, "publish.yml", "packages/widget", PnpmWorkspace));

        // pnpm/action-setup without a version reads the root's packageManager, which the rules do not see: unknown, no error.
        var unknownPnpm = RuleHarness.Replace(withoutUpgrade, "        with:\n          version: 10.18.3\n", "");
        Assert.AreEqual("", Findings(unknownPnpm, "publish.yml", "packages/widget", PnpmWorkspace));

        // pnpm 11.1.3 does the OIDC exchange itself.
        var pnpm11 = RuleHarness.Replace(withoutUpgrade, "version: 10.18.3", "version: 11.1.3");
        Assert.AreEqual("", Findings(pnpm11, "publish.yml", "packages/widget", PnpmWorkspace));

        // Where nothing says which manager the workspace uses, changeset publish is not judged.
        Assert.AreEqual("", Findings(withoutUpgrade, "publish.yml", "packages/widget", i => i.PackageManagerFolders = TestInputs.Folders((i.PackageDirectory, new string[0], null))));
    }

    [TestMethod]
    public void PnpmWorkspaceWithChangesetsV16_WithoutEmptyNpmToken_IsATokenPath()
    {
        Assert.AreEqual("TPB071 publish.yml:47:15", Findings(Fixture("pnpm-changesets-v1.6.yml"), "publish.yml", "packages/widget", PnpmWorkspace));

        // changesets' documented workaround: an empty NPM_TOKEN keeps v1.6.0 from writing the token line.
        var workaround = RuleHarness.Replace(Fixture("pnpm-changesets-v1.6.yml"), "          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}", "          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n          NPM_TOKEN: ''");
        Assert.AreEqual("", Findings(workaround, "publish.yml", "packages/widget", PnpmWorkspace));
    }

    [TestMethod]
    public void YarnBerryPublish_Yarn410OnNode22_ReportsNothing()
    {
        Assert.AreEqual(1, PublishSteps("yarn-berry.yml"));
        Assert.AreEqual("", Findings("yarn-berry.yml"));

        // The version from packageManager instead of corepack prepare; an older Yarn has no OIDC.
        var noPrepare = RuleHarness.Replace(Fixture("yarn-berry.yml"), "          corepack prepare yarn@4.10.3 --activate\n", "");
        var packageManager = RuleHarness.Replace(RuleHarness.PackageJson, "\"version\": \"1.0.0\",", "\"version\": \"1.0.0\",\n  \"packageManager\": \"yarn@4.10.3+sha512.c38cafb5c7bb273f3926d04e55e1d8c9dfa7d9c3ea1f36a4868fa028b9e5f72298f0b7f401ad5eb921749eb012eb1c3bb74bf7503df3ee43fd600d14a018266f\",");
        Assert.AreEqual("", Findings(noPrepare, "publish.yml", "", null, packageManager));
        Assert.AreEqual("TPB084 publish.yml:36:14", Findings(noPrepare, "publish.yml", "", null, packageManager.Replace("yarn@4.10.3", "yarn@4.9.4", System.StringComparison.Ordinal)));
    }

    [TestMethod]
    public void NodeFromMise_PublishingWithNpm_ReportsNothing()
    {
        Assert.AreEqual(1, PublishSteps("mise-npm.yml"));
        Assert.AreEqual("", Findings("mise-npm.yml"));
    }

    [TestMethod]
    public void CorrectOidcWorkflow_ReportsNothing()
    {
        Assert.AreEqual(1, PublishSteps("oidc-correct.yml"));
        Assert.AreEqual("", Findings("oidc-correct.yml"));
    }
}
