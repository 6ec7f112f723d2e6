using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using static TrustedPublish.Build.Tests.RuleHarness;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// For every rule: a fixture that triggers it (code, file, line and column checked) and a near-identical
/// one that does not. Each fixture changes one thing in a correct repository.
/// </summary>
[TestClass]
public sealed class RuleTests
{
    private sealed record Case(string Expected, Action<RuleHarness> Trigger, Action<RuleHarness> NearMiss);

    private static string Publish(string from, string to) => Replace(GoodWorkflow, from, to);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["TPB023 repository.url case differs"] = new("TPB023 package.json:6:12",
            h => h.PackageJsonText = Replace(RuleHarness.PackageJson, "Acme-Org/widget.git", "acme-org/widget.git"),
            h => h.PackageJsonText = Replace(RuleHarness.PackageJson, "git+https://github.com/Acme-Org/widget.git", "https://github.com/Acme-Org/widget")),
        ["TPB024 provenance forced"] = new("TPB024 package.json:10:19",
            h => h.PackageJsonText = Replace(RuleHarness.PackageJson, "\"access\": \"public\"", "\"access\": \"public\",\n    \"provenance\": true"),
            h => h.PackageJsonText = Replace(RuleHarness.PackageJson, "\"access\": \"public\"", "\"access\": \"public\",\n    \"provenance\": false")),
        ["TPB025 scoped without public access"] = new("TPB025 package.json:2:11",
            h => { h.PackageJsonText = Replace(RuleHarness.PackageJson, "\"access\": \"public\"", "\"tag\": \"latest\""); h.Workflows["publish.yml"] = Publish("npm publish --access public", "npm publish"); },
            h => h.PackageJsonText = Replace(RuleHarness.PackageJson, "\"access\": \"public\"", "\"tag\": \"latest\"")),
        ["TPB026 prerelease without tag"] = new("TPB026 package.json:3:14",
            h => h.PackageJsonText = Replace(RuleHarness.PackageJson, "1.0.0", "1.1.0-beta.1"),
            h => { h.PackageJsonText = Replace(RuleHarness.PackageJson, "1.0.0", "1.1.0-beta.1"); h.Workflows["publish.yml"] = Publish("npm publish --access public", "npm publish --access public --tag beta"); }),
        ["TPB027 name differs from the property"] = new("TPB027 package.json:2:11",
            h => h.Configure = i => i.PackageName = "@acme/gadget",
            h => h.Configure = i => i.PackageName = "@acme/widget"),
        ["TPB028 the .NET project beside package.json would be packed"] = new("TPB028 package.json:1:1",
            h => h.PackageFiles = DotNetBeside(),
            h => { h.PackageFiles = DotNetBeside(); h.IgnoreTexts[".npmignore"] = "bin/\nobj/\n*.csproj\nnuget.config\n"; }),
        ["TPB028 the files list takes the project in"] = new("TPB028 package.json:8:12",
            h => { h.PackageJsonText = WithFiles("\"index.js\", \"*.csproj\""); h.PackageFiles = DotNetBeside(); },
            h => { h.PackageJsonText = WithFiles("\"index.js\""); h.PackageFiles = DotNetBeside(); }),
        ["TPB060 scope registry elsewhere"] = new("TPB060 .npmrc:1:1",
            h => h.Npmrcs[".npmrc"] = "@acme:registry=https://npm.pkg.github.com\n",
            h => h.Npmrcs[".npmrc"] = "@other:registry=https://npm.pkg.github.com\n"),
        ["TPB061 registry elsewhere"] = new("TPB061 .npmrc:2:1",
            h => h.Npmrcs[".npmrc"] = "save-exact=true\nregistry=https://mirror.example.com/\n",
            h => h.Npmrcs[".npmrc"] = "save-exact=true\nregistry=https://registry.npmjs.org/\n"),
        ["TPB062 token placeholder"] = new("TPB062 .npmrc:1:1",
            h => h.Npmrcs[".npmrc"] = "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n",
            h => h.Npmrcs[".npmrc"] = "//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}\n"),
        ["TPB063 literal token"] = new("TPB063 .npmrc:1:3",
            h => h.Npmrcs[".npmrc"] = "  //registry.npmjs.org/:_authToken=npm_SECRETVALUE123\n",
            h => h.Npmrcs[".npmrc"] = "  ; //registry.npmjs.org/:_authToken=npm_SECRETVALUE123\n"),
        ["TPB062 _auth placeholder"] = new("TPB062 .npmrc:1:1",
            h => h.Npmrcs[".npmrc"] = "//registry.npmjs.org/:_auth=${NPM_AUTH}\n",
            h => h.Npmrcs[".npmrc"] = "//npm.pkg.github.com/:_auth=${NPM_AUTH}\n"),
        ["TPB062 _password placeholder"] = new("TPB062 .npmrc:1:1",
            h => h.Npmrcs[".npmrc"] = "//registry.npmjs.org/:_password=${NPM_PASSWORD}\n",
            h => h.Npmrcs[".npmrc"] = "//npm.pkg.github.com/:_password=${NPM_PASSWORD}\n"),
        ["TPB063 literal _auth"] = new("TPB063 .npmrc:1:1",
            h => h.Npmrcs[".npmrc"] = "//registry.npmjs.org/:_auth=dXNlcjpwYXNz\n",
            h => h.Npmrcs[".npmrc"] = "//registry.npmjs.org/:_authority=dXNlcjpwYXNz\n"),
        ["TPB063 literal _auth for the default registry"] = new("TPB063 .npmrc:1:1",
            h => h.Npmrcs[".npmrc"] = "_auth=dXNlcjpwYXNz\n",
            h => h.Npmrcs[".npmrc"] = "; _auth=dXNlcjpwYXNz\n"),
        ["TPB063 literal _password"] = new("TPB063 .npmrc:2:1",
            h => h.Npmrcs[".npmrc"] = "//registry.npmjs.org/:username=me\n//registry.npmjs.org/:_password=c2VjcmV0\n",
            h => h.Npmrcs[".npmrc"] = "//registry.npmjs.org/:username=me\n//registry.npmjs.org/:_password_hint=c2VjcmV0\n"),
        ["TPB070 token in the publish step's env"] = new("TPB070 publish.yml:21:11",
            h => h.Workflows["publish.yml"] = Publish("run: npm publish --access public", "run: npm publish --access public\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}"),
            h => h.Workflows["publish.yml"] = Publish("run: npm publish --access public", "run: npm publish --access public\n        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}")),
        ["TPB071 token written to .npmrc"] = new("TPB071 publish.yml:18:42",
            h => h.Workflows["publish.yml"] = Publish("- run: npm ci", "- run: echo \"//registry.npmjs.org/:_authToken=$T\" > .npmrc\n      - run: npm ci"),
            h => h.Workflows["publish.yml"] = Publish("- run: npm ci", "- run: echo \"registry=https://registry.npmjs.org/\" > .npmrc\n      - run: npm ci")),
        ["TPB070 Yarn's token variable"] = new("TPB070 publish.yml:21:11",
            h => h.Workflows["publish.yml"] = Publish("run: npm publish --access public", "run: npm publish --access public\n        env:\n          YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}"),
            h => h.Workflows["publish.yml"] = Publish("run: npm publish --access public", "run: npm publish --access public\n        env:\n          YARN_ENABLE_IMMUTABLE_INSTALLS: 'true'")),
        ["TPB070 a token, not changesets' empty NPM_TOKEN"] = new("TPB070 publish.yml:21:11",
            h => h.Workflows["publish.yml"] = Publish("run: npm publish --access public", "run: npm publish --access public\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}"),
            h => h.Workflows["publish.yml"] = Publish("run: npm publish --access public", "run: npm publish --access public\n        env:\n          NPM_TOKEN: ''")),
        ["TPB071 npm config set _authToken"] = new("TPB071 publish.yml:18:51",
            h => h.Workflows["publish.yml"] = Publish("- run: npm ci", "- run: npm config set //registry.npmjs.org/:_authToken=$T\n      - run: npm ci"),
            h => h.Workflows["publish.yml"] = Publish("- run: npm ci", "- run: npm config set registry https://registry.npmjs.org/\n      - run: npm ci")),
        ["TPB071 yarn config set npmAuthToken"] = new("TPB071 publish.yml:18:14",
            h => h.Workflows["publish.yml"] = Publish("- run: npm ci", "- run: yarn config set npmAuthToken $T\n      - run: npm ci"),
            h => h.Workflows["publish.yml"] = Publish("- run: npm ci", "- run: yarn config set npmRegistryServer https://registry.npmjs.org\n      - run: npm ci")),
        ["TPB071 heredoc into .npmrc, not a comment"] = new("TPB071 publish.yml:20:33",
            h => h.Workflows["publish.yml"] = Publish("- run: npm ci", "- run: |\n          cat <<EOF > ~/.npmrc\n          //registry.npmjs.org/:_authToken=$T\n          EOF\n      - run: npm ci"),
            h => h.Workflows["publish.yml"] = Publish("- run: npm ci", "- run: |\n          # no more //registry.npmjs.org/:_authToken=$T here\n          echo ready\n          echo done\n      - run: npm ci")),
        ["TPB071 npm config set with the key and the token as two words"] = new("TPB071 publish.yml:18:51",
            h => h.Workflows["publish.yml"] = Publish("- run: npm ci", "- run: npm config set //registry.npmjs.org/:_authToken $T\n      - run: npm ci"),
            h => h.Workflows["publish.yml"] = Publish("- run: npm ci", "- run: npm config get //registry.npmjs.org/:_authToken $T\n      - run: npm ci")),
        ["TPB071 npm set _authToken"] = new("TPB071 publish.yml:18:44",
            h => h.Workflows["publish.yml"] = Publish("- run: npm ci", "- run: npm set //registry.npmjs.org/:_authToken=$T\n      - run: npm ci"),
            h => h.Workflows["publish.yml"] = Publish("- run: npm ci", "- run: npm get //registry.npmjs.org/:_authToken=$T\n      - run: npm ci")),
        ["TPB071 changesets/action before v1.7.0 writes NPM_TOKEN, empty or not"] = new("TPB071 publish.yml:19:15",
            h => h.Workflows["publish.yml"] = Publish("- run: npm publish --access public", "- uses: changesets/action@v1.6.0\n        with:\n          publish: npm publish --access public"),
            h => h.Workflows["publish.yml"] = Publish("- run: npm publish --access public", "- uses: changesets/action@v1.6.0\n        with:\n          publish: npm publish --access public\n        env:\n          NPM_TOKEN: ''")),
        ["TPB071 changesets/action pinned by SHA, release in the comment"] = new("TPB071 publish.yml:19:15",
            h => h.Workflows["publish.yml"] = Publish("- run: npm publish --access public", "- uses: changesets/action@" + ChangesetsSha + " # v1.6.0\n        with:\n          publish: npm publish --access public"),
            h => h.Workflows["publish.yml"] = Publish("- run: npm publish --access public", "- uses: changesets/action@" + ChangesetsSha + " # v1.7.0\n        with:\n          publish: npm publish --access public")),
        ["TPB075 lts/iron is Node 20, lts/krypton is Node 24"] = new("TPB075 publish.yml:19:14",
            h => h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: 'lts/iron'"),
            h => h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: 'lts/krypton'")),
        ["TPB075 pnpm 10 hands the tarball to an old npm, pnpm 11.1.3 does not"] = new("TPB075 publish.yml:19:14",
            h => { h.PackageJsonText = WithPackageManager("pnpm@10.18.3"); h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '22'").Replace("npm publish", "pnpm publish", StringComparison.Ordinal); },
            h => { h.PackageJsonText = WithPackageManager("pnpm@11.1.3"); h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '22'").Replace("npm publish", "pnpm publish", StringComparison.Ordinal); }),
        ["TPB075 pnpm's version from pnpm/action-setup, none when it is unknown"] = new("TPB075 publish.yml:22:14",
            h => h.Workflows["publish.yml"] = PnpmSetup("\n        with:\n          version: 10"),
            h => h.Workflows["publish.yml"] = PnpmSetup("")),
        ["TPB075 semantic-release brings its own npm, Node still counts"] = new("TPB075 publish.yml:19:14",
            h => h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '20'").Replace("npm publish --access public", "npx semantic-release", StringComparison.Ordinal),
            h => h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '22'").Replace("npm publish --access public", "npx semantic-release", StringComparison.Ordinal)),
        ["TPB075 changeset publish in a pnpm 10 workspace, not where the manager is unknown"] = new("TPB075 publish.yml:19:14",
            h => { h.PackageJsonText = WithPackageManager("pnpm@10.18.3"); h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '22'").Replace("npm publish --access public", "pnpm changeset publish", StringComparison.Ordinal); },
            h => { h.Configure = i => i.PackageManagerFolders = TestInputs.Folders((i.PackageDirectory, new string[0], null)); h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '22'").Replace("npm publish --access public", "pnpm changeset publish", StringComparison.Ordinal); }),
        ["TPB075 changeset publish beside package-lock.json, not in a Yarn workspace of unknown version"] = new("TPB075 publish.yml:19:14",
            h => { h.Configure = i => i.PackageManagerFolders = TestInputs.Folders((i.PackageDirectory, new[] { "package-lock.json" }, null)); h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '22'").Replace("npm publish --access public", "npx changeset publish", StringComparison.Ordinal); },
            h => { h.Configure = i => i.PackageManagerFolders = TestInputs.Folders((i.PackageDirectory, new[] { "yarn.lock" }, null)); h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '22'").Replace("npm publish --access public", "npx changeset publish", StringComparison.Ordinal); }),
        ["TPB084 Yarn classic's yarn publish"] = new("TPB084 publish.yml:19:14",
            h => h.Workflows["publish.yml"] = Publish("npm publish --access public", "yarn publish --access public"),
            h => h.Workflows["publish.yml"] = Publish("npm publish --access public", "yarn npm publish --access public")),
        ["TPB084 bun publish"] = new("TPB084 publish.yml:19:14",
            h => h.Workflows["publish.yml"] = Publish("npm publish --access public", "bun publish --access public"),
            h => h.Workflows["publish.yml"] = Publish("npm publish --access public", "bun pm pack --destination ./out && npm publish ./out/*.tgz --access public")),
        ["TPB084 Yarn older than 4.10.0, not 4.10 on an old npm"] = new("TPB084 publish.yml:19:14",
            h => h.Workflows["publish.yml"] = YarnBerry("4.9.4"),
            h => h.Workflows["publish.yml"] = YarnBerry("4.10.3")),
        ["TPB084 changeset publish in a Yarn classic workspace"] = new("TPB084 publish.yml:19:14",
            h => { h.PackageJsonText = WithPackageManager("yarn@1.22.22"); h.Workflows["publish.yml"] = Publish("npm publish --access public", "yarn changeset publish"); },
            h => { h.PackageJsonText = WithPackageManager("yarn@4.10.3"); h.Workflows["publish.yml"] = Publish("npm publish --access public", "yarn changeset publish"); }),
        ["TPB085 pnpm 11.1.2 sends setup-node's placeholder"] = new("TPB085 publish.yml:20:14",
            h => { h.PackageJsonText = WithPackageManager("pnpm@11.1.2"); h.Workflows["publish.yml"] = WithRegistryUrl("pnpm publish --access public"); },
            h => { h.PackageJsonText = WithPackageManager("pnpm@11.1.3"); h.Workflows["publish.yml"] = WithRegistryUrl("pnpm publish --access public"); }),
        ["TPB075 the runner's own Node, not Node from mise"] = new("TPB075 publish.yml:16:14",
            h => h.Workflows["publish.yml"] = Publish("      - uses: actions/setup-node@v4\n        with:\n          node-version: '24'\n", ""),
            h => h.Workflows["publish.yml"] = Publish("      - uses: actions/setup-node@v4\n        with:\n          node-version: '24'\n", "      - uses: jdx/mise-action@v2\n")),
        ["TPB072 publish action with a token"] = new("TPB072 publish.yml:22:11",
            h => h.Workflows["publish.yml"] = Publish("- run: npm publish --access public", "- uses: JS-DevTools/npm-publish@v3\n        with:\n          access: public\n          token: ${{ secrets.NPM_TOKEN }}"),
            h => h.Workflows["publish.yml"] = Publish("- run: npm publish --access public", "- uses: JS-DevTools/npm-publish@v3\n        with:\n          access: public")),
        ["TPB073 no id-token"] = new("TPB073 publish.yml:10:5",
            h => h.Workflows["publish.yml"] = Publish("      id-token: write\n", ""),
            h => h.Workflows["publish.yml"] = Publish("    permissions:\n      contents: read\n      id-token: write\n", "").Replace("permissions:\n  contents: read", "permissions:\n  contents: read\n  id-token: write", StringComparison.Ordinal)),
        ["TPB074 self-hosted runner"] = new("TPB074 publish.yml:9:14",
            h => h.Workflows["publish.yml"] = Publish("runs-on: ubuntu-latest", "runs-on: [self-hosted, linux]"),
            h => h.Workflows["publish.yml"] = Publish("runs-on: ubuntu-latest", "runs-on: [ubuntu-24.04]")),
        ["TPB075 npm too old"] = new("TPB075 publish.yml:19:14",
            h => h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '22'"),
            h => h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '22'").Replace("- run: npm ci", "- run: npm install -g npm@^11.5.1\n      - run: npm ci", StringComparison.Ordinal)),
        ["TPB075 Node too old for trusted publishing, npm upgraded"] = new("TPB075 publish.yml:20:14",
            h => h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '22.10'").Replace("- run: npm ci", "- run: npm install -g npm@^11.5.1\n      - run: npm ci", StringComparison.Ordinal),
            h => h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '22.14'").Replace("- run: npm ci", "- run: npm install -g npm@^11.5.1\n      - run: npm ci", StringComparison.Ordinal)),
        ["TPB076 npm@latest on old Node"] = new("TPB076 publish.yml:18:14",
            h => h.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '24.4'").Replace("- run: npm ci", "- run: npm install -g npm@latest\n      - run: npm ci", StringComparison.Ordinal),
            h => h.Workflows["publish.yml"] = Publish("- run: npm ci", "- run: npm install -g npm@latest\n      - run: npm ci")),
        ["TPB077 reusable workflow publishes"] = new("TPB077 publish.yml:2:1",
            h => h.Workflows["publish.yml"] = Publish("on:\n  push:\n    tags: ['v*']", "on:\n  workflow_call:"),
            h => h.Workflows["publish.yml"] = Publish("on:\n  push:\n    tags: ['v*']", "on:\n  workflow_dispatch:")),
        ["TPB078 another workflow publishes"] = new("TPB078 release.yml:19:14",
            h => { h.Workflows.Remove("publish.yml"); h.Workflows["release.yml"] = GoodWorkflow; h.HandMaintained = false; },
            h => { h.Workflows["release.yml"] = Replace(GoodWorkflow, "run: npm publish --access public", "run: npm test"); h.HandMaintained = false; }),
        ["TPB079 the configured workflow does not publish"] = new("TPB079 publish.yml:1:1",
            h => h.Workflows["publish.yml"] = Publish("run: npm publish --access public", "run: npm test"),
            h => h.Workflows["publish.yml"] = Publish("run: npm publish --access public", "run: npm test && npm publish --access public")),
        ["TPB080 workflow that is not YAML"] = new("TPB080 ci.yml:1:1",
            h => h.Workflows["ci.yml"] = "jobs:\n  release:\n    steps: [\n      run: npm publish\n",
            h => h.Workflows["ci.yml"] = "jobs:\n  release:\n    steps: []\n# npm publish comes later\n"),
        ["TPB081 --provenance forced"] = new("TPB081 publish.yml:19:42",
            h => h.Workflows["publish.yml"] = Publish("npm publish --access public", "npm publish --access public --provenance"),
            h => h.Workflows["publish.yml"] = Publish("npm publish --access public", "npm publish --access public --provenance=false")),
        ["TPB081 yarn npm publish --provenance"] = new("TPB081 publish.yml:19:47",
            h => h.Workflows["publish.yml"] = Publish("npm publish --access public", "yarn npm publish --access public --provenance"),
            h => h.Workflows["publish.yml"] = Publish("npm publish --access public", "yarn npm publish --access public")),
        ["TPB082 leftover generated workflow"] = new("TPB082 publish.yml:1:1",
            h => { h.Workflows["publish.yml"] = h.GeneratedWorkflow(); h.Configure = i => i.WorkflowFile = "release.yml"; },
            h => h.Workflows["publish.yml"] = h.GeneratedWorkflow()),
    };

    /// <summary>A package.json with corepack's packageManager field.</summary>
    private static string WithPackageManager(string packageManager) => Replace(RuleHarness.PackageJson, "\"version\": \"1.0.0\",", "\"version\": \"1.0.0\",\n  \"packageManager\": \"" + packageManager + "\",");

    private const string ChangesetsSha = "e0145edc7d9d8679003495b11f87bd8ef63c0cba";

    /// <summary>pnpm set up by pnpm/action-setup (with the given inputs) on Node 22 with its own npm, publishing with pnpm publish.</summary>
    private static string PnpmSetup(string inputs) => Publish("      - uses: actions/setup-node@v4\n        with:\n          node-version: '24'\n", "      - uses: pnpm/action-setup@v4" + inputs + "\n      - uses: actions/setup-node@v4\n        with:\n          node-version: '22'\n")
        .Replace("npm publish", "pnpm publish", StringComparison.Ordinal);

    /// <summary>Yarn Berry of that version through corepack on Node 22 with its own npm, publishing with yarn npm publish.</summary>
    private static string YarnBerry(string version) => Publish("node-version: '24'", "node-version: '22'")
        .Replace("- run: npm ci", "- run: corepack enable && corepack prepare yarn@" + version + " --activate && yarn install --immutable", StringComparison.Ordinal)
        .Replace("npm publish --access public", "yarn npm publish --access public", StringComparison.Ordinal);

    /// <summary>setup-node with registry-url for npm's registry (it writes an .npmrc with a NODE_AUTH_TOKEN placeholder), and that publish command.</summary>
    private static string WithRegistryUrl(string publish) => Publish("node-version: '24'", "node-version: '24'\n          registry-url: https://registry.npmjs.org")
        .Replace("npm publish --access public", publish, StringComparison.Ordinal);

    /// <summary>A package folder with a built .NET project beside package.json.</summary>
    private static List<string> DotNetBeside() => new() { "index.js", "README.md", "widget.csproj", "obj/project.assets.json", "bin/Debug/net10.0/widget.dll" };

    private static string WithFiles(string entries) => Replace(RuleHarness.PackageJson, "\"publishConfig\"", "\"files\": [" + entries + "],\n  \"publishConfig\"");

    /// <summary>A workflow that is not the registered one: whatever it publishes gets TPB073 (no permissions), TPB075 (no setup-node) and TPB078.</summary>
    private static string DocsWorkflow(string steps) => "name: Docs\non:\n  push:\n    branches: [main]\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: " + steps + "\n";

    private static string WithScripts(string scripts) => Replace(RuleHarness.PackageJson, "\"publishConfig\"", "\"scripts\": {" + scripts + "},\n  \"publishConfig\"");

    private sealed record Recognition(string QuietExpected, Action<RuleHarness> Quiet, string FiresExpected, Action<RuleHarness> Fires);

    /// <summary>
    /// Publishing found in real repositories' text that is not a publish command, each beside a near-identical
    /// workflow that does publish: the rules fire on the second at the command's position, and not on the first.
    /// </summary>
    private static readonly Dictionary<string, Recognition> PublishRecognition = new()
    {
        ["a script named publish:docs that builds docs"] = new("",
            h => { h.PackageJsonText = WithScripts("\"publish:docs\": \"typedoc\""); h.Workflows["docs.yml"] = DocsWorkflow("npm run publish:docs"); },
            "TPB073 docs.yml:6:3 | TPB075 docs.yml:10:14 | TPB078 docs.yml:10:14",
            h => { h.PackageJsonText = WithScripts("\"release\": \"npm publish\""); h.Workflows["docs.yml"] = DocsWorkflow("npm run release"); }),
        ["npm publish inside an echo"] = new("",
            h => h.Workflows["docs.yml"] = DocsWorkflow("echo \"then npm publish\""),
            "TPB073 docs.yml:6:3 | TPB075 docs.yml:10:29 | TPB078 docs.yml:10:29",
            h => h.Workflows["docs.yml"] = DocsWorkflow("echo \"then\" && npm publish")),
        ["npm publish in a comment and a heredoc"] = new("",
            h => h.Workflows["docs.yml"] = DocsWorkflow("|\n          # npm publish runs in publish.yml\n          cat <<EOF >> \"$GITHUB_STEP_SUMMARY\"\n          then npm publish\n          EOF"),
            "TPB073 docs.yml:6:3 | TPB075 docs.yml:15:11 | TPB078 docs.yml:15:11",
            h => h.Workflows["docs.yml"] = DocsWorkflow("|\n          # npm publish runs in publish.yml\n          cat <<EOF >> \"$GITHUB_STEP_SUMMARY\"\n          then npm publish\n          EOF\n          npm publish")),
    };

    public static IEnumerable<object[]> RecognitionNames() => PublishRecognition.Keys.Select(k => new object[] { k });

    [TestMethod]
    [DynamicData(nameof(RecognitionNames))]
    public void TextThatIsNotAPublishCommand_FiresNothing_TheCommandItselfDoes(string name)
    {
        var quiet = new RuleHarness();
        PublishRecognition[name].Quiet(quiet);
        Assert.AreEqual(PublishRecognition[name].QuietExpected, string.Join(" | ", quiet.Findings()), name);

        var fires = new RuleHarness();
        PublishRecognition[name].Fires(fires);
        Assert.AreEqual(PublishRecognition[name].FiresExpected, string.Join(" | ", fires.Findings()), name);
    }

    /// <summary>
    /// The file name changed from publish.yml to release.yml and the generated publish.yml stayed: TPB082 only, in a
    /// build (generation on) and in the doctor. The same workflow without its header is someone's copy: a publisher
    /// under the wrong name, found at its publish command, not at the npm publish in the preflight script's messages.
    /// </summary>
    [TestMethod]
    public void LeftoverGeneratedWorkflow_GivesOnlyTPB082_AHandCopyIsJudgedAtItsPublishCommand()
    {
        foreach (var handMaintained in new[] { true, false })
        {
            var leftover = new RuleHarness { HandMaintained = handMaintained };
            leftover.Workflows["publish.yml"] = leftover.GeneratedWorkflow();
            leftover.Configure = i => i.WorkflowFile = "release.yml";
            var diagnostic = leftover.Run().Single();
            Assert.AreEqual("TPB082", diagnostic.Code);
            StringAssert.Contains(diagnostic.Message, "'.github/workflows/publish.yml' was generated by TrustedPublish.Build from 'hello-npm.csproj' but is no longer the configured workflow ('.github/workflows/release.yml')");
        }

        var copy = new RuleHarness { HandMaintained = false };
        var generated = copy.GeneratedWorkflow();
        var withoutHeader = generated.Substring(generated.IndexOf('\n') + 1);
        copy.Workflows["publish.yml"] = withoutHeader;
        copy.Configure = i => i.WorkflowFile = "release.yml";
        var lines = withoutHeader.Split('\n');
        var publishLine = Array.FindIndex(lines, l => l.TrimStart().StartsWith("run: npm publish", StringComparison.Ordinal)) + 1;
        Assert.IsTrue(lines.Take(publishLine - 1).Any(l => l.Contains("npm publish", StringComparison.Ordinal)), "the preflight script mentions npm publish before the publish step");
        Assert.AreEqual($"TPB078 publish.yml:{publishLine}:14", string.Join(" | ", copy.Findings()));
    }

    /// <summary>Another project's generated workflow (another package of the repository) is that project's: not a leftover of this one.</summary>
    [TestMethod]
    public void GeneratedWorkflowOfAnotherProject_IsNotALeftover()
    {
        var other = WorkflowGeneratorTests.Generate("subfolder");
        Assert.AreEqual("packages/widget/widget.csproj", Workflow.WorkflowGenerator.ReadGeneratingProject(other));
        var harness = new RuleHarness { HandMaintained = false };
        harness.Workflows["widget.yml"] = other;
        Assert.AreEqual("", string.Join(" | ", harness.Findings()), "it publishes packages/widget, not this package");
    }

    /// <summary>An npm upgrade counts when it is a command (prefixes and option order as people write them), not when it is text.</summary>
    [TestMethod]
    [DataRow("sudo npm install --global npm@^11.5.1", "")]
    [DataRow("npm i npm@11.6.0 -g", "")]
    [DataRow("echo \"npm install -g npm@^11.5.1\"", "TPB075 publish.yml:20:14")]
    [DataRow("npm install npm@^11.5.1", "TPB075 publish.yml:20:14")]
    public void NpmUpgrade_IsReadAsACommand(string upgrade, string expected)
    {
        var harness = new RuleHarness();
        harness.Workflows["publish.yml"] = Publish("node-version: '24'", "node-version: '22'").Replace("- run: npm ci", "- run: " + upgrade + "\n      - run: npm ci", StringComparison.Ordinal);
        Assert.AreEqual(expected, string.Join(" | ", harness.Findings()), upgrade);
    }

    /// <summary>
    /// TPB025 is about a scoped package going out private by mistake. Restricted chosen anywhere (TrustedPublishAccess,
    /// publishConfig.access, the publish command) is a private package of a paid organization, never a finding; with
    /// nothing chosen and the settings public (the default), it is.
    /// </summary>
    [TestMethod]
    [DataRow("restricted", "\"access\": \"restricted\"", "npm publish", "")]
    [DataRow("restricted", "\"tag\": \"latest\"", "npm publish", "")]
    [DataRow("", "\"access\": \"restricted\"", "npm publish", "")]
    [DataRow("", "\"tag\": \"latest\"", "npm publish --access restricted", "")]
    [DataRow("", "\"tag\": \"latest\"", "npm publish --access=restricted", "")]
    [DataRow("", "\"tag\": \"latest\"", "npm publish", "TPB025 package.json:2:11")]
    [DataRow("public", "\"tag\": \"latest\"", "npm publish", "TPB025 package.json:2:11")]
    [DataRow("public", "\"access\": \"Public\"", "npm publish", "TPB025 package.json:2:11")]
    public void ScopedPackage_RestrictedChosenAnywhere_IsNoFinding_NothingChosen_IsTPB025(string access, string publishConfig, string publish, string expected)
    {
        var harness = new RuleHarness();
        harness.PackageJsonText = Replace(RuleHarness.PackageJson, "\"access\": \"public\"", publishConfig);
        harness.Workflows["publish.yml"] = Publish("npm publish --access public", publish);
        harness.Configure = i => i.Access = access;
        Assert.AreEqual(expected, string.Join(" | ", harness.Findings()), $"{access} / {publishConfig} / {publish}");
    }

    public static IEnumerable<object[]> CaseNames() => Cases.Keys.Select(k => new object[] { k });

    [TestMethod]
    public void CorrectRepository_HasNoFindings()
    {
        var harness = new RuleHarness();
        var good = new Rules.RepositoryFile("/repo/.github/workflows/publish.yml", ".github/workflows/publish.yml", GoodWorkflow);
        Assert.AreEqual(1, Rules.Workflows.PublishStepFinder.Find(Rules.Workflows.WorkflowDocument.Parse(good, out _)!).Count(), "the publish step is recognised");
        CollectionAssert.AreEqual(new string[0], harness.Findings());
        harness.HandMaintained = false;
        CollectionAssert.AreEqual(new string[0], harness.Findings());
    }

    [TestMethod]
    [DynamicData(nameof(CaseNames))]
    public void Rule_Triggered_ReportsItsCodeAtTheExactPosition(string name)
    {
        var harness = new RuleHarness();
        Cases[name].Trigger(harness);
        Assert.AreEqual(Cases[name].Expected, string.Join(" | ", harness.Findings()), name);
    }

    [TestMethod]
    [DynamicData(nameof(CaseNames))]
    public void Rule_NearIdenticalFixture_ReportsNothing(string name)
    {
        var harness = new RuleHarness();
        Cases[name].NearMiss(harness);
        Assert.AreEqual("", string.Join(" | ", harness.Findings()), name);
    }

    /// <summary>Every descriptor a rule raises, each variant of a code included, is what some triggering case reports.</summary>
    [TestMethod]
    public void EveryRuleDescriptor_HasATriggeringCase()
    {
        var covered = Cases.Values.SelectMany(c =>
        {
            var harness = new RuleHarness();
            c.Trigger(harness);
            return harness.Run().Select(d => d.Descriptor);
        }).Concat(NuGetRuleTests.TriggeredDescriptors()).ToHashSet();

        // TPB080 (unreadable workflow) and TPB083 (findings past the cap) are not rules' codes; TPB080 has a case here all
        // the same, TPB083 is tested with many findings in FindingsCapTests.
        foreach (var descriptor in Rules.RuleRunner.Rules.SelectMany(r => r.Raises))
        {
            Assert.IsTrue(covered.Contains(descriptor), $"{descriptor.Code} ({descriptor.MessageFormat}) has no triggering case");
        }
    }

    /// <summary>Run alone over every triggering case, each rule reports only the descriptors it declares.</summary>
    [TestMethod]
    public void EveryRule_RaisesOnlyWhatItDeclares()
    {
        foreach (var (name, c) in Cases)
        {
            var harness = new RuleHarness();
            c.Trigger(harness);
            var context = harness.Context();
            foreach (var rule in Rules.RuleRunner.Rules)
            {
                foreach (var finding in rule.Check(context))
                {
                    CollectionAssert.Contains(rule.Raises.ToList(), finding.Descriptor, $"{name}: {rule.GetType().Name} raised {finding.Code} without declaring it");
                }
            }
        }
    }

    /// <summary>changesets/action writes NPM_TOKEN into .npmrc before v1.7.0; which release a `uses:` names decides (TPB071).</summary>
    [TestMethod]
    [DataRow("v1.4.10", "TPB071 publish.yml:19:15")]
    [DataRow("v1.6", "TPB071 publish.yml:19:15")]
    [DataRow(ChangesetsSha + " # v1.6.0", "TPB071 publish.yml:19:15")]
    [DataRow(ChangesetsSha + "  # pin@v1.5.3", "TPB071 publish.yml:19:15")]
    [DataRow("v1", "")]
    [DataRow("v1.7.0", "")]
    [DataRow("v2.0.0", "")]
    [DataRow("main", "")]
    [DataRow(ChangesetsSha, "")]
    [DataRow(ChangesetsSha + " # latest", "")]
    public void ChangesetsAction_ReleaseItNames_DecidesWhetherItWritesTheToken(string reference, string expected)
    {
        var harness = new RuleHarness();
        harness.Workflows["publish.yml"] = Publish("- run: npm publish --access public", "- uses: changesets/action@" + reference + "\n        with:\n          publish: npm publish --access public");
        Assert.AreEqual(expected, string.Join(" | ", harness.Findings()), reference);
    }

    [TestMethod]
    [DataRow("//registry.npmjs.org/:_authToken=npm_SECRETVALUE123", "_authToken")]
    [DataRow("//registry.npmjs.org/:_auth=SECRETVALUE123", "_auth")]
    [DataRow("//npm.pkg.github.com/:_password=SECRETVALUE123", "_password")]
    [DataRow("_auth = \"SECRETVALUE123\"", "_auth")]
    public void LiteralCredential_IsNamedButNeverPrinted(string npmrc, string credential)
    {
        var harness = new RuleHarness();
        harness.Npmrcs[".npmrc"] = npmrc + "\n";
        var diagnostic = harness.Run().Single();
        Assert.AreEqual("TPB063", diagnostic.Code);
        StringAssert.Contains(diagnostic.Message, $"literal credential ({credential})");
        Assert.IsFalse(diagnostic.Message.Contains("SECRETVALUE", StringComparison.Ordinal), diagnostic.Message);
    }

    /// <summary>
    /// Builds skip the generated workflow when they run the rules; this is why that is safe. The generated
    /// workflow and patched package.json pass even the hand-maintained checks. The one exception is TPB024:
    /// provenance is forced by the contract's default TrustedPublishProvenance=true, and the printed
    /// registration explains it instead.
    /// </summary>
    [TestMethod]
    [DynamicData(nameof(WorkflowGeneratorTests.Configurations), typeof(WorkflowGeneratorTests))]
    public void GeneratedWorkflowAndPackageJson_PassEveryRule(string configuration)
    {
        var inputs = WorkflowGeneratorTests.InputsFor(configuration);
        var generated = TrustedPublishEngine.Run(inputs);
        Assert.AreEqual("", string.Join(" | ", generated.Diagnostics));
        var settings = generated.Settings!;
        inputs.PackageJson = generated.PackageJson!.Bytes;
        inputs.GenerateEnabled = false;
        inputs.Workflows = new[] { new Rules.RepositoryFile("/repo/" + settings.WorkflowPath, settings.WorkflowPath, generated.Workflow!) };
        var findings = TrustedPublishEngine.Diagnose(inputs).Diagnostics.Where(d => d.Code != "TPB024").Select(d => d.ToString());
        Assert.AreEqual("", string.Join(" | ", findings));
    }
}
