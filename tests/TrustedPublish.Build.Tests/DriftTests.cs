using System;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.PackageJson;
using TrustedPublish.Build.Verification;

namespace TrustedPublish.Build.Tests;

[TestClass]
public sealed class DriftTests
{
    private const string Generated = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\n";

    [TestMethod]
    public void Workflow_SameTextWithCrlf_IsNotDrift()
    {
        Assert.IsNull(WorkflowDrift.Check(Generated, Generated.Replace("\n", "\r\n", StringComparison.Ordinal), "/r/w.yml", "w.yml"));
    }

    [TestMethod]
    public void Workflow_Missing_IsTPB031()
    {
        var diagnostic = WorkflowDrift.Check(Generated, null, "/r/.github/workflows/publish.yml", ".github/workflows/publish.yml")!;
        Assert.AreEqual("TPB031", diagnostic.Code);
        Assert.AreEqual(1, diagnostic.Line);
    }

    [TestMethod]
    public void Workflow_HandEdit_IsTPB030AtTheFirstDifferingLine()
    {
        var diagnostic = WorkflowDrift.Check(Generated, "a: 1\nb: 2\nc: 30\nd: 4\ne: 5\n", "/r/w.yml", "w.yml")!;
        Assert.AreEqual(("TPB030", 3, 1), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        StringAssert.Contains(diagnostic.Message, "the file has 'c: 30', the generator writes 'c: 3'");
        StringAssert.Contains(diagnostic.Message, "dotnet build");
    }

    [TestMethod]
    public void Workflow_Diff_IsAShortUnifiedHunk()
    {
        var diff = WorkflowDrift.Diff(Generated, "a: 1\nb: 2\nc: 30\nd: 4\ne: 5\n", "w.yml")!;
        var lines = diff.Split(Environment.NewLine);
        CollectionAssert.AreEqual(
            new[] { "--- w.yml (on disk)", "+++ w.yml (generated)", "@@ -1,5 +1,5 @@", " a: 1", " b: 2", "-c: 30", "+c: 3", " d: 4", " e: 5" },
            lines);
    }

    [TestMethod]
    public void Workflow_TruncatedFile_PointsAtTheFirstMissingLine()
    {
        var diagnostic = WorkflowDrift.Check(Generated, "a: 1\nb: 2\n", "/r/w.yml", "w.yml")!;
        Assert.AreEqual(3, diagnostic.Line);
        StringAssert.Contains(diagnostic.Message, "the file has the end of the file");
    }

    [TestMethod]
    public void Workflow_LongDiff_IsCut()
    {
        var generated = string.Concat(Enumerable.Range(0, 50).Select(i => $"line{i}\n"));
        var diff = WorkflowDrift.Diff(generated, "other\n", "w.yml")!;
        StringAssert.Contains(diff, "more diff lines");
        Assert.IsTrue(diff.Split(Environment.NewLine).Length <= 16);
    }

    [TestMethod]
    public void PackageJson_Drift_NamesEachFieldWithExpectedAndActual()
    {
        var document = PackageJsonDocument.Parse(Encoding.UTF8.GetBytes("{\n  \"name\": \"x\",\n  \"publishConfig\": {\n    \"access\": \"restricted\"\n  }\n}\n")).Document!;
        var patch = PackageJsonPatcher.Patch(document, new PackageJsonTarget { RepositoryUrl = "git+https://github.com/o/r.git" });
        var diagnostics = PackageJsonDrift.Check(patch, "/r/package.json").ToList();
        CollectionAssert.AreEqual(new[] { "repository", "publishConfig.access", "publishConfig.provenance" }, diagnostics.Select(d => d.Message.Split('\'')[1]).ToArray());
        Assert.IsTrue(diagnostics.All(d => d.Code == "TPB022" && d.File == "/r/package.json"));
        var access = diagnostics[1];
        Assert.AreEqual((4, 15), (access.Line, access.Column));
        StringAssert.Contains(access.Message, "is \"restricted\", expected \"public\"");
    }
}
