using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.PackageJson;
using TrustedPublish.Build.Rules;
using TrustedPublish.Build.Rules.Workflows;

namespace TrustedPublish.Build.Tests;

/// <summary>Which commands publish, decided from their words (and package.json scripts), and where the finder says they are.</summary>
[TestClass]
public sealed class PublishCommandsTests
{
    private static PackageScripts Scripts(string scriptsJson) =>
        new(PackageJsonDocument.Parse(Encoding.UTF8.GetBytes("{\"name\": \"x\", \"scripts\": " + scriptsJson + "}")).Document!);

    /// <summary>"publishes" / "publishes all workspaces" / "no", for the first publishing command of a script.</summary>
    private static string Verdict(string script, PackageScripts? scripts = null)
    {
        var match = ShellCommands.Read(script).Select(c => PublishCommands.Recognize(c, scripts)).FirstOrDefault(m => m != null);
        return match == null ? "no" : match.AllWorkspaces ? "publishes all workspaces" : "publishes";
    }

    [TestMethod]
    [DataRow("npm publish")]
    [DataRow("npm publish --access public --tag next")]
    [DataRow("npm --registry https://registry.npmjs.org/ publish")]
    [DataRow("npm -w packages/a --loglevel verbose publish")]
    [DataRow("npm pu")]
    [DataRow("npm publi ./widget-1.0.0.tgz")]
    [DataRow("npm stage publish")]
    [DataRow("/usr/local/bin/npm publish")]
    [DataRow("sudo -E npm publish")]
    [DataRow("NODE_ENV=production npm publish")]
    [DataRow("npm ci && npm test && npm publish")]
    [DataRow("if [[ $x ]]; then npm publish; fi")]
    [DataRow("pnpm publish --no-git-checks")]
    [DataRow("pnpm --filter @acme/widget publish")]
    [DataRow("yarn npm publish --tolerate-republish")]
    [DataRow("yarn publish --non-interactive")]
    [DataRow("bun publish")]
    [DataRow("npx npm@11 publish")]
    public void PublishCommands_Publish(string script)
    {
        Assert.AreEqual("publishes", Verdict(script), script);
    }

    [TestMethod]
    [DataRow("npm publish --workspaces")]
    [DataRow("npm publish -ws")]
    [DataRow("pnpm -r publish")]
    [DataRow("pnpm publish --recursive --access public")]
    [DataRow("pnpm recursive publish")]
    [DataRow("yarn workspaces foreach -A --topological npm publish")]
    [DataRow("yarn workspaces foreach --all -j 2 npm publish")]
    [DataRow("changeset publish")]
    [DataRow("npx changeset publish")]
    [DataRow("npx @changesets/cli@2 publish")]
    [DataRow("npm exec -- changeset publish")]
    [DataRow("npm x changeset publish")]
    [DataRow("pnpm exec changeset publish")]
    [DataRow("pnpm changeset publish")]
    [DataRow("yarn changeset publish")]
    [DataRow("semantic-release")]
    [DataRow("npx --yes semantic-release@24")]
    [DataRow("npx -p semantic-release -p @semantic-release/git semantic-release")]
    [DataRow("pnpm dlx semantic-release")]
    [DataRow("yarn dlx semantic-release")]
    [DataRow("bunx semantic-release")]
    [DataRow("./node_modules/.bin/semantic-release --no-ci")]
    [DataRow("lerna publish from-git --yes")]
    [DataRow("npx lerna publish")]
    public void MonorepoAndReleaseTools_PublishEveryWorkspace(string script)
    {
        Assert.AreEqual("publishes all workspaces", Verdict(script), script);
    }

    [TestMethod]
    [DataRow("npm publish --dry-run")]
    [DataRow("npm publish --dry-run=true")]
    [DataRow("npm_config_dry_run=true npm publish")]
    [DataRow("npx semantic-release --dry-run")]
    [DataRow("semantic-release -d")]
    [DataRow("echo npm publish")]
    [DataRow("echo \"then npm publish\"")]
    [DataRow("printf 'npm publish\\n'")]
    [DataRow("# npm publish")]
    [DataRow("npm test # then npm publish")]
    [DataRow("cat <<EOF\nnpm publish\nEOF")]
    [DataRow("npm p")]
    [DataRow("npm pack")]
    [DataRow("npm view x publish")]
    [DataRow("npm install publish")]
    [DataRow("npm run publish:docs")]
    [DataRow("npm")]
    [DataRow("pnpm install publish")]
    [DataRow("yarn npm info publish")]
    [DataRow("yarn")]
    [DataRow("bun test publish")]
    [DataRow("changeset version")]
    [DataRow("lerna version")]
    [DataRow("npx publish-please")]
    [DataRow("command -v npm publish")]
    [DataRow("git push && gh release create")]
    public void OtherCommands_DoNotPublish(string script)
    {
        Assert.AreEqual("no", Verdict(script), script);
    }

