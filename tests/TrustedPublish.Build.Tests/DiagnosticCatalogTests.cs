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
        // A variant tells another cause of its descriptor's finding under the same code; any other shared code is a mistake.
        var codes = DiagnosticCatalog.All.Where(d => d.VariantOf == null).Select(d => d.Code).ToList();
        Assert.AreEqual(codes.Count, codes.Distinct().Count());
        Assert.IsTrue(codes.All(c => Regex.IsMatch(c, "^TPB[0-9]{3}$")));
        foreach (var variant in DiagnosticCatalog.All.Where(d => d.VariantOf != null))
        {
            CollectionAssert.Contains(DiagnosticCatalog.All.ToList(), variant.VariantOf, variant.Code);
            Assert.IsNull(variant.VariantOf!.VariantOf, $"{variant.Code}: a variant of a variant");
        }
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
    public void EveryCode_HasATitleAndAFixThatIsASentence()
    {
        foreach (var descriptor in DiagnosticCatalog.All)
        {
            Assert.IsTrue(descriptor.Title.Length > 10, descriptor.Code);
            Assert.IsTrue(descriptor.Fix.Length > 15 && descriptor.Fix.EndsWith(".", System.StringComparison.Ordinal), $"{descriptor.Code}: the fix '{descriptor.Fix}' should say what to do, as a sentence");
        }
    }

    [TestMethod]
    public void EveryMessageFormat_NumbersItsPlaceholdersWithoutGaps()
    {
        foreach (var descriptor in DiagnosticCatalog.All)
        {
            var used = Regex.Matches(descriptor.MessageFormat + descriptor.Fix, @"(?<!\{)\{(\d+)\}").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().OrderBy(i => i).ToList();
            CollectionAssert.AreEqual(Enumerable.Range(0, used.Count).ToList(), used, $"{descriptor.Code}: placeholders in its message and fix");
        }
    }

    /// <summary>The text a user reads has every placeholder filled and every doubled brace undone, in the message and in the fix.</summary>
    [TestMethod]
    public void CreatedMessages_HaveNoRawPlaceholdersOrDoubledBraces()
    {
        foreach (var descriptor in DiagnosticCatalog.All)
        {
            var text = descriptor.Create("f", 1, 1, "A", "B", "C", "D", "E", "F").Message;
            Assert.IsFalse(Regex.IsMatch(text, @"\{\d+\}|\{\{|\}\}"), $"{descriptor.Code}: {text}");
        }
    }
}
