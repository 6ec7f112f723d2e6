using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

[TestClass]
public sealed class WorktreeTests
{
    /// <summary>
    /// In a linked worktree .git is a file; the repository root is the worktree's folder, and the origin
    /// remote lives in the main repository's config (found through "commondir").
    /// </summary>
    [TestMethod]
    public void LinkedWorktree_GeneratesAtItsRoot_WithTheOwnerFromTheSharedConfig()
    {
        using var repo = new ConsumerRepository("https://github.com/Worktree-Org/wt-repo.git");
        repo.AddProject("", "{\n  \"name\": \"wt-package\",\n  \"version\": \"1.0.0\"\n}\n");
        repo.Git("-c", "user.email=t@example.com", "-c", "user.name=t", "add", "-A");
        repo.Git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "initial");
        var worktree = Path.Combine(Path.GetDirectoryName(repo.Root)!, Path.GetFileName(repo.Root) + "-wt");
        repo.Git("worktree", "add", "-q", worktree);
        try
        {
            Assert.IsTrue(File.Exists(Path.Combine(worktree, ".git")), ".git is a file in a worktree");
            var result = repo.DotnetIn(worktree, false, "build");
            ConsumerRepository.AssertSucceeded(result);
            var workflow = File.ReadAllText(Path.Combine(worktree, ".github", "workflows", "publish.yml"));
            StringAssert.Contains(workflow, "owner Worktree-Org, repository wt-repo");
            StringAssert.Contains(File.ReadAllText(Path.Combine(worktree, "package.json")), "git+https://github.com/Worktree-Org/wt-repo.git");
            Assert.IsFalse(File.Exists(repo.WorkflowPath), "nothing is written in the main checkout");
        }
        finally
        {
            Directory.Delete(worktree, recursive: true);
        }
    }
}
