using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.PackageJson;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Rules.PackageJson;

/// <summary>
/// TPB028: the files npm would pack (<see cref="PackFiles"/>) include the .NET project that uses this package, its
/// NuGet configuration or its build output. They are there because the project sits beside package.json; without a
/// "files" list, or an ignore file that names them, `npm publish` ships them, obj/project.assets.json with this
/// machine's absolute paths. Runs with generation on too: the patch never touches what is packed.
/// The generated workflow's preflight makes the same judgement over `npm pack --dry-run` (see preflight.sh).
/// </summary>
internal sealed class DotNetFilesPackedRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.DotNetFilesPacked };

    /// <summary>How many of the files the message names; the rest are counted.</summary>
    private const int Named = 4;

    /// <summary>Past this many entries the suggested "files" list stops being a useful example.</summary>
    private const int MaxSuggested = 6;

    private static readonly string[] ProjectExtensions = { ".csproj", ".fsproj", ".vbproj", ".proj" };

    private static readonly string[] BuildExtensions = { ".csproj", ".fsproj", ".vbproj", ".proj", ".props", ".targets", ".sln", ".slnx" };

    /// <summary>What npm adds whatever "files" says (npm-packlist's strict rules), so a suggested list need not name them.</summary>
    private static readonly Lazy<NpmGlob[]> AlwaysPacked = new(() =>
        new[] { "/package.json", "/readme{,.*[^~$]}", "/copying{,.*[^~$]}", "/license{,.*[^~$]}", "/licence{,.*[^~$]}" }
            .Select(p => NpmGlob.Parse(p, out _)!).ToArray());

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var folder = context.PackageFolder;
        var root = context.PackageJson.Root;
        if (folder == null || root.Get("private") is { } isPrivate && PackageJsonDocument.IsTruthy(isPrivate))
        {
            yield break; // nothing to list, or npm refuses to publish it at all
        }

        // A package npm's file list cannot be told for (rules this model does not read, a huge folder) is left to the
        // preflight step, which asks npm itself.
        var packed = PackFiles.Select(root, folder);
        if (!packed.IsKnown)
        {
            yield break;
        }

        var offending = Find(packed.Files, folder);
        if (offending.Count == 0)
        {
            yield break;
        }

        var files = root.Find("files");
        var (line, column) = files == null ? (1, 1) : context.PackageJson.Locate(files.Value.Start);
        yield return DiagnosticCatalog.DotNetFilesPacked.Create(context.PackageJsonPath, line, column, Names(offending), Why(packed, offending), Fix(packed, offending));
    }

    /// <summary>
    /// The packed files that belong to a .NET build: project, solution, props and targets files and nuget.config
    /// anywhere; anything under an obj/ folder, and under a subfolder of a bin/ folder (bin/Debug/..., where MSBuild
    /// writes; a file directly in bin/ is usually an npm command), when that folder sits beside a project file.
    /// </summary>
    internal static List<string> Find(IReadOnlyList<string> packed, IPackageFolder folder)
    {
        var hasProject = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool ProjectIn(string path)
        {
            if (!hasProject.TryGetValue(path, out var found))
            {
                var listing = folder.List(path, PackFiles.MaxEntries);
                found = listing != null && listing.Files.Any(IsProject);
                hasProject[path] = found;
            }

            return found;
        }

        var result = new List<string>();
        foreach (var path in packed)
        {
            var names = path.Split('/');
            var name = names[names.Length - 1];
            var isBuildFile = BuildExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || string.Equals(name, "nuget.config", StringComparison.OrdinalIgnoreCase);
            for (var i = 0; !isBuildFile && i < names.Length - 1; i++)
            {
                var output = string.Equals(names[i], "obj", StringComparison.OrdinalIgnoreCase) || (string.Equals(names[i], "bin", StringComparison.OrdinalIgnoreCase) && i < names.Length - 2);
                isBuildFile = output && ProjectIn(string.Join("/", names, 0, i));
            }

            if (isBuildFile)
            {
                result.Add(path);
            }
        }

        // Project files first, then the NuGet configuration, then build output: the first few named say what happened.
        return result.OrderBy(Kind).ThenBy(p => p, StringComparer.Ordinal).ToList();
    }

    private static bool IsProject(string name) => ProjectExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static int Kind(string path)
    {
        var name = path.Substring(path.LastIndexOf('/') + 1);
        return BuildExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ? 0
            : string.Equals(name, "nuget.config", StringComparison.OrdinalIgnoreCase) ? 1
            : IsUnder(path, "obj") ? 2
            : 3;
    }

    private static bool IsUnder(string path, string folder)
    {
        var names = path.Split('/');
        return names.Take(names.Length - 1).Any(n => string.Equals(n, folder, StringComparison.OrdinalIgnoreCase));
    }

    private static string Names(List<string> offending)
    {
        var named = string.Join(", ", offending.Take(Named).Select(Shown));
        return offending.Count <= Named ? named : $"{named} and {offending.Count - Named} more";
    }

    private static string Why(PackFilesResult packed, List<string> offending)
    {
        var why = packed.RulesFrom switch
        {
            "files" => "package.json's \"files\" list takes them in.",
            ".npmignore" => "package.json has no \"files\" list, and .npmignore does not leave them out.",
            ".gitignore" => "package.json has no \"files\" list, and .gitignore (which npm reads when there is no .npmignore) does not leave them out.",
            _ => "package.json has no \"files\" list, and there is no .npmignore or .gitignore.",
        };

        return offending.Any(p => IsUnder(p, "obj")) ? why + " obj/ holds this machine's absolute paths (project.assets.json)." : why;
    }

    private static string Fix(PackFilesResult packed, List<string> offending)
    {
        var suggestion = SuggestedFiles(packed.Files, offending);
        var always = "npm always adds package.json, README and LICENSE";
        if (packed.RulesFrom == "files")
        {
            // With "files", npm does not read the package folder's .npmignore or .gitignore: only the list can change it.
            return suggestion == null
                ? $"make package.json's \"files\" name only what the package needs ({always})"
                : $"make package.json's \"files\" name only what the package needs, such as {suggestion} ({always})";
        }

        var list = suggestion == null ? $"a \"files\" list to package.json naming only what the package needs ({always})" : $"\"files\": {suggestion} to package.json ({always})";
        var copy = packed.RulesFrom == ".gitignore" ? " and copy .gitignore's lines into it (npm stops reading .gitignore once there is a .npmignore)" : "";
        return $"add {list}, or add {IgnoreLines(offending)} to .npmignore{copy}";
    }

    /// <summary>The .npmignore lines that leave the .NET build out: the usual four, and the other extensions found outside bin/ and obj/.</summary>
    private static string IgnoreLines(List<string> offending)
    {
        var lines = new List<string> { "bin/", "obj/", "*.csproj", "nuget.config" };
        foreach (var path in offending.Where(p => !IsUnder(p, "obj") && !IsUnder(p, "bin")))
        {
            var name = path.Substring(path.LastIndexOf('/') + 1);
            var extension = BuildExtensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
            if (extension != null && !lines.Contains("*" + extension))
            {
                lines.Add("*" + extension);
            }
        }

        return string.Join(", ", lines.Take(lines.Count - 1)) + " and " + lines[lines.Count - 1];
    }

    /// <summary>
    /// A "files" list that keeps what is packed now but the .NET build: for each other file, the shortest path that
    /// holds none of the .NET files, without what npm adds anyway and without dot-files. Null when it would be long,
    /// or hold a name that reads as a pattern.
    /// </summary>
    private static string? SuggestedFiles(IReadOnlyList<string> packed, List<string> offending)
    {
        var dotNet = new HashSet<string>(offending, StringComparer.Ordinal);
        var entries = new List<string>();
        foreach (var path in packed)
        {
            if (dotNet.Contains(path) || AlwaysPacked.Value.Any(rule => rule.Match("/" + path)))
            {
                continue;
            }

            var names = path.Split('/');
            var entry = names[0];
            for (var i = 1; i < names.Length && offending.Any(o => o.StartsWith(entry + "/", StringComparison.Ordinal)); i++)
            {
                entry += "/" + names[i];
            }

            if (!entry.StartsWith(".", StringComparison.Ordinal) && !entries.Contains(entry))
            {
                entries.Add(entry);
            }
        }

        if (entries.Count > MaxSuggested || entries.Any(e => e.IndexOfAny("*?[]{}!#\\\"".ToCharArray()) >= 0 || e.Trim() != e || e.Any(TextSafety.BreaksALine)))
        {
            return null;
        }

        return "[" + string.Join(", ", entries.Select(e => "\"" + e + "\"")) + "]";
    }

    /// <summary>A path as the message shows it: a character that would break the log line becomes '?'.</summary>
    private static string Shown(string path)
    {
        var builder = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            builder.Append(TextSafety.BreaksALine(c) ? '?' : c);
        }

        return builder.ToString();
    }
}
