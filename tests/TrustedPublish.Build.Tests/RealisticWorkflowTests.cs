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

    private static string Findings(string fixture, string fileName = "publish.yml", string packageDirectory = "")
    {
        var harness = new RuleHarness();
        harness.Workflows.Clear();
        harness.Workflows[fileName] = Fixture(fixture);
        harness.Configure = i => i.PackageDirectory = packageDirectory;
        return string.Join(" | ", harness.Findings());
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
    public void CorrectOidcWorkflow_ReportsNothing()
    {
        Assert.AreEqual(1, PublishSteps("oidc-correct.yml"));
        Assert.AreEqual("", Findings("oidc-correct.yml"));
    }
}
