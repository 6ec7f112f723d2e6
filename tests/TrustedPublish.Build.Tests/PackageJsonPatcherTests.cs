using System;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.PackageJson;

namespace TrustedPublish.Build.Tests;

[TestClass]
public sealed class PackageJsonPatcherTests
{
    private static readonly PackageJsonTarget Target = new()
    {
        RepositoryUrl = "git+https://github.com/Acme-Org/hello-npm.git",
        Access = "public",
        Provenance = true,
    };

    /// <summary>What npm's editor is asked to do: the same change the patcher makes.</summary>
    private static readonly object NpmUpdate = new
    {
        repository = new { type = "git", url = "git+https://github.com/Acme-Org/hello-npm.git" },
        publishConfig = new { access = "public", provenance = true },
    };

    internal static string Patch(string text, PackageJsonTarget? target = null) =>
        Encoding.UTF8.GetString(PatchBytes(Encoding.UTF8.GetBytes(text), target));

    internal static byte[] PatchBytes(byte[] bytes, PackageJsonTarget? target = null)
    {
        var parse = PackageJsonDocument.Parse(bytes);
        Assert.IsTrue(parse.Succeeded, parse.Error);
        return PackageJsonPatcher.Patch(parse.Document!, target ?? Target).Bytes;
    }

    [TestMethod]
    [DataRow("two spaces, LF", "{\n  \"name\": \"hello-npm\",\n  \"version\": \"1.0.0\"\n}\n")]
    [DataRow("four spaces, LF", "{\n    \"name\": \"hello-npm\",\n    \"version\": \"1.0.0\"\n}\n")]
    [DataRow("tabs, LF", "{\n\t\"name\": \"hello-npm\",\n\t\"version\": \"1.0.0\"\n}\n")]
    [DataRow("two spaces, CRLF", "{\r\n  \"name\": \"hello-npm\",\r\n  \"version\": \"1.0.0\"\r\n}\r\n")]
    [DataRow("tabs, CRLF", "{\r\n\t\"name\": \"hello-npm\",\r\n\t\"version\": \"1.0.0\"\r\n}\r\n")]
    [DataRow("nested objects, existing publishConfig", "{\n  \"name\": \"hello-npm\",\n  \"scripts\": {\n    \"test\": \"node --test\"\n  },\n  \"publishConfig\": {\n    \"tag\": \"next\"\n  }\n}\n")]
    [DataRow("string repository", "{\n  \"name\": \"hello-npm\",\n  \"repository\": \"github:acme-org/hello-npm\",\n  \"license\": \"MIT\"\n}\n")]
    [DataRow("non-ASCII text", "{\n  \"name\": \"hello-npm\",\n  \"description\": \"Grüße, 世界 🚀\"\n}\n")]
    [DataRow("repository object with extra keys", "{\n  \"name\": \"hello-npm\",\n  \"repository\": {\n    \"url\": \"https://github.com/acme-org/hello-npm\",\n    \"type\": \"git\"\n  }\n}\n")]
    [DataRow("empty publishConfig", "{\n  \"name\": \"hello-npm\",\n  \"publishConfig\": {}\n}\n")]
    [DataRow("minified", "{\"name\":\"hello-npm\",\"version\":\"1.0.0\"}")]
    public void Patch_FileInNpmsOwnFormat_GivesTheSameBytesAsNpmsEditor(string description, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var ours = Encoding.UTF8.GetString(PatchBytes(bytes));
        var npm = Encoding.UTF8.GetString(NodeJudge.NpmPackageJsonUpdate(bytes, NpmUpdate));
        Assert.AreEqual(npm, ours, description);
    }

    [TestMethod]
    public void Patch_NoFinalNewline_KeepsItsAbsence()
    {
        var patched = Patch("{\n  \"name\": \"hello-npm\"\n}");
        Assert.IsTrue(patched.EndsWith("}", StringComparison.Ordinal));
        StringAssert.Contains(patched, "\"url\": \"git+https://github.com/Acme-Org/hello-npm.git\"");
    }

