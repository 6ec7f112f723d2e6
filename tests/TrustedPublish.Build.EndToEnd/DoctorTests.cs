using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

[TestClass]
public sealed class DoctorTests
{
    private const string HandWritten = """
        name: Publish
        on:
          release:
            types: [published]
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              id-token: write
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-node@v4
                with:
                  node-version: '24'
              - run: npm ci
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}

        """;

    private const string PackageJson = "{\n  \"name\": \"hello-npm\",\n  \"version\": \"1.0.0\",\n  \"repository\": \"github:Acme-Org/hello-npm\"\n}\n";

    [TestMethod]
    public void HandWrittenWorkflow_WithGenerationOff_IsCheckedOnBuildAndByDoctor_AndNothingIsWritten()
    {
        using var repo = new ConsumerRepository();
        repo.AddProject("", PackageJson, "<TrustedPublishGenerateEnabled>false</TrustedPublishGenerateEnabled>");
        repo.Write(".github/workflows/publish.yml", HandWritten);

        var build = repo.Dotnet("build");
        ConsumerRepository.AssertSucceeded(build);
        StringAssert.Matches(build.Output, new Regex(@"publish\.yml\(19,11\): warning TPB070: NODE_AUTH_TOKEN is set for the step that runs 'npm publish'"));

        var doctor = repo.Dotnet("build", "-t:TrustedPublishDoctor");
        ConsumerRepository.AssertSucceeded(doctor);
        StringAssert.Contains(doctor.Output, "warning TPB070");
        Assert.AreEqual(HandWritten, repo.Read(".github/workflows/publish.yml"), "the doctor writes nothing");
        Assert.AreEqual(PackageJson, repo.Read("package.json"));

        // Silenced per code, the standard MSBuild way; promoted the same way.
        var silenced = repo.Dotnet("build", "-t:TrustedPublishDoctor", "-p:NoWarn=TPB070");
        ConsumerRepository.AssertSucceeded(silenced);
        Assert.IsFalse(silenced.Output.Contains("TPB070", System.StringComparison.Ordinal), silenced.Output);
        var promoted = repo.Dotnet("build", "-t:TrustedPublishDoctor", "-p:MSBuildWarningsAsErrors=TPB070");
        ConsumerRepository.AssertError(promoted, "TPB070", "publish.yml");
    }

    /// <summary>An existing workflow never breaks a developer's build: a warning at that workflow there, an error in the doctor (and wherever it is promoted).</summary>
    [TestMethod]
    public void GeneratedSetup_WithASecondPublishingWorkflow_WarnsInTheBuild_AndFailsTheDoctorAtThatWorkflow()
    {
        using var repo = new ConsumerRepository();
        repo.AddProject("", PackageJson);
        repo.Write(".github/workflows/release.yml", HandWritten);
        var build = repo.Dotnet("build");
        ConsumerRepository.AssertSucceeded(build);
        var warning = System.Text.RegularExpressions.Regex.Match(build.Output, @"release\.yml\((?<line>\d+),\d+\): warning TPB078: ");
        Assert.IsTrue(warning.Success, build.Output);
        Assert.AreEqual("17", warning.Groups["line"].Value);
        Assert.IsTrue(File.Exists(repo.WorkflowPath), "a finding about another workflow does not stop generation");
        StringAssert.Contains(repo.Read("package.json"), "\"url\": \"git+https://github.com/Acme-Org/hello-npm.git\"", "nor does it leave the change half-applied: package.json is patched too");
        var doctor = repo.Dotnet("build", "-t:TrustedPublishDoctor");
        Assert.AreEqual("17", ConsumerRepository.AssertError(doctor, "TPB078", "release.yml").Groups["line"].Value, "the doctor, where the user asked for the checks, says it as an error");
    }
}
