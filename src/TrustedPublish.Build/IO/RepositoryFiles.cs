using System;
using System.IO;
using TrustedPublish.Build.Model;

namespace TrustedPublish.Build.IO;

/// <summary>Finds the files the defaults come from: git's config (also in worktrees and submodules) and the npm lockfile.</summary>
internal static class RepositoryFiles
{
    /// <summary>The config file that holds the remotes, or null. In a worktree or submodule .git is a file naming the real git folder.</summary>
    public static string? FindGitConfig(string repositoryRoot)
    {
        var dotGit = Path.Combine(repositoryRoot, ".git");
        string? gitDirectory = null;
        if (Directory.Exists(dotGit))
        {
            gitDirectory = dotGit;
        }
        else if (File.Exists(dotGit))
        {
            foreach (var line in File.ReadAllLines(dotGit))
            {
                if (line.StartsWith("gitdir:", StringComparison.Ordinal))
                {
                    gitDirectory = Path.GetFullPath(Path.Combine(repositoryRoot, line.Substring("gitdir:".Length).Trim()));
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
            gitDirectory = Path.GetFullPath(Path.Combine(gitDirectory, File.ReadAllText(commonDir).Trim()));
        }

        var config = Path.Combine(gitDirectory, "config");
        return File.Exists(config) ? config : null;
    }

    public static LockfileKind FindLockfile(string packageDirectory)
    {
        if (File.Exists(Path.Combine(packageDirectory, "npm-shrinkwrap.json")))
        {
            return LockfileKind.Shrinkwrap;
        }

        return File.Exists(Path.Combine(packageDirectory, "package-lock.json")) ? LockfileKind.PackageLock : LockfileKind.None;
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
