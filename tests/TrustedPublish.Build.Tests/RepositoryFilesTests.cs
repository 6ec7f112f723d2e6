using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.IO;
using TrustedPublish.Build.Model;

namespace TrustedPublish.Build.Tests;

[TestClass]
public sealed class RepositoryFilesTests
{
    private static string Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [TestMethod]
    public void GitConfig_InAPlainRepository_IsInTheGitFolder()
    {
        var root = TestPaths.NewTempFolder("git");
        var config = Write(Path.Combine(root, ".git", "config"), "[remote \"origin\"]\n\turl = git@github.com:Acme-Org/widget.git\n");
        Assert.AreEqual(config, RepositoryFiles.FindGitConfig(root));
    }

    [TestMethod]
    public void GitConfig_InALinkedWorktree_IsTheMainRepositorysThroughCommondir()
    {
        var main = TestPaths.NewTempFolder("main");
        var config = Write(Path.Combine(main, ".git", "config"), "[remote \"origin\"]\n\turl = https://github.com/Acme-Org/widget\n");
        Write(Path.Combine(main, ".git", "worktrees", "wt", "commondir"), "../..\n");
        var worktree = TestPaths.NewTempFolder("wt");
        Write(Path.Combine(worktree, ".git"), "gitdir: " + Path.Combine(main, ".git", "worktrees", "wt") + "\n");
        Assert.AreEqual(Path.GetFullPath(config), RepositoryFiles.FindGitConfig(worktree));
        Assert.AreEqual("Acme-Org/widget", GitHubRepository.TryParseUrl(GitHubRepository.ReadOriginUrl(File.ReadAllText(RepositoryFiles.FindGitConfig(worktree)!)))!.ToString());
    }

    [TestMethod]
    public void GitConfig_InASubmodule_IsUnderTheSuperprojectsModulesFolder()
    {
        var super = TestPaths.NewTempFolder("super");
        var config = Write(Path.Combine(super, ".git", "modules", "sub", "config"), "[remote \"origin\"]\n\turl = https://github.com/Acme-Org/sub.git\n");
        var sub = Path.Combine(super, "sub");
        Write(Path.Combine(sub, ".git"), "gitdir: ../.git/modules/sub\n");
        Assert.AreEqual(Path.GetFullPath(config), RepositoryFiles.FindGitConfig(sub));
    }

    [TestMethod]
    public void RelativePath_InsideAndOutside()
    {
        var root = TestPaths.NewTempFolder("rel");
        Assert.AreEqual("", RepositoryFiles.RelativePath(root, root + Path.DirectorySeparatorChar));
        Assert.AreEqual("packages/widget", RepositoryFiles.RelativePath(root, Path.Combine(root, "packages", "widget")));
        Assert.IsNull(RepositoryFiles.RelativePath(root, Path.GetTempPath()));
    }
}
