using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// pnpm, Yarn and Bun repositories built with the packed package: the workflow installs with that manager's frozen
/// lockfile at the workspace root, packs with it and publishes the tarball with npm (issue #12, "Done when").
/// Whether such a workflow really publishes is the RunsForReal tests' question; here the build and its inputs are.
/// </summary>
[TestClass]
public sealed class PackageManagerTests
{
    [TestMethod]
    [DataRow("pnpm", "pnpm-lock.yaml", "pnpm@10.18.3", "npm install -g --no-audit --no-fund pnpm@10.18.3", "pnpm install --frozen-lockfile", "pnpm pack --pack-destination")]
    [DataRow("yarn-berry", "yarn.lock;.yarnrc.yml", "yarn@4.10.3", "npm install -g --no-audit --no-fund @yarnpkg/cli-dist@4.10.3", "yarn install --immutable", "yarn pack --out")]
    [DataRow("yarn-classic", "yarn.lock", "yarn@1.22.22", "npm install -g --no-audit --no-fund yarn@1.22.22", "yarn install --frozen-lockfile --non-interactive", "yarn pack --filename")]
    [DataRow("bun", "bun.lock", "bun@1.4.4", "npm install -g --no-audit --no-fund bun@1.4.4", "bun install --frozen-lockfile", "bun pm pack --destination")]
    public void RepositoryWithAnotherManager_GetsThatManagersWorkflow(string name, string lockfiles, string packageManager, string setup, string install, string pack)
    {
        using var repo = new ConsumerRepository();
        repo.AddProject("", $"{{\n  \"name\": \"hello-npm\",\n  \"version\": \"1.2.0\",\n  \"packageManager\": \"{packageManager}\",\n  \"scripts\": {{ \"test\": \"node --test\" }}\n}}\n");
        foreach (var lockfile in lockfiles.Split(';'))
        {
            repo.Write(lockfile, "# " + name + "\n");
        }

        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        var workflow = File.ReadAllText(repo.WorkflowPath);
        StringAssert.Contains(workflow, "run: " + setup + "\n");
        StringAssert.Contains(workflow, "run: " + install + "\n");
        StringAssert.Contains(workflow, pack + " \"$RUNNER_TEMP/trustedpublish-pack");
        StringAssert.Contains(workflow, "run: npm publish \"$TARBALL\" --tag \"$DIST_TAG\" --registry https://registry.npmjs.org/\n");
        Assert.IsFalse(workflow.Contains("npm ci", StringComparison.Ordinal), name);
        NodeJudge.AssertWorkflowsClean(repo.WorkflowPath);
        ConsumerRepository.AssertSucceeded(repo.DotnetCI("build"));
    }

    [TestMethod]
    public void PnpmWorkspace_InstallsAtTheRoot_AndFollowsTheRootsPackageManager()
    {
        using var repo = new ConsumerRepository();
        repo.Write("package.json", "{\n  \"private\": true,\n  \"packageManager\": \"pnpm@10.18.3\"\n}\n");
        repo.Write("pnpm-workspace.yaml", "packages:\n  - \"packages/*\"\n");
        repo.Write("pnpm-lock.yaml", "lockfileVersion: '9.0'\n");
        repo.AddProject("packages/widget", "{\n  \"name\": \"@acme/widget\",\n  \"version\": \"0.1.0\",\n  \"dependencies\": { \"@acme/core\": \"workspace:^\" },\n  \"scripts\": { \"build\": \"tsc -b\" }\n}\n");

        ConsumerRepository.AssertSucceeded(repo.Dotnet("build", "packages/widget/widget.csproj"));
        var workflow = File.ReadAllText(repo.WorkflowPath);
        StringAssert.Contains(workflow, "      - name: Install dependencies\n        working-directory: \".\"\n        run: pnpm install --frozen-lockfile\n");
        StringAssert.Contains(workflow, "        working-directory: \"packages/widget\"\n");
        StringAssert.Contains(workflow, "run: pnpm run build\n");
        StringAssert.Contains(workflow, "npm publish \"$TARBALL\" --tag \"$DIST_TAG\" --access public --registry https://registry.npmjs.org/\n");
        NodeJudge.AssertWorkflowsClean(repo.WorkflowPath);
        StringAssert.Contains(repo.Read("packages/widget/package.json"), "\"directory\": \"packages/widget\"");
        Assert.AreEqual("{\n  \"private\": true,\n  \"packageManager\": \"pnpm@10.18.3\"\n}\n", repo.Read("package.json"), "the workspace root's package.json is never patched");
        ConsumerRepository.AssertSucceeded(repo.DotnetCI("build", "packages/widget/widget.csproj"));

        // The root's package.json is an input of the up-to-date check: a new pnpm version there regenerates.
        repo.Write("package.json", "{\n  \"private\": true,\n  \"packageManager\": \"pnpm@10.20.0\"\n}\n");
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build", "packages/widget/widget.csproj"));
        StringAssert.Contains(File.ReadAllText(repo.WorkflowPath), "run: npm install -g --no-audit --no-fund pnpm@10.20.0\n");

        // So are the lockfile and workspace files: without pnpm's, the package folder is an npm package of its own, and
        // npm would publish its workspace: range as written (TPB037), so the workflow is left as it was.
        var before = File.ReadAllText(repo.WorkflowPath);
        File.Delete(repo.Path_("pnpm-lock.yaml"));
        File.Delete(repo.Path_("pnpm-workspace.yaml"));
        repo.Write("package.json", "{\n  \"private\": true\n}\n");
        ConsumerRepository.AssertError(repo.Dotnet("build", "packages/widget/widget.csproj"), "TPB037", "packages/widget/package.json");
        Assert.AreEqual(before, File.ReadAllText(repo.WorkflowPath));
    }
}
