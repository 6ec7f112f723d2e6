using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Every setting a user can change takes effect on the next `dotnet build`, passes CI's verify right after, and
/// changing it back restores the earlier files byte for byte. One setting per build: a change that only takes
/// effect because another change reran the generator would hide an up-to-date bug (it did: a tag pattern with
/// '*' never reached the up-to-date cache).
/// </summary>
[TestClass]
public sealed class SettingsChangeTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string PackageJson = "{\n  \"name\": \"@acme/widget\",\n  \"version\": \"1.0.0\",\n  \"scripts\": {\n    \"build\": \"node build.js\",\n    \"test\": \"node --test\"\n  }\n}\n";

    /// <summary>The property, the value it is changed to, the file that must change, and a text that must then be in it.</summary>
    public static IEnumerable<object[]> Changes() => new[]
    {
        new object[] { "TrustedPublishOwner", "Other-Org", "package.json", "github.com/Other-Org/hello-npm.git" },
        new object[] { "TrustedPublishRepository", "other-repo", "package.json", "github.com/Acme-Org/other-repo.git" },
        new object[] { "TrustedPublishPackageName", "@acme/renamed", "package.json", "\"name\": \"@acme/renamed\"" },
        new object[] { "TrustedPublishNodeVersion", "22.14", ".github/workflows/publish.yml", "node-version: \"22.14\"" },
        new object[] { "TrustedPublishWorkflowFile", "release.yml", ".github/workflows/release.yml", "workflow release.yml" },
        new object[] { "TrustedPublishEnvironment", "npm prod", ".github/workflows/publish.yml", "environment: \"npm prod\"" },
        new object[] { "TrustedPublishAccess", "restricted", "package.json", "\"access\": \"restricted\"" },
        new object[] { "TrustedPublishProvenance", "false", "package.json", "\"provenance\": false" },
        new object[] { "TrustedPublishTagPattern", "release-*", ".github/workflows/publish.yml", "- \"release-*\"" },
        new object[] { "TrustedPublishDistTag", "next", ".github/workflows/publish.yml", "DIST_TAG: \"next\"" },
        new object[] { "TrustedPublishRunsOn", "ubuntu-24.04", ".github/workflows/publish.yml", "runs-on: \"ubuntu-24.04\"" },
        new object[] { "TrustedPublishPinActions", "false", ".github/workflows/publish.yml", "actions/checkout@v" },
        new object[] { "TrustedPublishCheckScripts", "test;build", ".github/workflows/publish.yml", "run: npm run test\n      - name: npm run build" },
        new object[] { "RepositoryUrl", "https://github.com/Url-Org/hello-npm", "package.json", "github.com/Url-Org/hello-npm.git" },
        new object[] { "TrustedPublishPackageManager", "pnpm@10.18.3", ".github/workflows/publish.yml", "run: pnpm install --no-frozen-lockfile\n" },
        new object[] { "TrustedPublishTrigger", "release", ".github/workflows/publish.yml", "  release:\n    types:\n      - published\n" },
        new object[] { "TrustedPublishDotNetBuild", "true", ".github/workflows/publish.yml", "run: dotnet build \"$PROJECT\" -c Release\n" },
    };

    [TestMethod]
    public void EverySetting_ChangedInTheProject_TakesEffect_PassesVerify_AndChangingItBackRestoresTheFiles()
    {
        using var repo = new ConsumerRepository();
        repo.AddProject("", PackageJson, "<!--settings-->");
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        var original = Files(repo);
        var project = repo.Read("consumer.csproj");
        var failures = new List<string>();
        foreach (var change in Changes())
        {
            var (property, value, file, expected) = ((string)change[0], (string)change[1], (string)change[2], (string)change[3]);
            repo.Write("consumer.csproj", project.Replace("<!--settings-->", $"<{property}>{value}</{property}>", StringComparison.Ordinal));
            ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
            if (!repo.Read(file).Contains(expected, StringComparison.Ordinal))
            {
                failures.Add($"{property}={value}: {file} does not hold '{expected}'");
            }

            var verify = repo.DotnetCI("build");
            if (verify.ExitCode != 0)
            {
                failures.Add($"{property}={value}: the CI build right after failed:\n{verify.Output}");
            }

            repo.Write("consumer.csproj", project);
            File.Delete(repo.Path_(".github/workflows/release.yml"));
            if (property == "TrustedPublishPackageName")
            {
                // Without the property the name is package.json's own again: the user puts it back there.
                repo.Write("package.json", repo.Read("package.json").Replace(value, "@acme/widget", StringComparison.Ordinal));
            }

            ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
            var restored = Files(repo);
            foreach (var (path, content) in original.Where(f => restored[f.Key] != f.Value))
            {
                failures.Add($"{property}: changing it back did not restore {path}");
            }
        }

        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
        TestContext.WriteLine($"{Changes().Count()} settings changed and changed back, one per build");
    }

    [TestMethod]
    public void OriginRemote_Changed_TakesEffect_AndPassesVerify()
    {
        using var repo = new ConsumerRepository();
        repo.AddProject("", PackageJson);
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        var original = Files(repo);

        // A repository transferred to a new owner: the remote follows, and so does what this package wrote.
        repo.Git("remote", "set-url", "origin", "https://github.com/New-Owner/hello-npm.git");
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        StringAssert.Contains(repo.Read("package.json"), "github.com/New-Owner/hello-npm.git");
        StringAssert.Contains(File.ReadAllText(repo.WorkflowPath), "owner New-Owner");
        ConsumerRepository.AssertSucceeded(repo.DotnetCI("build"));

        repo.Git("remote", "set-url", "origin", "https://github.com/Acme-Org/hello-npm.git");
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        CollectionAssert.AreEquivalent(original.ToList(), Files(repo).ToList());
    }

    /// <summary>The properties the targets act on themselves: each changed, built, and changed back.</summary>
    [TestMethod]
    public void TargetLevelProperties_ChangedInTheProject_TakeEffect_AndChangingThemBackRestoresTheFiles()
    {
        using var repo = new ConsumerRepository();
        repo.AddProject("", PackageJson, "<!--settings-->");
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        var original = Files(repo);
        var project = repo.Read("consumer.csproj");
        void Set(string properties) => repo.Write("consumer.csproj", project.Replace("<!--settings-->", properties, StringComparison.Ordinal));

        // Enabled=false: nothing is generated or verified, whatever else changed.
        Set("<TrustedPublishEnabled>false</TrustedPublishEnabled><TrustedPublishTagPattern>release-*</TrustedPublishTagPattern>");
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        ConsumerRepository.AssertSucceeded(repo.DotnetCI("build"));
        CollectionAssert.AreEquivalent(original.ToList(), Files(repo).ToList(), "TrustedPublishEnabled=false writes nothing");

        // GenerateEnabled=false: the files are the user's; the build only checks them.
        Set("<TrustedPublishGenerateEnabled>false</TrustedPublishGenerateEnabled><TrustedPublishTagPattern>release-*</TrustedPublishTagPattern>");
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        CollectionAssert.AreEquivalent(original.ToList(), Files(repo).ToList(), "TrustedPublishGenerateEnabled=false writes nothing");

        // CheckOnly=true outside CI: the build verifies, so a changed setting is drift, and nothing is written.
        Set("<TrustedPublishCheckOnly>true</TrustedPublishCheckOnly><TrustedPublishTagPattern>release-*</TrustedPublishTagPattern>");
        ConsumerRepository.AssertError(repo.Dotnet("build"), "TPB030", "publish.yml");
        CollectionAssert.AreEquivalent(original.ToList(), Files(repo).ToList(), "TrustedPublishCheckOnly=true writes nothing");

        // PackageDirectory: the package moves to a sub-folder; the workflow and its package.json follow.
        Directory.CreateDirectory(repo.Path_("pkg"));
        File.Move(repo.Path_("package.json"), repo.Path_("pkg/package.json"));
        Set("<TrustedPublishPackageDirectory>pkg</TrustedPublishPackageDirectory>");
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        StringAssert.Contains(repo.Read("pkg/package.json"), "\"directory\": \"pkg\"");
        StringAssert.Contains(repo.Read(".github/workflows/publish.yml"), "working-directory: \"pkg\"");
        ConsumerRepository.AssertSucceeded(repo.DotnetCI("build"));
        File.Move(repo.Path_("pkg/package.json"), repo.Path_("package.json"));

        // RepositoryRoot: the workflow goes to .github/workflows under the folder named.
        Directory.CreateDirectory(repo.Path_("alt"));
        Set("<TrustedPublishRepositoryRoot>alt</TrustedPublishRepositoryRoot><TrustedPublishPackageDirectory>alt</TrustedPublishPackageDirectory><RepositoryUrl>https://github.com/Acme-Org/hello-npm</RepositoryUrl>");
        File.Copy(repo.Path_("package.json"), repo.Path_("alt/package.json"));
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        Assert.IsTrue(File.Exists(repo.Path_("alt/.github/workflows/publish.yml")), "the workflow follows TrustedPublishRepositoryRoot");
        Directory.Delete(repo.Path_("alt"), recursive: true);

        Set("");
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        CollectionAssert.AreEquivalent(original.ToList(), Files(repo).ToList(), "changing everything back restores the files byte for byte");
    }

    private static Dictionary<string, string> Files(ConsumerRepository repo) => new()
    {
        ["package.json"] = repo.Read("package.json"),
        [".github/workflows/publish.yml"] = repo.Read(".github/workflows/publish.yml"),
    };
}