    [TestMethod]
    public void Scripts_PublishWhenTheirCommandPublishes()
    {
        var scripts = Scripts("{\"publish:docs\": \"typedoc\", \"build\": \"tsc\", \"prepublishOnly\": \"npm run build\", \"release\": \"npm run build && npm publish --access public\", \"ship\": \"changeset publish\"}");
        Assert.AreEqual("no", Verdict("npm run publish:docs", scripts));
        Assert.AreEqual("no", Verdict("npm run build", scripts), "a lifecycle script that runs build does not make build publish");
        Assert.AreEqual("no", Verdict("npm run release --dry-run", scripts));
        Assert.AreEqual("no", Verdict("npm run release", null), "no package.json known here");
        foreach (var run in new[] { "npm run release", "npm run-script release", "npm run --if-present release", "pnpm run release", "pnpm release", "yarn release", "yarn run release", "bun run release", "bun release" })
        {
            Assert.AreEqual("publishes", Verdict(run, scripts), run);
        }

        Assert.AreEqual("publishes all workspaces", Verdict("pnpm run ship", scripts));
        Assert.AreEqual("publishes all workspaces", Verdict("pnpm -r run release", scripts));
    }

    [TestMethod]
    public void Scripts_NpmAlsoRunsPreAndPost()
    {
        var scripts = Scripts("{\"release\": \"echo releasing\", \"postrelease\": \"npm publish\"}");
        Assert.AreEqual("publishes", Verdict("npm run release", scripts));
        Assert.AreEqual("no", Verdict("yarn run release", scripts), "yarn 2+ and pnpm do not run pre/post scripts");
    }

    [TestMethod]
    public void Scripts_AreFollowedEightDeep_AndCyclesEnd()
    {
        var chain = string.Join(", ", Enumerable.Range(1, 9).Select(i => $"\"s{i}\": \"npm run s{i + 1}\"")) + ", \"s10\": \"npm publish\"";
        var scripts = Scripts("{" + chain + "}");
        Assert.AreEqual("publishes", Verdict("npm run s3", scripts), "8 scripts: s3 .. s10");
        Assert.AreEqual("no", Verdict("npm run s1", Scripts("{" + chain + "}")), "10 scripts is deeper than followed");

        var cycle = Scripts("{\"a\": \"npm run b\", \"b\": \"npm run a && npm run c\", \"c\": \"npm publish\"}");
        Assert.AreEqual("publishes", Verdict("npm run a", cycle));
        Assert.AreEqual("no", Verdict("npm run a", Scripts("{\"a\": \"npm run b\", \"b\": \"npm run a\"}")));
    }

    [TestMethod]
    [DataRow("npm publish", true)]
    [DataRow("npm pub", true)]
    [DataRow("run: npm pu;", true)]
    [DataRow("npx semantic-release", true)]
    [DataRow("on: push\njobs: pull-request", false)]
    [DataRow("pubspec", false)]
    public void MayAppearIn_IsTrueForEveryRecognisedCommand(string text, bool expected)
    {
        Assert.AreEqual(expected, PublishCommands.MayAppearIn(text));
    }

    /// <summary>The finder reports each publish at its command in the file, whatever the scalar style of the run.</summary>
    [TestMethod]
    [DataRow("      - run: npm publish\n", "7:14")]
    [DataRow("      - run: |\n          echo \"npm publish\"   # npm publish\n          npm ci && npm publish\n", "9:21")]
    [DataRow("      - run: | # npm publish here\n          npm publish\n", "8:11")]
    [DataRow("      - run: >-\n          echo npm publish\n          && npm publish\n", "9:14")]
    [DataRow("      - run: echo a\n          npm publish\n", "")]
    [DataRow("      - run: echo a &&\n          npm publish\n", "8:11")]
    [DataRow("      - run: 'echo ''npm publish'' && npm publish'\n", "7:39")]
    [DataRow("      - run: \"echo \\\"npm publish\\\" && npm publish\"\n", "7:39")]
    [DataRow("      - run: \"echo x\\nnpm publish\"\n", "7:23")]
    [DataRow("      - name: Publish\n        run: |2\n            npm publish\n", "9:13")]
    public void Finder_LocatesTheCommandInTheFile(string step, string expected)
    {
        var text = "on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n" + step;
        var workflow = WorkflowDocument.Parse(new RepositoryFile("/r/.github/workflows/p.yml", ".github/workflows/p.yml", text), out var error)!;
        Assert.IsNull(error);
        var found = PublishStepFinder.Find(workflow).ToList();
        Assert.AreEqual(expected, string.Join(" ", found.Select(p => $"{p.Line}:{p.Column}")), text);
        if (found.Count > 0)
        {
            var line = text.Split('\n')[found[0].Line - 1];
            StringAssert.StartsWith(line.Substring(found[0].Column - 1), "npm publish", text);
        }
    }

