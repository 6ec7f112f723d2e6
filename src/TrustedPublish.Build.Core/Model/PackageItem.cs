using System.Collections.Generic;

namespace TrustedPublish.Build.Model;

/// <summary>
/// One <c>&lt;TrustedPublishPackage Include="packages/core" PackageName="…" Access="…" /&gt;</c> item, as plain values: what the
/// project wrote, and what the task found on disk for it. The core validates it (TPB100-TPB103) at the item's line.
/// </summary>
internal sealed class PackageItem
{
    /// <summary>The folder as written in Include, relative to the project's folder.</summary>
    public string Include { get; set; } = "";

    /// <summary>PackageName metadata: the npm name to publish as (package.json's name is patched to it); "" for package.json's name.</summary>
    public string PackageName { get; set; } = "";

    /// <summary>Access metadata: public or restricted; "" for TrustedPublishAccess.</summary>
    public string Access { get; set; } = "";

    /// <summary>The project or imported file that defines the item (MSBuild's DefiningProjectFullPath), and its text, to find the item's line; null for the project itself.</summary>
    public string? File { get; set; }

    public string? FileText { get; set; }

    /// <summary>The folder relative to the repository root (forward slashes, "" at the root); null when it is outside the repository.</summary>
    public string? Directory { get; set; }

    /// <summary>The folder's full path, for messages.</summary>
    public string FullDirectory { get; set; } = "";

    /// <summary>Full path of the folder's package.json, for diagnostics.</summary>
    public string PackageJsonPath { get; set; } = "";

    /// <summary>The folder's package.json, or null when the folder or the file does not exist.</summary>
    public byte[]? PackageJson { get; set; }

    /// <summary>False when the folder itself does not exist (the message then says so instead of "holds no package.json").</summary>
    public bool FolderExists { get; set; }

    /// <summary>The package folder and each folder above it up to the repository root, as <see cref="TrustedPublishInputs.PackageManagerFolders"/>.</summary>
    public IReadOnlyList<PackageManagerFolder> PackageManagerFolders { get; set; } = new PackageManagerFolder[0];

    /// <summary>The package folder as npm's file walker reads it (TPB028), or null to skip that check.</summary>
    public PackageJson.IPackageFolder? PackageFolder { get; set; }

    /// <summary>The package folder's .npmrc, when it has one, for the rules.</summary>
    public Rules.RepositoryFile? Npmrc { get; set; }
}