    [TestMethod]
    public void Patch_CrlfFileWithBom_KeepsBothAndChangesOnlyTheManagedFields()
    {
        var bom = new byte[] { 0xEF, 0xBB, 0xBF };
        var text = "{\r\n  \"name\": \"hello-npm\",\r\n  \"version\": \"1.0.0\"\r\n}\r\n";
        var patched = PatchBytes(bom.Concat(Encoding.UTF8.GetBytes(text)).ToArray());
        CollectionAssert.AreEqual(bom, patched.Take(3).ToArray());
        var body = Encoding.UTF8.GetString(patched, 3, patched.Length - 3);
        Assert.AreEqual(body.Split("\r\n").Length - 1, body.Split('\n').Length - 1, "every line break stays CRLF");
        StringAssert.StartsWith(body, "{\r\n  \"name\": \"hello-npm\",\r\n  \"version\": \"1.0.0\",\r\n  \"repository\": {");
    }

    [TestMethod]
    public void Patch_EscapesAndUnicodeEscapes_AreKeptAsWritten()
    {
        var text = "{\n  \"name\": \"hello-npm\",\n  \"description\": \"caf\\u00e9 \\\"quoted\\\" \\/slash\"\n}\n";
        var patched = Patch(text);
        StringAssert.Contains(patched, "\"description\": \"caf\\u00e9 \\\"quoted\\\" \\/slash\"");
    }

    [TestMethod]
    public void Patch_FileAlreadyRight_ReturnsTheInputUnchanged()
    {
        var once = Encoding.UTF8.GetBytes(Patch("{\n  \"name\": \"hello-npm\"\n}\n"));
        var parse = PackageJsonDocument.Parse(once);
        var patch = PackageJsonPatcher.Patch(parse.Document!, Target);
        Assert.IsTrue(patch.IsUpToDate);
        Assert.AreSame(once, patch.Bytes, "no change means the very same bytes, so nothing is written");
    }

    [TestMethod]
    public void Patch_OtherPublishConfigKeysAndKeyOrder_AreKept()
    {
        var patched = Patch("{\n  \"publishConfig\": {\n    \"tag\": \"next\",\n    \"access\": \"restricted\"\n  },\n  \"name\": \"hello-npm\"\n}\n");
        Assert.AreEqual(
            "{\n  \"publishConfig\": {\n    \"tag\": \"next\",\n    \"access\": \"public\",\n    \"provenance\": true\n  },\n  \"name\": \"hello-npm\",\n  \"repository\": {\n    \"type\": \"git\",\n    \"url\": \"git+https://github.com/Acme-Org/hello-npm.git\"\n  }\n}\n",
            patched);
    }

    [TestMethod]
    public void Patch_PackageInSubfolder_AddsDirectory_AndAtTheRootRemovesIt()
    {
        var sub = new PackageJsonTarget { RepositoryUrl = Target.RepositoryUrl, RepositoryDirectory = "packages/widget" };
        var withDirectory = Patch("{\n  \"name\": \"hello-npm\"\n}\n", sub);
        StringAssert.Contains(withDirectory, "\"directory\": \"packages/widget\"");
        var atRoot = Patch(withDirectory);
        Assert.IsFalse(atRoot.Contains("directory", StringComparison.Ordinal), atRoot);
        StringAssert.Contains(atRoot, "\"url\": \"git+https://github.com/Acme-Org/hello-npm.git\"\n  }");
    }

    [TestMethod]
    public void Patch_NameProperty_ReplacesOnlyTheName()
    {
        var target = new PackageJsonTarget { Name = "@acme/renamed", RepositoryUrl = Target.RepositoryUrl };
        var patched = Patch("{\n  \"name\": \"old\",\n  \"version\": \"1.0.0\"\n}\n", target);
        StringAssert.StartsWith(patched, "{\n  \"name\": \"@acme/renamed\",\n  \"version\": \"1.0.0\",");
    }

