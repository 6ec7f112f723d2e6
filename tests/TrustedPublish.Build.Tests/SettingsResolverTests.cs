using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Model;

namespace TrustedPublish.Build.Tests;

[TestClass]
public sealed class SettingsResolverTests
{
    private static TrustedPublishResult Run(System.Action<TrustedPublishInputs> change, string packageJson = TestInputs.PackageJson)
    {
        var inputs = TestInputs.Create(packageJson);
        change(inputs);
        return TrustedPublishEngine.Run(inputs);
    }

    private static Diagnostic Single(TrustedPublishResult result, string code)
    {
        Assert.IsNull(result.Workflow, "no workflow is generated when a setting is wrong");
        var matching = result.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.AreEqual(1, matching.Count, string.Join("\n", result.Diagnostics));
        return matching[0];
    }

    [TestMethod]
    [DataRow("https://github.com/Acme-Org/hello-npm")]
    [DataRow("https://github.com/Acme-Org/hello-npm.git")]
    [DataRow("git+https://github.com/Acme-Org/hello-npm.git")]
    [DataRow("git@github.com:Acme-Org/hello-npm.git")]
    [DataRow("ssh://git@github.com/Acme-Org/hello-npm.git")]
    [DataRow("git://github.com/Acme-Org/hello-npm.git")]
    [DataRow("github:Acme-Org/hello-npm")]
    [DataRow("https://github.com/Acme-Org/hello-npm/")]
    public void Owner_FromRepositoryUrlForms_KeepsExactCase(string url)
    {
        var result = Run(i => i.RepositoryUrl = url);
        Assert.AreEqual("Acme-Org/hello-npm", result.Settings!.Repository.ToString());
    }

    [TestMethod]
    public void GitHubUrlParsing_AgreesWithNpmsHostedGitInfo()
    {
        var urls = new[]
        {
            "https://github.com/Acme-Org/hello-npm", "git+https://github.com/Acme-Org/hello-npm.git", "git@github.com:Acme-Org/hello-npm.git",
            "ssh://git@github.com/Acme-Org/hello-npm.git", "git://github.com/Acme-Org/hello-npm.git", "github:Acme-Org/hello-npm",
            "Acme-Org/hello-npm", "https://gitlab.com/Acme-Org/hello-npm", "https://github.com/Acme-Org", "not a url",
            "https://github.com/Acme-Org/hello-npm#main",
        };
        var npm = NodeJudge.HostedGitInfo(urls);
        foreach (var url in urls)
        {
            var ours = GitHubRepository.TryParseUrl(url, allowShorthand: true)?.ToString();
            Assert.AreEqual(npm[url], ours, url);
        }
    }

    [TestMethod]
    public void Owner_WithoutRepositoryUrl_ComesFromTheOriginRemote()
    {
        var result = Run(i =>
        {
            i.RepositoryUrl = "";
            i.GitConfigText = "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://github.com/other/thing.git\n[remote \"origin\"]\n\turl = git@github.com:Acme-Org/hello-npm.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n";
        });
        Assert.AreEqual("Acme-Org/hello-npm", result.Settings!.Repository.ToString());
    }

    [TestMethod]
    public void Owner_PropertiesWin_OverRepositoryUrl()
    {
        var result = Run(i =>
        {
            i.Owner = "someone";
            i.Repository = "else";
        });
        Assert.AreEqual("someone/else", result.Settings!.Repository.ToString());
    }

    [TestMethod]
    public void Owner_NowhereToBeFound_IsTPB002AtTheProject()
    {
        var diagnostic = Single(Run(i => i.RepositoryUrl = "https://gitlab.com/a/b"), "TPB002");
        Assert.AreEqual("/repo/hello-npm.csproj", diagnostic.File);
        StringAssert.Contains(diagnostic.Message, "Fix:");
    }