    /// <summary>A 128 KB run of text that made the old regular expression backtrack (100 s) is read in linear time.</summary>
    [TestMethod]
    [Timeout(5000)]
    [DataRow("npm ")]
    [DataRow("npm -x ")]
    [DataRow("npm run ")]
    [DataRow("npx ")]
    [DataRow("yarn workspaces foreach ")]
    [DataRow("$(\"`'\\")]
    [DataRow("<<a ")]
    [DataRow("((")]
    [DataRow("case x in ")]
    [DataRow("npm install ")]
    [DataRow("npm i -g x ")]
    [DataRow("corepack prepare pnpm@1 yarn@2 --activate; npm i -g @yarnpkg/cli-dist@3 ")]
    public void HostileRun_IsReadInLinearTime(string unit)
    {
        var hostile = new StringBuilder();
        while (hostile.Length < 128 * 1024)
        {
            hostile.Append(unit);
        }

        var text = "on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: " + YamlQuote(hostile.ToString()) + "\n      - run: npm publish\n";
        var harness = new RuleHarness();
        harness.Workflows["hostile.yml"] = text;
        harness.PackageJsonText = RuleHarness.Replace(RuleHarness.PackageJson, "\"publishConfig\"", "\"scripts\": {\"release\": \"npm run release && npm publish\"},\n  \"publishConfig\"");
        var findings = harness.Findings();
        CollectionAssert.Contains(findings, "TPB078 hostile.yml:7:14");
    }

    /// <summary>The same in one run ending in the publish: finding its position in the file is linear too, through a double-quoted scalar's escapes.</summary>
    [TestMethod]
    [Timeout(5000)]
    public void HostileRunEndingInAPublish_IsLocatedInLinearTime()
    {
        var script = new StringBuilder();
        while (script.Length < 128 * 1024)
        {
            script.Append("echo 'npm publish' \"x\\\"y\" npm publish; ");
        }

        script.Append("npm publish");
        var escaped = script.ToString().Replace("\\", "\\\\", System.StringComparison.Ordinal).Replace("\"", "\\\"", System.StringComparison.Ordinal);
        var text = "on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: \"" + escaped + "\"\n";
        var workflow = WorkflowDocument.Parse(new RepositoryFile("/r/.github/workflows/p.yml", ".github/workflows/p.yml", text), out _)!;
        var publish = PublishStepFinder.Find(workflow).Single();
        Assert.AreEqual(6, publish.Line);
        Assert.AreEqual(text.Split('\n')[5].Length - "npm publish\"".Length + 1, publish.Column);
    }

    /// <summary>Which program publishes decides how it authenticates: each command, directly or through a runner or a script.</summary>
    [TestMethod]
    [DataRow("npm publish --access public", "Npm")]
    [DataRow("npm stage publish", "Npm")]
    [DataRow("pnpm -r publish --no-git-checks", "Pnpm")]
    [DataRow("yarn npm publish --tolerate-republish", "YarnBerry")]
    [DataRow("yarn workspaces foreach -A --topological npm publish", "YarnBerry")]
    [DataRow("yarn publish --non-interactive", "YarnClassic")]
    [DataRow("bun publish", "Bun")]
    [DataRow("npx changeset publish", "Changesets")]
    [DataRow("pnpm changeset publish", "Changesets")]
    [DataRow("yarn dlx @changesets/cli publish", "Changesets")]
    [DataRow("npx semantic-release", "SemanticRelease")]
    [DataRow("lerna publish from-package --yes", "Lerna")]
    [DataRow("npm run release", "Changesets")]
    [DataRow("pnpm ship", "Pnpm")]
    public void Recognize_NamesTheToolThatPublishes(string script, string tool)
    {
        var scripts = Scripts("{\"release\": \"pnpm build && changeset publish\", \"ship\": \"pnpm publish -r\"}");
        var match = ShellCommands.Read(script).Select(c => PublishCommands.Recognize(c, scripts)).First(m => m != null)!;
        Assert.AreEqual(tool, match.Tool.ToString(), script);
    }

    /// <summary>changesets/action runs its publish input: the command it leads to is the one judged; one that is not read leaves the tool unknown.</summary>
    [TestMethod]
    [DataRow("pnpm changeset publish", "Changesets", "pnpm changeset publish")]
    [DataRow("pnpm publish -r --access public", "Pnpm", "pnpm publish -r --access public")]
    [DataRow("yarn release", "Unknown", "yarn release")]
    public void Finder_ChangesetsActionPublishInput_IsReadAsACommand(string input, string tool, string publishing)
    {
        var text = "on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: changesets/action@v1\n        with:\n          publish: " + input + "\n";
        var workflow = WorkflowDocument.Parse(new RepositoryFile("/r/.github/workflows/p.yml", ".github/workflows/p.yml", text), out _)!;
        var publish = PublishStepFinder.Find(workflow).Single();
        Assert.AreEqual(tool, publish.Tool.ToString());
        Assert.AreEqual(publishing, publish.PublishingCommand);
        Assert.AreEqual("changesets/action@v1", publish.Command);
    }

    private static string YamlQuote(string value) => "'" + value.Replace("'", "''", System.StringComparison.Ordinal) + "'";
}
