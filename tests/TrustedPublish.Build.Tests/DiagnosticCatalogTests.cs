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

    /// <summary>
    /// The catalogue's section comments ("// 040-049: ...", "// 083: ...") say which codes sit under them: every code
    /// lies in its section's range, the sections do not overlap, and the file and <see cref="DiagnosticCatalog.All"/>
    /// are in code order (a variant right after the descriptor it varies).
    /// </summary>
    [TestMethod]
    public void CatalogueSections_HoldExactlyTheirCodes_InCodeOrder()
    {
        var source = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "src", "TrustedPublish.Build.Core", "Diagnostics", "DiagnosticCatalog.cs"));
        (int Low, int High)? section = null;
        var previousHigh = 0;
        var previousCode = 0;
        var codesSeen = 0;
        foreach (var line in source)
        {
            var heading = Regex.Match(line, @"^    // ([0-9]{3})(?:-([0-9]{3}))?: ");
            if (heading.Success)
            {
                var low = int.Parse(heading.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var high = heading.Groups[2].Success ? int.Parse(heading.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : low;
                Assert.IsTrue(low > previousHigh && high >= low, $"section '{line.Trim()}' overlaps the one before or is backwards");
                section = (low, high);
                previousHigh = high;
                continue;
            }

            var code = Regex.Match(line, @"^        ""TPB([0-9]{3})"",");
            if (code.Success)
            {
                var number = int.Parse(code.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                Assert.IsNotNull(section, $"TPB{code.Groups[1].Value} comes before any section comment");
                Assert.IsTrue(number >= section.Value.Low && number <= section.Value.High, $"TPB{code.Groups[1].Value} sits under the section {section.Value.Low:000}-{section.Value.High:000}");
                Assert.IsTrue(number > previousCode, $"TPB{code.Groups[1].Value} is out of code order in the file");
                previousCode = number;
                codesSeen++;
            }
        }

        Assert.AreEqual(DiagnosticCatalog.All.Count(d => d.VariantOf == null), codesSeen, "every descriptor's code was read from the file");
        var all = DiagnosticCatalog.All.ToList();
        for (var i = 1; i < all.Count; i++)
        {
            var inOrder = all[i].VariantOf != null ? all[i].VariantOf == all[i - 1] || all[i].VariantOf == all[i - 1].VariantOf : string.CompareOrdinal(all[i - 1].Code, all[i].Code) < 0;
            Assert.IsTrue(inOrder, $"All: {all[i].Code} after {all[i - 1].Code}");
        }
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
