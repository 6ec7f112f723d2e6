using System;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

[TestClass]
public sealed class BuildTests
{
    private const string PackageJson = """
        {
          "name": "hello-npm",
          "version": "1.2.0",
          "description": "Grüße from a test",
          "scripts": {
            "test": "node --test"
          }
        }

        """;

    /// <summary>
    /// What the lifecycle tests (Lifecycle.Check) do not cover: the registration text, the skipped target in the
    /// log, both verify entry points with the diff after the error, regeneration after a hand edit, and a
    /// missing workflow in CI.
    /// </summary>
    [TestMethod]
    public void SingleTargetProject_RegistrationVerifyEntryPointsAndRegeneration()
    {
        using var repo = new ConsumerRepository();
        repo.AddProject("", PackageJson);

        var first = repo.Dotnet("build");
        ConsumerRepository.AssertSucceeded(first);
        StringAssert.Contains(first.Output, "npm trust github hello-npm --file publish.yml --repo Acme-Org/hello-npm --allow-publish");
        StringAssert.StartsWith(repo.Read("package.json"), "{\n  \"name\": \"hello-npm\",\n  \"version\": \"1.2.0\",\n  \"description\": \"Grüße from a test\",");

        var second = repo.Dotnet("build", "-v:n");
        ConsumerRepository.AssertSucceeded(second);
        StringAssert.Contains(second.Output, "Skipping target \"_TrustedPublishWrite\" because all output files are up-to-date");
        Assert.IsFalse(second.Output.Contains("Organization or user", StringComparison.Ordinal), "the registration is printed only when something was written");

        ConsumerRepository.AssertSucceeded(repo.Dotnet("build", "-t:TrustedPublishVerify"));
        ConsumerRepository.AssertSucceeded(repo.Dotnet("msbuild", "-t:TrustedPublishVerify"));

        // A hand edit: both entry points fail, with the unified diff after the error.
        File.WriteAllText(repo.WorkflowPath, File.ReadAllText(repo.WorkflowPath).Replace("node-version: \"24\"", "node-version: \"20\"", StringComparison.Ordinal));
        var verify = repo.Dotnet("build", "-t:TrustedPublishVerify");
        ConsumerRepository.AssertError(verify, "TPB030", "publish.yml");
        StringAssert.Matches(verify.All, new Regex("\n\\s*-\\s+node-version: \"20\"\\s*\n\\s*\\+\\s+node-version: \"24\""), "the unified diff follows the error");
        ConsumerRepository.AssertError(repo.Dotnet("msbuild", "-t:TrustedPublishVerify"), "TPB030", "publish.yml");

        // Outside CI the hand edit is caught by the up-to-date check and regenerated.
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        StringAssert.Contains(File.ReadAllText(repo.WorkflowPath), "node-version: \"24\"");

        // A missing workflow in CI is drift too, and stays missing.
        File.Delete(repo.WorkflowPath);
        ConsumerRepository.AssertError(repo.DotnetCI("build"), "TPB031", "publish.yml");
        Assert.IsFalse(File.Exists(repo.WorkflowPath));
    }

    [TestMethod]
    public void BrokenPackageJson_GivesTPB020AtItsPosition_AndStaysByteIdentical()
    {
        using var repo = new ConsumerRepository();
        var broken = "{\n  \"name\": \"hello-npm\",\n  \"version\": \"1.0.0\"\n  \"private\": false\n}\n";
        repo.AddProject("", broken);
        var result = repo.Dotnet("build");
        var error = ConsumerRepository.AssertError(result, "TPB020", "package.json");
        Assert.AreEqual("4", error.Groups["line"].Value);
        Assert.AreEqual(broken, repo.Read("package.json"));
        Assert.IsFalse(File.Exists(repo.WorkflowPath));
        Assert.IsFalse(result.All.Contains("   at ", StringComparison.Ordinal), "no stack trace");
    }

    [TestMethod]
    public void MultiTargetProject_GeneratesOnce_AlsoWithFramework()
    {
        using var repo = new ConsumerRepository();
        repo.AddProject("", PackageJson, targetFrameworks: "<TargetFrameworks>net10.0;netstandard2.0</TargetFrameworks>");
        var build = repo.Dotnet("build");
        ConsumerRepository.AssertSucceeded(build);
        Assert.AreEqual(1, Regex.Matches(build.Output, "wrote .github/workflows/publish.yml").Count, build.Output);
        Assert.AreEqual(1, Regex.Matches(build.Output, "Organization or user").Count, build.Output);
        NodeJudge.AssertWorkflowsClean(repo.WorkflowPath);

        // -f builds one inner build; it still hands the work to the project without TargetFramework.
        File.Delete(repo.WorkflowPath);
        var one = repo.Dotnet("build", "-f", "netstandard2.0");
        ConsumerRepository.AssertSucceeded(one);
        Assert.IsTrue(File.Exists(repo.WorkflowPath), one.All);

        ConsumerRepository.AssertSucceeded(repo.Dotnet("build", "-t:TrustedPublishVerify"));
        var ci = repo.DotnetCI("build");
        ConsumerRepository.AssertSucceeded(ci);
    }

