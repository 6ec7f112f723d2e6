using System.Collections.Generic;
using System.Linq;

namespace TrustedPublish.Build.Model;

/// <summary>
/// One folder on the way from the package folder up to the repository root, as package-manager detection reads it:
/// which lockfiles and workspace files it holds, and its package.json (for packageManager and workspaces).
/// </summary>
internal sealed class PackageManagerFolder
{
    public PackageManagerFolder(string directory, IReadOnlyCollection<string> files, byte[]? packageJson = null, string? packageJsonPath = null)
    {
        Directory = directory;
        Files = files;
        PackageJson = packageJson;
        PackageJsonPath = packageJsonPath ?? (directory.Length == 0 ? "package.json" : directory + "/package.json");
    }

    /// <summary>Relative to the repository root, forward slashes, "" at the root.</summary>
    public string Directory { get; }

    /// <summary>The names among <see cref="PackageManagerDetector.MarkerFiles"/> that exist in this folder.</summary>
    public IReadOnlyCollection<string> Files { get; }

    /// <summary>This folder's package.json, or null when it has none (or it is the package folder, whose package.json the inputs hold).</summary>
    public byte[]? PackageJson { get; }

    /// <summary>Where that package.json is, for messages.</summary>
    public string PackageJsonPath { get; }

    public bool Has(string file) => Files.Contains(file);
}