    [TestMethod]
    public void Patch_ProvenanceFalse_WritesFalse()
    {
        var patched = Patch("{\n  \"name\": \"hello-npm\"\n}\n", new PackageJsonTarget { RepositoryUrl = Target.RepositoryUrl, Provenance = false });
        StringAssert.Contains(patched, "\"provenance\": false");
    }

    [TestMethod]
    public void Patch_DuplicateKeys_EditsTheOneNpmReads()
    {
        var patched = Patch("{\n  \"name\": \"a\",\n  \"publishConfig\": { \"access\": \"restricted\" },\n  \"publishConfig\": { \"tag\": \"x\" }\n}\n");
        StringAssert.Contains(patched, "\"publishConfig\": { \"access\": \"restricted\" }", "the first duplicate is what JSON.parse drops: left alone");
        StringAssert.Contains(patched, "\"publishConfig\": { \"tag\": \"x\", \"access\": \"public\", \"provenance\": true }");
    }

    [TestMethod]
    public void Patch_Changes_NameEachFieldWithActualAndExpected()
    {
        var parse = PackageJsonDocument.Parse(Encoding.UTF8.GetBytes("{\n  \"name\": \"hello-npm\",\n  \"repository\": {\n    \"type\": \"git\",\n    \"url\": \"https://github.com/acme-org/hello-npm\"\n  }\n}\n"));
        var changes = PackageJsonPatcher.Patch(parse.Document!, Target).Changes;
        var url = changes.Single(c => c.Field == "repository.url");
        Assert.AreEqual("\"https://github.com/acme-org/hello-npm\"", url.Actual);
        Assert.AreEqual("\"git+https://github.com/Acme-Org/hello-npm.git\"", url.Expected);
        Assert.AreEqual(5, url.Line);
        Assert.AreEqual(12, url.Column);
        CollectionAssert.AreEqual(new[] { "repository.url", "publishConfig" }, changes.Select(c => c.Field).ToArray());
    }

    [TestMethod]
    [DataRow("{\n  \"name\": \"x\",\n  \"version\": 1.0.0\n}\n", 3, 17)]
    [DataRow("{\n  \"name\": \"x\",\n}\n", 3, 1)]
    [DataRow("{\n  \"name\": \"ü\" \"x\"\n}", 2, 15)]
    [DataRow("", 1, 1)]
    [DataRow("{}\n{}\n", 2, 1)]
    public void Parse_InvalidJson_ReportsLineAndColumn(string text, int line, int column)
    {
        var parse = PackageJsonDocument.Parse(Encoding.UTF8.GetBytes(text));
        Assert.IsFalse(parse.Succeeded);
        Assert.AreEqual((line, column), (parse.Line, parse.Column), parse.Error);
    }

    [TestMethod]
    [DataRow("[]", "an array")]
    [DataRow("\"x\"", "a string")]
    [DataRow("null", "null")]
    public void Parse_JsonThatIsNotAnObject_IsAShapeError(string text, string what)
    {
        var parse = PackageJsonDocument.Parse(Encoding.UTF8.GetBytes(text));
        Assert.IsTrue(parse.IsWrongShape);
        StringAssert.Contains(parse.Error, what);
    }

    [TestMethod]
    public void CheckShape_RepositoryOfTheWrongType_IsReportedAtItsValue()
    {
        var parse = PackageJsonDocument.Parse(Encoding.UTF8.GetBytes("{\n  \"name\": \"x\",\n  \"repository\": 42,\n  \"publishConfig\": []\n}\n"));
        var problems = PackageJsonPatcher.CheckShape(parse.Document!);
        Assert.AreEqual(2, problems.Count);
        Assert.AreEqual((3, 17), (problems[0].Line, problems[0].Column));
        StringAssert.Contains(problems[1].Message, "\"publishConfig\" must be an object, but it is an array");
    }
}