    [TestMethod]
    [DataRow("Owner", "-acme", "TPB003")]
    [DataRow("Owner", "acme--org", "TPB003")]
    [DataRow("Owner", "acme_org", "TPB003")]
    [DataRow("Repository", "hello npm", "TPB004")]
    [DataRow("Repository", "hello.git", "TPB004")]
    [DataRow("Repository", "..", "TPB004")]
    [DataRow("PackageName", "Hello-NPM", "TPB005")]
    [DataRow("PackageName", "http", "TPB005")]
    [DataRow("WorkflowFile", ".github/workflows/publish.yml", "TPB006")]
    [DataRow("WorkflowFile", "publish", "TPB006")]
    [DataRow("NodeVersion", "20", "TPB007")]
    [DataRow("NodeVersion", "22.13", "TPB007")]
    [DataRow("NodeVersion", "lts", "TPB007")]
    [DataRow("Environment", "prod\nname: x", "TPB008")]
    [DataRow("Environment", "${{ github.ref }}", "TPB008")]
    [DataRow("Access", "Public", "TPB009")]
    [DataRow("Provenance", "yes", "TPB010")]
    [DataRow("TagPattern", "v*\n- '**'", "TPB011")]
    [DataRow("DistTag", "1.x", "TPB014")]
    [DataRow("RunsOn", "self-hosted", "TPB015")]
    [DataRow("RunsOn", "[self-hosted, linux]", "TPB015")]
    [DataRow("CheckScripts", "test; rm -rf /", "TPB016")]
    [DataRow("Owner", "   ", "TPB017")]
    public void Property_WithABadValue_GivesItsCode(string property, string value, string code)
    {
        var result = Run(i => typeof(TrustedPublishInputs).GetProperty(property)!.SetValue(i, value));
        var diagnostic = Single(result, code);
        Assert.AreEqual(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.IsTrue(diagnostic.Line >= 1, "errors always carry a line so GitHub shows them as annotations");
    }

    [TestMethod]
    [DataRow("NodeVersion", "22")]
    [DataRow("NodeVersion", "22.14.0")]
    [DataRow("NodeVersion", "24.x")]
    [DataRow("NodeVersion", "26")]
    [DataRow("Environment", "npm publish")]
    [DataRow("TagPattern", "release/*")]
    [DataRow("RunsOn", "ubuntu-24.04")]
    [DataRow("RunsOn", "macos-latest")]
    [DataRow("DistTag", "next")]
    [DataRow("Access", "restricted")]
    [DataRow("Provenance", "False")]
    public void Property_WithAGoodValue_Generates(string property, string value)
    {
        var result = Run(i => typeof(TrustedPublishInputs).GetProperty(property)!.SetValue(i, value));
        Assert.IsFalse(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    [TestMethod]
    public void PropertyError_PointsAtThePropertyInTheProjectFile()
    {
        var diagnostic = Single(Run(i => i.Environment = "bad/name"), "TPB008");
        Assert.AreEqual(("/repo/hello-npm.csproj", 3, 5), (diagnostic.File, diagnostic.Line, diagnostic.Column));
    }

    [TestMethod]
    public void PackageNameError_FromPackageJson_PointsAtItsName()
    {
        var diagnostic = Single(Run(_ => { }, "{\n  \"version\": \"1.0.0\",\n  \"name\": \"Bad Name\"\n}\n"), "TPB005");
        Assert.AreEqual(("/repo/package.json", 3, 11), (diagnostic.File, diagnostic.Line, diagnostic.Column));
    }

    [TestMethod]
    public void PackageNameRules_AgreeWithValidateNpmPackageName()
    {
        var names = new[]
        {
            "hello-npm", "@acme/widget", "Hello", "@Acme/widget", ".hidden", "_private", " spaced", "node_modules", "favicon.ico",
            "http", "fs", "crypto", "a".PadRight(215, 'a'), "a".PadRight(214, 'a'), "with space", "ünïcode", "tilde~", "excl!",
            "paren(s)", "star*", "quote'", "@scope/.dot", "@scope/_under", "@sc ope/x", "a/b", "@/x", "@scope/", "-dash", "dots.and_under",
            "UPPER", "x@y", "@sc!ope/x", "@sc(o)pe/x", "@scope/x~", "a*b", "percent%20", "hash#", "query?", "colon:", "@scope/with~tilde", "", "123", "@a/b", "node:fs",
        };
        var npm = NodeJudge.ValidateNames(names);
        foreach (var name in names)
        {
            Assert.AreEqual(npm[name], NameRules.CheckPackageName(name) == null, $"'{name}': ours says {NameRules.CheckPackageName(name) ?? "valid"}");
        }
    }

    [TestMethod]
    public void PackageNameProperty_RenamesPackageJson()
    {
        var result = Run(i => i.PackageName = "@acme/renamed");
        Assert.IsTrue(result.PackageJson!.Changes.Any(c => c.Field == "name" && c.Expected == "\"@acme/renamed\""));
        StringAssert.Contains(result.Workflow, "Publish @acme/renamed");
    }

    [TestMethod]
    public void InvalidPackageJson_IsTPB020WithPosition_AndNothingElseIsDone()
    {
        var result = Run(_ => { }, "{\n  \"name\": \"x\",\n  oops\n}\n");
        var diagnostic = Single(result, "TPB020");
        Assert.AreEqual((3, 3), (diagnostic.Line, diagnostic.Column));
        Assert.IsNull(result.PackageJson);
    }

    [TestMethod]
    [DataRow("[1, 2]")]
    [DataRow("{\"name\": \"x\", \"repository\": 7}")]
    [DataRow("{\"name\": \"x\", \"publishConfig\": \"public\"}")]
    public void WrongShape_IsTPB021(string packageJson)
    {
        Single(Run(_ => { }, packageJson), "TPB021");
    }

    [TestMethod]
    public void Registration_NamesEveryFieldAndTheCommand()
    {
        var result = Run(i => i.Environment = "npm");
        var text = TrustedPublishEngine.Registration(result.Settings!);
        StringAssert.Contains(text, "Organization or user: Acme-Org");
        StringAssert.Contains(text, "Repository:           hello-npm");
        StringAssert.Contains(text, "Workflow filename:    publish.yml");
        StringAssert.Contains(text, "Environment name:     npm");
        StringAssert.Contains(text, "npm trust github hello-npm --file publish.yml --repo Acme-Org/hello-npm --env \"npm\" --allow-publish");
        StringAssert.Contains(text, "published once by hand");
    }
}
