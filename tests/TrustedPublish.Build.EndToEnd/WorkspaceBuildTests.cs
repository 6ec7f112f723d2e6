using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// An npm workspace with two packages, listed in one project, built with the packed package (issue #13, "Done when"):
/// one workflow publishes both in dependency order, both package.json files are patched with their own folder, the
/// workspace root's is not, CI's verify passes, and a version bump changes nothing in the workflow.
/// </summary>
[TestClass]
public sealed class WorkspaceBuildTests
{
    private const string Root = "{\n  \"name\": \"acme\",\n  \"private\": true,\n  \"workspaces\": [\"packages/*\"]\n}\n";

    [TestMethod]
    public void TwoListedPackages_OneWorkflowInDependencyOrder_BothPatched_VerifyPasses_BumpChangesNothing()
    {
        using var repo = new ConsumerRepository();
        repo.Write("package.json", Root);
        repo.Write("package-lock.json", "{\n  \"lockfileVersion\": 3\n}\n");
        repo.Write("packages/cli/package.json", "{\n  \"name\": \"@acme/cli\",\n  \"version\": \"2.0.0\",\n  \"dependencies\": { \"@acme/core\": \"^1.0.0\" },\n  \"files\": [\"dist\"]\n}\n");
        repo.Write("packages/core/package.json", "{\n  \"name\": \"@acme/core\",\n  \"version\": \"1.0.0\",\n  \"files\": [\"dist\"]\n}\n");
        repo.Write("build/release/release.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                {repo.PackageReference}
                <TrustedPublishPackage Include="../../packages/cli" />
                <TrustedPublishPackage Include="../../packages/core" />
              </ItemGroup>
            </Project>
            """);

        var build = repo.Dotnet("build", "build/release/release.csproj");
        ConsumerRepository.AssertSucceeded(build);
        StringAssert.Contains(build.All, "npm trust github @acme/core --file publish.yml --repo Acme-Org/hello-npm --allow-publish");
        StringAssert.Contains(build.All, "npm trust github @acme/cli --file publish.yml --repo Acme-Org/hello-npm --allow-publish");

        var workflow = File.ReadAllText(repo.WorkflowPath);
        var core = workflow.IndexOf("      - name: Publish @acme/core\n", StringComparison.Ordinal);
        var cli = workflow.IndexOf("      - name: Publish @acme/cli\n", StringComparison.Ordinal);
        Assert.IsTrue(core > 0 && cli > core, "core, which cli depends on, publishes first:\n" + workflow);
        Assert.IsTrue(workflow.IndexOf("      - name: Check @acme/cli\n", StringComparison.Ordinal) < core, "both are checked before either publishes");
        NodeJudge.AssertWorkflowsClean(repo.WorkflowPath);

        StringAssert.Contains(repo.Read("packages/core/package.json"), "\"directory\": \"packages/core\"");
        StringAssert.Contains(repo.Read("packages/cli/package.json"), "\"directory\": \"packages/cli\"");
        Assert.AreEqual(Root, repo.Read("package.json"), "the workspace root's package.json is never patched");
        Assert.IsFalse(File.Exists(repo.Path_("build/release/package.json")), "the project's own folder is no package");

        ConsumerRepository.AssertSucceeded(repo.DotnetCI("build", "build/release/release.csproj"));

        // A listed package.json is an input: the bumped version is seen, and neither file changes.
        repo.Write("packages/core/package.json", repo.Read("packages/core/package.json").Replace("\"version\": \"1.0.0\"", "\"version\": \"1.1.0\"", StringComparison.Ordinal));
        var bumped = repo.Read("packages/core/package.json");
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build", "build/release/release.csproj"));
        Assert.AreEqual(workflow, File.ReadAllText(repo.WorkflowPath));
        Assert.AreEqual(bumped, repo.Read("packages/core/package.json"));
        ConsumerRepository.AssertSucceeded(repo.DotnetCI("build", "build/release/release.csproj"));

        // A hand edit of a listed package.json is drift in CI, at that file.
        repo.Write("packages/cli/package.json", repo.Read("packages/cli/package.json").Replace("\"access\": \"public\"", "\"access\": \"restricted\"", StringComparison.Ordinal));
        ConsumerRepository.AssertError(repo.DotnetCI("build", "build/release/release.csproj"), "TPB022", "packages/cli/package.json");
    }
}
