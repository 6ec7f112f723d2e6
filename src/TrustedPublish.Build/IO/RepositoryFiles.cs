using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TrustedPublish.Build.Model;

namespace TrustedPublish.Build.IO;

/// <summary>Finds the files the defaults come from: git's config (also in worktrees and submodules), and the lockfiles and workspace files that name the package manager.</summary>
internal static class RepositoryFiles
{
    /// <summary>The config file that holds the remotes, or null. In a worktree or submodule .git is a file naming the real git folder.</summary>
    public static string? FindGitConfig(string repositoryRoot)
    {
        try
        {
            return FindGitConfigOrThrow(repositoryRoot);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            // A .git file or commondir naming an impossible path (a NUL, say) is a broken link to git's data,
            // not a crash: there is no config to take the origin remote from.
            return null;
        }
    }

    private static string? FindGitConfigOrThrow(string repositoryRoot)
    {
        var dotGit = Path.Combine(repositoryRoot, ".git");
        string? gitDirectory = null;
        if (Directory.Exists(dotGit))
        {
            gitDirectory = dotGit;
        }
        else if (File.Exists(dotGit))
        {
            foreach (var line in RepositoryFileSystem.ReadText(dotGit).Split('\n'))
            {
                if (line.StartsWith("gitdir:", StringComparison.Ordinal))
                {
                    gitDirectory = FullPath(repositoryRoot, line.Substring("gitdir:".Length).Trim());
                }
            }
        }

        if (gitDirectory == null)
        {
            return null;
        }

        // A linked worktree keeps its config in the main repository's folder, named by "commondir".
        var commonDir = Path.Combine(gitDirectory, "commondir");
        if (File.Exists(commonDir))
        {
            gitDirectory = FullPath(gitDirectory, RepositoryFileSystem.ReadText(commonDir).Trim());
        }

        var config = gitDirectory == null ? null : Path.Combine(gitDirectory, "config");
        return config != null && File.Exists(config) ? config : null;
    }

    /// <summary>Null for a path no file system could hold (.NET Framework throws on some of these, .NET does not).</summary>
    private static string? FullPath(string folder, string relative) =>
        relative.Length == 0 || relative.IndexOf('\0') >= 0 ? null : Path.GetFullPath(Path.Combine(folder, relative));

    /// <summary>
    /// The package folder and each folder above it inside the repository, with the lockfiles and workspace files each
    /// holds and, above the package folder, its package.json (read through <paramref name="files"/>: inside the
    /// repository, regular files only), for <see cref="PackageManagerDetector"/>.
    /// </summary>
    public static IReadOnlyList<PackageManagerFolder> ReadPackageManagerFolders(RepositoryFileSystem files, string packageDirectory, string repositoryRoot)
    {
        var result = new List<PackageManagerFolder>();
        var root = Path.GetFullPath(repositoryRoot).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var folder = Path.GetFullPath(packageDirectory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        while (folder.Length >= root.Length)
        {
            var present = PackageManagerDetector.MarkerFiles.Where(name => File.Exists(Path.Combine(folder, name))).ToArray();
            var packageJson = Path.Combine(folder, "package.json");
            var above = result.Count > 0;
            result.Add(new PackageManagerFolder(
                RelativePath(root, folder + Path.DirectorySeparatorChar) ?? "",
                present,
                above && File.Exists(packageJson) ? files.ReadInside(packageJson) : null,
                packageJson));

            var parent = Path.GetDirectoryName(folder);
            if (parent == null || folder == root)
            {
                break;
            }

            folder = parent;
        }

        return result;
    }

    /// <summary>Path of <paramref name="path"/> relative to <paramref name="root"/>, with forward slashes; null when outside.</summary>
    public static string? RelativePath(string root, string path)
    {
        var fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var fullPath = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if ((fullPath + Path.DirectorySeparatorChar).Equals(fullRoot, StringComparison.Ordinal))
        {
            return "";
        }

        return fullPath.StartsWith(fullRoot, StringComparison.Ordinal)
            ? fullPath.Substring(fullRoot.Length).Replace(Path.DirectorySeparatorChar, '/')
            : null;
    }
}
