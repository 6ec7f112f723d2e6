using System;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// A bot's pull request to the generated workflow, through real builds of the packed package: Dependabot moves a pin
/// forward (CI passes, the next local build keeps it), then a downgrade and a tag ref (CI fails, naming the action);
/// a TrustedPublishActionPin item regenerates the workflow, and an invalid one fails at its line.
/// </summary>
[TestClass]
public sealed class ActionPinUpdateTests
{
    private const string PackageJson = "{\n  \"name\": \"@acme/widget\",\n  \"version\": \"1.0.0\"\n}\n";
    private const string Workflow = ".github/workflows/publish.yml";
    private const string NewerSha = "0123456789abcdef0123456789abcdef01234567";
    private const string OlderSha = "d23441a48e516b6c34aea4fa41551a30e30af803"; // actions/checkout v6.1.0 (facts.md)

    private static string Project(string items) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
          <ItemGroup>
            {items}
          </ItemGroup>
        </Project>
        """;

    [TestMethod]
    public void DependabotUpdate_PassesCI_AndSurvivesALocalBuild_ADowngradeAndATagRefFailNamingTheAction()
    {
        using var repo = new ConsumerRepository();
        repo.Write("consumer.csproj", Project(repo.PackageReference));
        repo.Write("package.json", PackageJson);
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        var generated = repo.Read(Workflow);
        var packaged = Regex.Match(generated, @"actions/checkout@[0-9a-f]{40} # v[0-9.]+").Value;
        Assert.AreNotEqual("", packaged, generated);

        // Dependabot's pull request: the SHA and the comment change together; nothing else does.
        var bumped = generated.Replace(packaged, $"actions/checkout@{NewerSha} # v7.1.0", StringComparison.Ordinal);
        repo.Write(Workflow, bumped);
        ConsumerRepository.AssertSucceeded(repo.DotnetCI("build"));
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        Assert.AreEqual(bumped, repo.Read(Workflow), "the local build keeps the bot's pin");

        repo.Write(Workflow, generated.Replace(packaged, $"actions/checkout@{OlderSha} # v6.1.0", StringComparison.Ordinal));
        var downgrade = ConsumerRepository.AssertError(repo.DotnetCI("build"), "TPB033", "publish.yml").Groups["message"].Value;
        StringAssert.Contains(downgrade, "pins actions/checkout");
        StringAssert.Contains(downgrade, "is release v6.1.0, older than");

        repo.Write(Workflow, generated.Replace(packaged, "actions/checkout@v7", StringComparison.Ordinal));
        var tag = ConsumerRepository.AssertError(repo.DotnetCI("build"), "TPB033", "publish.yml").Groups["message"].Value;
        StringAssert.Contains(tag, "pins actions/checkout");
        StringAssert.Contains(tag, "refers to the tag or branch 'v7' instead of a commit SHA");

        // The next local build restores the package's pin.
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        Assert.AreEqual(generated, repo.Read(Workflow));
    }

    [TestMethod]
    public void ActionPinItem_Regenerates_AndAnInvalidOneFailsAtItsLine()
    {
        using var repo = new ConsumerRepository();
        repo.Write("consumer.csproj", Project(repo.PackageReference));
        repo.Write("package.json", PackageJson);
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));

        // Adding the item changes nothing but the project file: the up-to-date cache must see it.
        var item = $"""<TrustedPublishActionPin Include="actions/setup-node" Sha="{NewerSha}" Version="v7.3.0" />""";
        repo.Write("consumer.csproj", Project(repo.PackageReference + "\n    " + item));
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        StringAssert.Contains(repo.Read(Workflow), $"uses: actions/setup-node@{NewerSha} # v7.3.0\n");
        ConsumerRepository.AssertSucceeded(repo.DotnetCI("build"));

        repo.Write("consumer.csproj", Project(repo.PackageReference + "\n    " + item.Replace("v7.3.0", "v7.3", StringComparison.Ordinal)));
        var error = ConsumerRepository.AssertError(repo.Dotnet("build"), "TPB034", "consumer.csproj");
        Assert.AreEqual("7", error.Groups["line"].Value, error.Value);
        StringAssert.Contains(error.Groups["message"].Value, "has Version 'v7.3', which is not a release");
    }
}
