using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.PackageJson;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Every change the package makes, applied to every shape of the objects it edits: missing, empty, holding only
/// the member to remove, holding duplicates of every managed key, nested in both orders, in every layout. Each
/// result must parse, mean what npm's own editor (@npmcli/package-json) writes for the same change (JSON.parse
/// semantics: the last duplicate wins), and keep every byte of every member it does not manage.
/// </summary>
[TestClass]
public sealed class PatcherPropertyTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string Url = "git+https://github.com/Acme-Org/widget.git";

    private static readonly string?[] RepositoryForms =
    {
        null,
        "\"Acme-Org/widget\"",
        "{}",
        "{\"directory\": \"packages/widget\"}",
        "{\"directory\": \"a\", \"directory\": \"b\"}",
        "{\"url\": \"https://github.com/old/widget\"}",
        "{\"type\": \"git\"}",
        "{\"url\": \"u1\", \"url\": \"u2\"}",
        "{\"type\": \"svn\", \"type\": \"git\", \"url\": \"" + Url + "\"}",
        "{\"directory\": \"d\", \"type\": \"git\", \"url\": \"wrong\"}",
        "{\"type\": \"git\", \"url\": \"wrong\", \"directory\": \"d\"}",
        "{\"directory\": \"d\", \"x-note\": {\"directory\": \"keep\"}, \"directory\": \"e\"}",
        "{\"type\": \"git\", \"url\": \"" + Url + "\", \"directory\": \"packages/widget\"}",
        "{\"type\": \"git\", \"url\": \"" + Url + "\"}",
    };

    private static readonly string?[] PublishConfigForms =
    {
        null,
        "{}",
        "{\"access\": \"restricted\"}",
        "{\"access\": \"x\", \"access\": \"y\"}",
        "{\"provenance\": false, \"provenance\": \"true\"}",
        "{\"tag\": \"next\"}",
        "{\"provenance\": true, \"tag\": \"next\", \"access\": \"public\"}",
    };

    private static readonly string?[] Indents = { "  ", "\t", null };

    private static readonly (string Name, PackageJsonTarget Target)[] Targets =
    {
        ("root-public", new PackageJsonTarget { RepositoryUrl = Url, Access = "public", Provenance = true }),
        ("root-restricted", new PackageJsonTarget { RepositoryUrl = Url, Access = "restricted", Provenance = false }),
        ("folder-public", new PackageJsonTarget { RepositoryUrl = Url, RepositoryDirectory = "packages/widget", Access = "public", Provenance = true }),
        ("named-folder", new PackageJsonTarget { Name = "@acme/widget", RepositoryUrl = Url, RepositoryDirectory = "packages/widget", Access = "restricted", Provenance = true }),
    };

    private static IEnumerable<(string Name, string Text)> Variants(int seed)
    {
        var random = new Random(seed);
        var index = 0;
        foreach (var repository in RepositoryForms)
        {
            foreach (var publishConfig in PublishConfigForms)
            {
                foreach (var indent in Indents)
                {
                    var body = new StringBuilder("{\"name\": \"@acme/widget\", \"version\": \"1.0.0\"");
                    // Where the managed objects sit, and whether they are repeated at the root, varies with the seed.
                    var members = new List<string> { "\"scripts\": {\"test\": \"node --test\"}", "\"license\": \"MIT\"" };
                    if (repository != null)
                    {
                        members.Insert(random.Next(members.Count + 1), "\"repository\": " + repository);
                    }

                    if (publishConfig != null)
                    {
                        members.Insert(random.Next(members.Count + 1), "\"publishConfig\": " + publishConfig);
                    }

                    if (random.Next(6) == 0)
                    {
                        members.Insert(0, random.Next(2) == 0 ? "\"repository\": {\"directory\": \"stale\"}" : "\"publishConfig\": {\"access\": \"stale\"}");
                    }

                    foreach (var member in members)
                    {
                        body.Append(", ").Append(member);
                    }

                    body.Append('}');
                    var newLine = random.Next(2) == 0 ? "\n" : "\r\n";
                    yield return ($"v{index++:D4}", FormatPreservationTests.Render(body.ToString(), indent, newLine, finalNewline: random.Next(2) == 0));
                }
            }
        }
    }

    [TestMethod]
    public void EveryManagedChange_OnEveryObjectShape_ParsesMeansWhatNpmWritesAndKeepsOtherBytes()
    {
        var seed = Environment.GetEnvironmentVariable("TPB_SEED") is string s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : Environment.TickCount & 0xFFFF;
        TestContext.WriteLine($"seed {seed} (replay with TPB_SEED={seed})");
        var variants = Variants(seed).ToList();
        var failures = new List<string>();
        var compared = 0;
        foreach (var (targetName, target) in Targets)
        {
            var npm = AskNpm(variants, target);
            foreach (var (name, text) in variants)
            {
                var input = Encoding.UTF8.GetBytes(text);
                var parse = PackageJsonDocument.Parse(input);
                Assert.IsTrue(parse.Succeeded, $"{name}: the fixture itself does not parse: {parse.Error}\n{text}");
                var ours = Encoding.UTF8.GetString(PackageJsonPatcher.Patch(parse.Document!, target).Bytes);
                compared++;
                var problem = Judge(text, ours, npm[name]);
                if (problem != null)
                {
                    failures.Add($"{targetName}/{name}: {problem}\ninput:\n{text}\nours:\n{ours}\nnpm:\n{npm[name]}");
                }
            }
        }

        TestContext.WriteLine($"{compared} patches compared with @npmcli/package-json, {failures.Count} failures");
        Assert.AreEqual(0, failures.Count, $"seed {seed}: {failures.Count} of {compared} failed; first:\n{failures.FirstOrDefault()}");
    }

    [TestMethod]
    [DataRow("{\"name\":\"@acme/widget\",\"version\":\"1.0.0\",\"repository\":{\"directory\":\"packages/widget\"}}")]
    [DataRow("{\n  \"name\": \"@acme/widget\",\n  \"version\": \"1.0.0\",\n  \"repository\": {\n    \"directory\": \"packages/widget\"\n  }\n}\n")]
    public void OnlyMemberRemoved_WhileOthersAreAdded_GivesValidJson(string text)
    {
        // The reproduction: the package at the root, so "directory" (the only member) goes and type and url come.
        var target = new PackageJsonTarget { RepositoryUrl = Url, Access = "public", Provenance = true };
        var parse = PackageJsonDocument.Parse(Encoding.UTF8.GetBytes(text));
        var patched = PackageJsonPatcher.Patch(parse.Document!, target).Bytes;
        var reparsed = PackageJsonDocument.Parse(patched);
        Assert.IsTrue(reparsed.Succeeded, Encoding.UTF8.GetString(patched));
        var repository = reparsed.Document!.Root.Get("repository")!;
        Assert.AreEqual(Url, repository.GetString("url"));
        Assert.AreEqual("git", repository.GetString("type"));
        Assert.IsNull(repository.Find("directory"));
    }

    [TestMethod]
    public void DuplicateDirectoryKeys_AreAllRemoved_SoNpmCannotReadAStaleOne()
    {
        var text = "{\n  \"name\": \"w\",\n  \"repository\": {\n    \"type\": \"git\",\n    \"url\": \"" + Url + "\",\n    \"directory\": \"a\",\n    \"directory\": \"b\"\n  }\n}\n";
        var target = new PackageJsonTarget { RepositoryUrl = Url, Access = "public", Provenance = true };
        var patched = Encoding.UTF8.GetString(PackageJsonPatcher.Patch(PackageJsonDocument.Parse(Encoding.UTF8.GetBytes(text)).Document!, target).Bytes);
        Assert.IsFalse(patched.Contains("directory", StringComparison.Ordinal), patched);
        Assert.IsTrue(PackageJsonDocument.Parse(Encoding.UTF8.GetBytes(patched)).Succeeded, patched);
    }

    /// <summary>Null when the patch is right; otherwise what is wrong with it.</summary>
    private static string? Judge(string input, string ours, string npm)
    {
        var parse = PackageJsonDocument.Parse(Encoding.UTF8.GetBytes(ours));
        if (!parse.Succeeded)
        {
            return "not valid JSON: " + parse.Error;
        }

        if (Canonical(ours) != Canonical(npm))
        {
            return "means something else than npm's result";
        }

        var before = UnmanagedMembers(input);
        var after = UnmanagedMembers(ours);
        return before.SequenceEqual(after) ? null : "an unmanaged member changed: " + string.Join(" | ", before.Except(after));
    }

    /// <summary>The raw text of every member the patch does not manage (root members, and the others inside repository and publishConfig).</summary>
    private static List<string> UnmanagedMembers(string text)
    {
        var document = PackageJsonDocument.Parse(Encoding.UTF8.GetBytes(text)).Document!;
        string Raw(JsonSpanNode node) => Encoding.UTF8.GetString(document.Bytes, document.BodyStart + node.Start, node.End - node.Start);
        var list = new List<string>();
        var managedRoot = new[] { "repository", "publishConfig" };
        foreach (var member in document.Root.Members)
        {
            if (!managedRoot.Contains(member.Name))
            {
                list.Add(member.Name + "=" + Raw(member.Value));
            }
        }

        // Only the objects npm reads are edited; inside them, only the managed keys may change.
        foreach (var (objectName, managed) in new[] { ("repository", new[] { "type", "url", "directory" }), ("publishConfig", new[] { "access", "provenance" }) })
        {
            var node = document.Root.Get(objectName);
            if (node != null && node.IsObject)
            {
                list.AddRange(node.Members.Where(m => !managed.Contains(m.Name)).Select(m => objectName + "." + m.Name + "=" + Raw(m.Value)));
            }
        }

        return list;
    }

    /// <summary>The JSON value as JSON.parse sees it (the last duplicate wins), with keys sorted.</summary>
    private static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Canonical(document.RootElement);
    }

    private static string Canonical(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject()
            .GroupBy(p => p.Name)
            .Select(g => g.Last())
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => JsonText.Quote(p.Name) + ":" + Canonical(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Canonical)) + "]",
        JsonValueKind.String => JsonText.Quote(element.GetString()!),
        _ => element.GetRawText(),
    };

    private static Dictionary<string, string> AskNpm(IEnumerable<(string Name, string Text)> variants, PackageJsonTarget target)
    {
        var update = new Dictionary<string, object?>
        {
            ["repository"] = new Dictionary<string, object?> { ["type"] = "git", ["url"] = target.RepositoryUrl, ["directory"] = target.RepositoryDirectory },
            ["publishConfig"] = new Dictionary<string, object?> { ["access"] = target.Access, ["provenance"] = target.Provenance },
        };
        if (target.Name != null)
        {
            update["name"] = target.Name;
        }

        return FormatPreservationTests.AskNpm(variants.Select(v => (v.Name, Encoding.UTF8.GetBytes(v.Text))), update);
    }
}
