using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Tests;

[TestClass]
public sealed class DiagnosticCatalogTests
{
    [TestMethod]
    public void Codes_AreUniqueAndWellFormed()
    {
        var codes = DiagnosticCatalog.All.Select(d => d.Code).ToList();
        Assert.AreEqual(codes.Count, codes.Distinct().Count());
        Assert.IsTrue(codes.All(c => Regex.IsMatch(c, "^TPB[0-9]{3}$")));
    }

    [TestMethod]
    public void Catalogue_ListsEveryDescriptorField()
    {
        var fields = typeof(DiagnosticCatalog).GetFields().Where(f => f.FieldType == typeof(DiagnosticDescriptor)).Select(f => (DiagnosticDescriptor)f.GetValue(null)!);
        CollectionAssert.AreEquivalent(fields.ToList(), DiagnosticCatalog.All.ToList());
    }

    [TestMethod]
    public void EveryCode_IsDocumentedInTheReadme()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));
        foreach (var descriptor in DiagnosticCatalog.All)
        {
            Assert.IsTrue(readme.Contains($"| {descriptor.Code} |", System.StringComparison.Ordinal), $"README.md must document {descriptor.Code} ({descriptor.Title}) in its diagnostics table");
        }

        // And the README documents no code that does not exist.
        var documented = Regex.Matches(readme, @"^\| (TPB[0-9]{3}) \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        CollectionAssert.IsSubsetOf(documented.ToList(), DiagnosticCatalog.All.Select(d => d.Code).ToList());
    }

    [TestMethod]
    public void EveryMessage_SaysWhatToDo()
    {
        foreach (var descriptor in DiagnosticCatalog.All)
        {
            var text = descriptor.Create("f", 1, 1, "a", "b", "c").Message;
            StringAssert.Contains(text, "Fix: ", descriptor.Code);
        }
    }
}
