using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.Rules;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Adding the package to a real repository (issue: adopting it never loses work and never ships a broken package):
/// packages npm would refuse, check scripts that would run twice, repository sources that disagree, and existing
/// workflows that must not break a developer's build. Each case beside its near miss.
/// </summary>
[TestClass]
public sealed class AdoptionRulesTests
{
    private static string Codes(TrustedPublishResult result) => string.Join(" ", result.Diagnostics.Select(d => d.Code));

    private static TrustedPublishResult Run(string packageJson, System.Action<TrustedPublishInputs>? configure = null)
    {
        var inputs = TestInputs.Create(packageJson);
        configure?.Invoke(inputs);
        return TrustedPublishEngine.Run(inputs);
    }

    [TestMethod]
    [DataRow("\"private\": true,", "TPB029", 2)]
    [DataRow("\"private\": \"false\",", "TPB029", 2)]
    [DataRow("\"private\": 1,", "TPB029", 2)]
    [DataRow("\"private\": false,", "", 0)]
    [DataRow("\"private\": \"\",", "", 0)]
    public void PrivatePackage_IsRefusedAsNpmWould_WithTheTruthinessNpmUses(string privateMember, string expected, int line)
    {
        var result = Run("{\n  " + privateMember + "\n  \"name\": \"hello-npm\",\n  \"version\": \"1.0.0\"\n}\n");
        Assert.AreEqual(expected, Codes(result));
        if (line > 0)
        {
            Assert.AreEqual(line, result.Diagnostics.Single().Line);
            Assert.IsNull(result.Workflow, "nothing is generated for a package npm refuses");
        }
    }

    [TestMethod]
    [DataRow(null, "TPB029")]
    [DataRow("1.0", "TPB029")]
    [DataRow("01.0.0", "TPB029")]
    [DataRow("1.0.0-beta.01", "TPB029")]
    [DataRow("latest", "TPB029")]
    [DataRow("1.0.0", "")]
    [DataRow("v1.2.3", "")]
    [DataRow("1.2.3-beta.1+build.5", "")]
    [DataRow("0.0.0-dev", "")]
    public void Version_MustBeASemanticVersion(string? version, string expected)
    {
        var member = version == null ? "" : ",\n  \"version\": \"" + version + "\"";
        Assert.AreEqual(expected, Codes(Run("{\n  \"name\": \"hello-npm\"" + member + "\n}\n")), version ?? "missing");
    }

    [TestMethod]
    [DataRow("\"check\": \"npm run build && npm test\", \"build\": \"tsc\", \"test\": \"node --test\"", "check", DisplayName = "check covers both")]
    [DataRow("\"build\": \"tsc\", \"test\": \"node --test\"", "build;test", DisplayName = "build then test")]
    [DataRow("\"build\": \"tsc\", \"test\": \"npm run build && node --test\"", "test", DisplayName = "test already builds")]
    [DataRow("\"build\": \"tsc\", \"test\": \"node --test\", \"prepublishOnly\": \"npm run build\"", "test", DisplayName = "npm publish builds")]
    [DataRow("\"build\": \"tsc\", \"test\": \"vitest\", \"prepack\": \"pnpm build\", \"pretest\": \"echo\"", "test", DisplayName = "pnpm's bare script name")]
    [DataRow("\"test\": \"node --test\", \"prepare\": \"npm run compile\", \"compile\": \"npm test\"", "", DisplayName = "through another script")]
    [DataRow("\"lint\": \"eslint .\"", "", DisplayName = "nothing to run")]
    public void DefaultCheckScripts_RunTheGuidesCheckOrBuildThenTest_NeverTwice(string scripts, string expected)
    {
        var result = Run("{\n  \"name\": \"hello-npm\",\n  \"version\": \"1.0.0\",\n  \"scripts\": {" + scripts + "}\n}\n");
        Assert.AreEqual(expected, string.Join(";", result.Settings!.CheckScripts));
    }

    [TestMethod]
    public void ExplicitCheckScripts_AreRunAsListed()
    {
        var result = Run("{\n  \"name\": \"hello-npm\",\n  \"version\": \"1.0.0\",\n  \"scripts\": {\"build\": \"tsc\", \"test\": \"npm run build\"}\n}\n", i => i.CheckScripts = "build;test");
        Assert.AreEqual("build;test", string.Join(";", result.Settings!.CheckScripts));
    }

    private const string Origin = "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = https://github.com/Acme-Org/hello-npm.git\n";

    private static string WithRepository(string url) =>
        "{\n  \"name\": \"hello-npm\",\n  \"version\": \"1.0.0\",\n  \"repository\": {\n    \"type\": \"git\",\n    \"url\": \"" + url + "\"\n  }\n}\n";

