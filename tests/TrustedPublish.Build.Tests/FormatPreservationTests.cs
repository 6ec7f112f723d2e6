using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.PackageJson;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// The patched bytes against what npm's own editor (@npmcli/package-json) writes for the same change, over
/// generated package.json variants covering each formatting feature and every form of "repository".
/// Where npm does not keep the formatting (a BOM, escapes, duplicate keys) the README says what this
/// package does instead, and the test checks exactly that difference.
/// </summary>
[TestClass]
public sealed class FormatPreservationTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string Url = "git+https://github.com/Acme-Org/widget.git";

    private static readonly PackageJsonTarget Target = new() { RepositoryUrl = Url, Access = "public", Provenance = true };

    /// <summary>What npm is asked to do: the same change (null deletes a key, as `npm pkg delete` would).</summary>
    private static readonly object NpmUpdate = new Dictionary<string, object?>
    {
        ["repository"] = new Dictionary<string, object?> { ["type"] = "git", ["url"] = Url, ["directory"] = null },
        ["publishConfig"] = new Dictionary<string, object?> { ["access"] = "public", ["provenance"] = true },
    };

    private static readonly (string Name, string? Json)[] RepositoryForms =
    {
        ("missing", null),
        ("shorthand", "\"Acme-Org/widget\""),
        ("github-prefix", "\"github:Acme-Org/widget\""),
        ("url-string", "\"https://github.com/acme-org/widget\""),
        ("object", "{\"type\": \"git\", \"url\": \"https://github.com/acme-org/widget\"}"),
        ("object-stale-directory", "{\"url\": \"git://github.com/Acme-Org/widget.git\", \"directory\": \"old\", \"type\": \"svn\"}"),
        ("object-correct", "{\"type\": \"git\", \"url\": \"" + Url + "\"}"),
    };

    private static readonly (string Name, string? Json)[] PublishConfigForms =
    {
        ("missing", null),
        ("empty", "{}"),
        ("other-keys", "{\"tag\": \"next\", \"access\": \"restricted\"}"),
    };

    private static readonly (string Name, string? Indent)[] Indents = { ("2spaces", "  "), ("4spaces", "    "), ("tab", "\t"), ("minified", null) };

    /// <summary>A variant written the way JSON.stringify(value, null, indent) would, then given its line ending and final newline.</summary>
    internal static string Render(string bodyJson, string? indent, string newLine, bool finalNewline)
    {
        using var document = JsonDocument.Parse(bodyJson);
        var text = indent == null ? Compact(document.RootElement) : Pretty(document.RootElement, indent, "");
        text = text.Replace("\n", newLine, StringComparison.Ordinal);
        return finalNewline ? text + newLine : text;
    }

    private static string Compact(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => JsonText.Quote(p.Name) + ":" + Compact(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Compact)) + "]",
        JsonValueKind.String => JsonText.Quote(element.GetString()!),
        _ => element.GetRawText(),
    };

    private static string Pretty(JsonElement element, string indent, string current)
    {
        var inner = current + indent;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.EnumerateObject().Any():
                return "{\n" + string.Join(",\n", element.EnumerateObject().Select(p => inner + JsonText.Quote(p.Name) + ": " + Pretty(p.Value, indent, inner))) + "\n" + current + "}";
            case JsonValueKind.Array when element.EnumerateArray().Any():
                return "[\n" + string.Join(",\n", element.EnumerateArray().Select(e => inner + Pretty(e, indent, inner))) + "\n" + current + "]";
            case JsonValueKind.Object:
                return "{}";
            case JsonValueKind.Array:
                return "[]";
            default:
                return Compact(element);
        }
    }

    private static IEnumerable<(string Name, string Text)> Variants()
    {
        foreach (var (indentName, indent) in Indents)
        {
            foreach (var newLine in new[] { "\n", "\r\n" })
            {
                foreach (var finalNewline in new[] { true, false })
                {
                    foreach (var (repositoryName, repository) in RepositoryForms)
                    {
                        foreach (var (publishName, publishConfig) in PublishConfigForms)
                        {
                            var body = new StringBuilder("{\"name\": \"@acme/widget\", \"version\": \"1.0.0\", \"description\": \"Grüße, 世界 🚀 \\\"quoted\\\" \\\\ tab\\t\"");
                            if (repository != null)
                            {
                                body.Append(", \"repository\": ").Append(repository);
                            }

                            body.Append(", \"scripts\": {\"test\": \"node --test\"}, \"keywords\": [\"a\", \"b\"]");
                            if (publishConfig != null)
                            {
                                body.Append(", \"publishConfig\": ").Append(publishConfig);
                            }

                            body.Append(", \"license\": \"MIT\"}");
                            var name = $"{indentName}-{(newLine == "\n" ? "lf" : "crlf")}-{(finalNewline ? "final" : "nofinal")}-{repositoryName}-{publishName}";
                            yield return (name, Render(body.ToString(), indent, newLine, finalNewline));
                        }
                    }
                }
            }
        }
    }

    private static Dictionary<string, string> AskNpm(IEnumerable<(string Name, byte[] Bytes)> files) => AskNpm(files, NpmUpdate);

    /// <summary>Lets npm's own editor apply <paramref name="update"/> to every file, in one node process; returns what npm wrote, by name.</summary>
    internal static Dictionary<string, string> AskNpm(IEnumerable<(string Name, byte[] Bytes)> files, object update)
    {
        var folder = TestPaths.NewTempFolder("npm-variants");
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(folder, name + ".json"), bytes);
        }

        var result = ProcessRunner.Run("node", new[] { Path.Combine(TestPaths.Tools, "judge.mjs"), "package-json-update-all", folder, JsonSerializer.Serialize(update) }, TestPaths.Tools);
        Assert.AreEqual(0, result.ExitCode, result.All);
        var written = Directory.GetFiles(folder, "*.json").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => Encoding.UTF8.GetString(File.ReadAllBytes(f)));
        Directory.Delete(folder, recursive: true);
        return written;
    }

    private static string Ours(byte[] bytes)
    {
        var parse = PackageJsonDocument.Parse(bytes);
        Assert.IsTrue(parse.Succeeded, parse.Error);
        return Encoding.UTF8.GetString(PackageJsonPatcher.Patch(parse.Document!, Target).Bytes);
    }

    [TestMethod]
    public void EveryFormattingVariant_PatchesToTheSameBytesAsNpmsOwnEditor()
    {
        var variants = Variants().ToList();
        var npm = AskNpm(variants.Select(v => (v.Name, Encoding.UTF8.GetBytes(v.Text))));
        // The one formatting feature npm does not keep is the final newline: npm ends every file with the line
        // ending it detects after the opening brace, so a pretty-printed file without one gains one, and a
        // minified file (no line ending there) loses its own. This package keeps the file's ending as it was.
        static string Expected(string name, string ours)
        {
            var minified = name.StartsWith("minified", StringComparison.Ordinal);
            var final = !name.Contains("-nofinal-", StringComparison.Ordinal);
            var newLine = name.Contains("-crlf-", StringComparison.Ordinal) ? "\r\n" : "\n";
            if (minified && final)
            {
                return ours.Substring(0, ours.Length - newLine.Length);
            }

            return !minified && !final ? ours + newLine : ours;
        }
        var differences = variants.Where(v => Expected(v.Name, Ours(Encoding.UTF8.GetBytes(v.Text))) != npm[v.Name]).Select(v => v.Name).ToList();
        var exact = variants.Count(v => Ours(Encoding.UTF8.GetBytes(v.Text)) == npm[v.Name]);
        TestContext.WriteLine($"{variants.Count} variants compared with @npmcli/package-json: {exact} byte-identical, {variants.Count - exact - differences.Count} differ only in the final newline (npm adds or drops it), {differences.Count} other differences");
        Assert.AreEqual(0, differences.Count, "differ from npm: " + string.Join(", ", differences.Take(10)) + "\nfirst: ours\n" + (differences.Count > 0 ? Ours(Encoding.UTF8.GetBytes(variants.First(v => v.Name == differences[0]).Text)) + "\nnpm:\n" + npm[differences[0]] : ""));
    }

    [TestMethod]
    public void FiveMegabyteFile_PatchesToTheSameBytesAsNpm()
    {
        var items = string.Join(", ", Enumerable.Range(0, 64_000).Select(i => $"{{\"id\": {i}, \"label\": \"item-{i}-é\", \"on\": {(i % 2 == 0 ? "true" : "false")}}}"));
        var text = Render("{\"name\": \"@acme/widget\", \"version\": \"1.0.0\", \"x-data\": [" + items + "], \"license\": \"MIT\"}", "  ", "\n", true);
        Assert.IsTrue(text.Length > 5_000_000, $"the file is {text.Length} bytes");
        var npm = AskNpm(new[] { ("big", Encoding.UTF8.GetBytes(text)) });
        Assert.IsTrue(Ours(Encoding.UTF8.GetBytes(text)) == npm["big"], "the 5 MB file differs from npm's");
    }

    [TestMethod]
    public void Bom_IsKeptHere_WhereNpmDropsIt_AndNothingElseDiffers()
    {
        var text = Render("{\"name\": \"@acme/widget\", \"version\": \"1.0.0\"}", "  ", "\r\n", true);
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var npm = AskNpm(new[] { ("bom", withBom) })["bom"];
        var ours = Ours(withBom);
        Assert.AreEqual('\uFEFF', ours[0], "this package keeps the BOM");
        Assert.AreNotEqual('\uFEFF', npm[0], "npm drops it");
        Assert.AreEqual(npm, ours.Substring(1));
    }

    [TestMethod]
    public void Escapes_AreKeptHere_WhereNpmRewritesThem_AndNothingElseDiffers()
    {
        var text = "{\n  \"name\": \"@acme/widget\",\n  \"description\": \"caf\\u00e9 \\/ \\u2028\"\n}\n";
        var npm = AskNpm(new[] { ("escapes", Encoding.UTF8.GetBytes(text)) })["escapes"];
        var ours = Ours(Encoding.UTF8.GetBytes(text));
        StringAssert.Contains(ours, "caf\\u00e9 \\/ \\u2028");
        Assert.AreEqual(npm, ours.Replace("caf\\u00e9 \\/ \\u2028", "café / \u2028", StringComparison.Ordinal));
    }

    [TestMethod]
    public void DuplicateKeys_TheOneNpmReadsIsEdited_WhereNpmDropsTheOthers()
    {
        var text = "{\n  \"name\": \"@acme/widget\",\n  \"publishConfig\": {\n    \"access\": \"restricted\"\n  },\n  \"publishConfig\": {\n    \"tag\": \"next\"\n  }\n}\n";
        var npm = AskNpm(new[] { ("duplicates", Encoding.UTF8.GetBytes(text)) })["duplicates"];
        var ours = Ours(Encoding.UTF8.GetBytes(text));
        var withoutFirst = ours.Replace("  \"publishConfig\": {\n    \"access\": \"restricted\"\n  },\n", "", StringComparison.Ordinal);
        Assert.AreEqual(npm, withoutFirst, "apart from the duplicate npm drops, the bytes are npm's");
    }
}
