using System;
using System.Collections.Generic;
using System.IO;
using System.Security;
using TrustedPublish.Build.PackageJson;

namespace TrustedPublish.Build.IO;

/// <summary>
/// The package folder on disk, for the model of npm's file list: one folder at a time, only when the check asks,
/// and only the folders npm would enter. Links are left out (npm packs none, and a linked folder is never
/// followed, so the walk stays inside the package folder), so are node_modules and .git, and no listing goes past
/// the limit it is given (but a linked .npmignore or .gitignore is listed: npm reads those). Ignore files are read
/// through <see cref="RepositoryFileSystem"/>, so a link may not lead out of the repository. A folder or file that
/// cannot be read makes the answer unknown (null), not an error: the check is a warning, and the workflow's
/// preflight asks npm itself.
/// </summary>
internal sealed class PackageFolderReader : IPackageFolder
{
    private readonly RepositoryFileSystem repository;
    private readonly string packageDirectory;

    public PackageFolderReader(RepositoryFileSystem repository, string packageDirectory)
    {
        this.repository = repository;
        this.packageDirectory = Path.GetFullPath(packageDirectory);
    }

    public PackageFolderListing? List(string folder, int limit)
    {
        var files = new List<string>();
        var folders = new List<string>();
        try
        {
            foreach (var entry in new DirectoryInfo(FullPath(folder)).EnumerateFileSystemInfos())
            {
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    // npm reads a linked ignore file (it opens ignore files by name) but packs no link.
                    if (entry is FileInfo && entry.Name is ".npmignore" or ".gitignore")
                    {
                        files.Add(entry.Name);
                    }

                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    if (entry.Name != "node_modules" && entry.Name != ".git")
                    {
                        folders.Add(entry.Name);
                    }
                }
                else
                {
                    files.Add(entry.Name);
                }

                if (files.Count + folders.Count > limit)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
        {
            return null;
        }

        return new PackageFolderListing(files, folders);
    }

    public string? ReadText(string path)
    {
        try
        {
            return repository.ReadTextInside(FullPath(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
        {
            return null; // RefusedFileException (a FIFO, a link leading out, a huge file) is an IOException too
        }
    }

    private string FullPath(string relative) =>
        relative.Length == 0 ? packageDirectory : Path.Combine(packageDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
}
