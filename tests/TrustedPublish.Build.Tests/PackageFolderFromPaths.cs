using System;
using System.Collections.Generic;
using TrustedPublish.Build.PackageJson;

namespace TrustedPublish.Build.Tests;

/// <summary>A package folder made of relative file paths and the texts of its ignore files (for tests and for callers with a list).</summary>
internal sealed class PackageFolderFromPaths : IPackageFolder
{
    private readonly Dictionary<string, (SortedSet<string> Files, SortedSet<string> Folders)> folders = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> texts;

    /// <param name="files">Paths of the regular files relative to the package folder, forward slashes.</param>
    /// <param name="texts">The text of each ignore file among them (".npmignore", "lib/.gitignore").</param>
    public PackageFolderFromPaths(IEnumerable<string> files, IReadOnlyDictionary<string, string>? texts = null)
    {
        this.texts = texts ?? new Dictionary<string, string>();
        Folder("");
        foreach (var file in files)
        {
            var parent = "";
            var names = file.Split('/');
            for (var i = 0; i < names.Length; i++)
            {
                var entries = Folder(parent);
                if (i == names.Length - 1)
                {
                    entries.Files.Add(names[i]);
                }
                else
                {
                    entries.Folders.Add(names[i]);
                    parent = parent.Length == 0 ? names[i] : parent + "/" + names[i];
                }
            }
        }
    }

    public PackageFolderListing? List(string folder, int limit)
    {
        if (!folders.TryGetValue(folder, out var entries))
        {
            return null;
        }

        var skipped = new[] { "node_modules", ".git" };
        return new PackageFolderListing(new List<string>(entries.Files), new List<string>(entries.Folders).FindAll(f => Array.IndexOf(skipped, f) < 0));
    }

    public string? ReadText(string path) => texts.TryGetValue(path, out var text) ? text : null;

    private (SortedSet<string> Files, SortedSet<string> Folders) Folder(string path)
    {
        if (!folders.TryGetValue(path, out var entries))
        {
            entries = (new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
            folders[path] = entries;
        }

        return entries;
    }
}