    [TestMethod]
    public void StaleRepositoryUrl_DoesNotMovePackageJson_AndSaysWhichSourceWon()
    {
        var result = Run(WithRepository("git+https://github.com/Acme-Org/hello-npm.git"), i =>
        {
            i.RepositoryUrl = "https://github.com/Old-Owner/hello-npm";
            i.GitConfigText = Origin;
        });
        Assert.AreEqual("TPB019 TPB048", string.Join(" ", result.Diagnostics.Select(d => d.Code).OrderBy(c => c)));
        var warning = result.Diagnostics.Single(d => d.Code == "TPB019");
        StringAssert.Contains(warning.Message, "Old-Owner/hello-npm");
        StringAssert.Contains(warning.Message, "Acme-Org/hello-npm");
        Assert.AreEqual(4, result.Diagnostics.Single(d => d.Code == "TPB048").Line, "at package.json's repository");
        Assert.IsNull(result.PackageJson, "package.json is not patched to the other owner");
    }

    [TestMethod]
    public void ExplicitOwnerAndRepository_AreTheUsersChoice_AndThePatchFollowsThem()
    {
        var result = Run(WithRepository("git+https://github.com/Acme-Org/hello-npm.git"), i =>
        {
            i.Owner = "New-Org";
            i.Repository = "hello-npm";
            i.RepositoryUrl = "https://github.com/Old-Owner/hello-npm";
            i.GitConfigText = Origin;
        });
        Assert.AreEqual("", Codes(result));
        Assert.IsTrue(result.PackageJson!.Changes.Any(c => c.Field == "repository.url" && c.Expected.Contains("New-Org", System.StringComparison.Ordinal)));
    }

    [TestMethod]
    public void TransferredRepository_ThatThisPackageWroteLastTime_JustFollows()
    {
        // Last build wrote Acme-Org (the workflow's header records it); the remote now names the new owner.
        var before = TrustedPublishEngine.Run(TestInputs.Create(WithRepository("git+https://github.com/Acme-Org/hello-npm.git")));
        var result = Run(WithRepository("git+https://github.com/Acme-Org/hello-npm.git"), i =>
        {
            i.RepositoryUrl = "";
            i.GitConfigText = Origin.Replace("Acme-Org", "New-Owner", System.StringComparison.Ordinal);
            i.Workflows = new[] { new RepositoryFile("/repo/.github/workflows/publish.yml", ".github/workflows/publish.yml", before.Workflow!) };
        });
        Assert.AreEqual("", Codes(result));
        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(result.PackageJson!.Bytes), "github.com/New-Owner/hello-npm.git");
    }

    [TestMethod]
    [DataRow("https://github.com/acme-org/hello-npm", "TPB049", DisplayName = "fires: only the case differs")]
    [DataRow("https://github.com/Acme-Org/hello-npm", "", DisplayName = "near miss: the same")]
    public void SourcesThatDifferOnlyInCase_Stop(string repositoryUrl, string expected)
    {
        var result = Run(TestInputs.PackageJson, i =>
        {
            i.RepositoryUrl = repositoryUrl;
            i.GitConfigText = Origin;
        });
        Assert.AreEqual(expected, Codes(result));
    }

    [TestMethod]
    public void ExistingWorkflowThatWouldFail_IsAWarningInBuilds_AndAnErrorInTheDoctor()
    {
        // A .NET library's own token-based release workflow that also publishes the package (TPB078 and friends).
        var release = new RepositoryFile("/repo/.github/workflows/release.yml", ".github/workflows/release.yml",
            "on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n");
        var build = Run(TestInputs.PackageJson, i => i.Workflows = new[] { release });
        Assert.IsTrue(build.Diagnostics.Any(d => d.Code == "TPB078"), Codes(build));
        Assert.IsFalse(build.HasErrors, "an existing workflow never fails a developer's build: " + string.Join("\n", build.Diagnostics));
        Assert.IsNotNull(build.Workflow);

        var inputs = TestInputs.Create();
        inputs.Workflows = new[] { release };
        var doctor = TrustedPublishEngine.Diagnose(inputs);
        Assert.IsTrue(doctor.Diagnostics.Any(d => d.Code == "TPB078" && d.Severity == DiagnosticSeverity.Error), "the doctor, where the user asked for the checks, says it as an error");
    }

    [TestMethod]
    public void NpmrcFinding_ThatBreaksTheGeneratedWorkflow_StaysAnError()
    {
        var build = Run("{\n  \"name\": \"@acme/widget\",\n  \"version\": \"1.0.0\"\n}\n", i => i.Npmrcs = new[] { new RepositoryFile("/repo/.npmrc", ".npmrc", "@acme:registry=https://npm.pkg.github.com/\n") });
        Assert.IsTrue(build.Diagnostics.Any(d => d.Code == "TPB060" && d.Severity == DiagnosticSeverity.Error), Codes(build));
    }
}
