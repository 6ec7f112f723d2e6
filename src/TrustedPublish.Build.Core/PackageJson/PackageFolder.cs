using System.Collections.Generic;

namespace TrustedPublish.Build.PackageJson;

/// <summary>
/// The package folder as npm's file walker sees it, asked one folder at a time so that a folder npm would not
/// enter is never listed. The MSBuild task answers from the disk; tests answer from a list of paths.
/// </summary>
internal interface IPackageFolder
{
    /// <summary>
    /// The regular files and the folders directly in <paramref name="folder"/> (relative to the package folder,
    /// forward slashes, "" for the package folder itself), at most <paramref name="limit"/> + 1 of them. Links and
    /// other kinds of entries are left out (npm packs neither), and so are folders named node_modules or .git.
    /// Null when the folder cannot be listed.
    /// </summary>
    PackageFolderListing? List(string folder, int limit);

    /// <summary>The text of a file (an ignore file), or null when it cannot be read.</summary>
    string? ReadText(string path);
}

/// <summary>One folder's entries: file names and folder names.</summary>
internal sealed class PackageFolderListing
{
    public PackageFolderListing(IReadOnlyList<string> files, IReadOnlyList<string> folders)
    {
        Files = files;
        Folders = folders;
    }

    public IReadOnlyList<string> Files { get; }

    public IReadOnlyList<string> Folders { get; }
}