    [TestMethod]
    public void SingleTargetProject_FullLifecycle() => RunLifecycle("<TargetFramework>net10.0</TargetFramework>", "Microsoft.NET.Sdk");

    [TestMethod]
    public void MultiTargetProject_FullLifecycle() => RunLifecycle("<TargetFrameworks>net10.0;netstandard2.0</TargetFrameworks>", "Microsoft.NET.Sdk");

    [TestMethod]
    public void NoTargetsProject_FullLifecycle() => RunLifecycle("<TargetFramework>net10.0</TargetFramework>", "Microsoft.Build.NoTargets");

    [TestMethod]
    public void ScopedPackageInSubfolder_FullLifecycle()
    {
        using var repo = new ConsumerRepository();
        repo.Write("packages/widget/package.json", "{\n  \"name\": \"@acme/widget\",\n  \"version\": \"0.1.0\"\n}\n");
        repo.AddProject("tools/publisher", "", "<TrustedPublishPackageDirectory>../../packages/widget</TrustedPublishPackageDirectory>");
        Lifecycle.Check(repo, "tools/publisher/publisher.csproj", "packages/widget/package.json");
    }

    private static void RunLifecycle(string targetFrameworks, string sdk)
    {
        using var repo = new ConsumerRepository();
        repo.AddProject("", PackageJson, targetFrameworks: targetFrameworks, sdk: sdk);
        Lifecycle.Check(repo, "consumer.csproj", "package.json");
    }

    [TestMethod]
    public void ScopedPackageInSubfolder_WithDirectoryBuildProps_OnlyThePackageProjectGenerates()
    {
        using var repo = new ConsumerRepository();

        // The team adds the package to every project; only the one beside package.json has work to do.
        repo.Write("Directory.Build.props", $"""
            <Project>
              <ItemGroup>
                {repo.PackageReference}
              </ItemGroup>
            </Project>
            """);
        repo.Write("packages/widget/package.json", "{\n    \"name\": \"@acme/widget\",\n    \"version\": \"0.1.0\"\n}");
        repo.Write("packages/widget/package-lock.json", "{}\n");
        repo.Write("packages/widget/widget.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <TrustedPublishEnvironment>npm</TrustedPublishEnvironment>
              </PropertyGroup>
            </Project>
            """);
        repo.Write("src/lib/lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../../packages/widget/widget.csproj" />
              </ItemGroup>
            </Project>
            """);

        var build = repo.Dotnet("build", "src/lib/lib.csproj", "-v:n");
        ConsumerRepository.AssertSucceeded(build);
        StringAssert.Contains(build.Output, "TrustedPublish.Build: lib has no package.json in its folder and sets neither TrustedPublishPackageDirectory nor TrustedPublishNuGetUser; nothing to do.");
        var workflow = File.ReadAllText(repo.WorkflowPath);
        StringAssert.Contains(workflow, "working-directory: \"packages/widget\"");
        StringAssert.Contains(workflow, "environment: \"npm\"");
        StringAssert.Contains(workflow, "run: npm ci");
        StringAssert.Contains(workflow, "--access public");
        Assert.AreEqual(
            "{\n    \"name\": \"@acme/widget\",\n    \"version\": \"0.1.0\",\n    \"repository\": {\n        \"type\": \"git\",\n        \"url\": \"git+https://github.com/Acme-Org/hello-npm.git\",\n        \"directory\": \"packages/widget\"\n    },\n    \"publishConfig\": {\n        \"access\": \"public\",\n        \"provenance\": true\n    }\n}",
            repo.Read("packages/widget/package.json"));
        NodeJudge.AssertWorkflowsClean(repo.WorkflowPath);
        StringAssert.Contains(build.Output, "--env \"npm\"");

        // A package directory without package.json is an error, not a silent no-op.
        repo.Write("src/lib/lib.csproj", repo.Read("src/lib/lib.csproj").Replace("<TargetFramework>", "<TrustedPublishPackageDirectory>nowhere</TrustedPublishPackageDirectory><TargetFramework>", StringComparison.Ordinal));
        ConsumerRepository.AssertError(repo.Dotnet("build", "src/lib/lib.csproj"), "TPB001", "lib.csproj");
    }
}
