using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Tests;

namespace TrustedPublish.Build.RunsForReal;

/// <summary>
/// The runner itself: it runs what GitHub would run the way GitHub runs it, and refuses before running anything a
/// workflow it cannot run whole, so no test can pass because part of a workflow was skipped.
/// </summary>
[TestClass]
[TestCategory("RunsForReal")]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WorkflowRunnerTests
{
    private const string Checkout = "      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n        with:\n          persist-credentials: false\n";

    private static string Workflow(string steps, string job = "", string top = "", string on = "  push:\n    tags:\n      - \"v*\"\n") =>
        $"name: test\non:\n{on}permissions: {{}}\n{top}jobs:\n  publish:\n    runs-on: ubuntu-latest\n{job}    steps:\n{Checkout}{steps}";

    private sealed class IdTokens : IIdTokenService
    {
        public IdTokenClaims? Claims { get; private set; }

        public (string RequestUrl, string RequestToken) Offer(IdTokenClaims claims)
        {
            Claims = claims;
            return ("http://127.0.0.1:9/token?api-version=2.0", "request-token");
        }
    }

    private static WorkflowRun Run(string workflow, Action<string>? prepare = null, IIdTokenService? idTokens = null, string tag = "v1.0.0")
    {
        var source = TestPaths.NewTempFolder("runner-source");
        try
        {
            Directory.CreateDirectory(Path.Combine(source, "pkg"));
            File.WriteAllText(Path.Combine(source, "pkg", "package.json"), "{\"name\":\"pkg\",\"version\":\"1.0.0\"}\n");
            prepare?.Invoke(source);
            using var runner = new WorkflowRunner(workflow, "publish.yml", source, WorkflowTrigger.TagPush("Acme-Org/widget", tag)) { IdTokens = idTokens };
            return runner.Run();
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }

    [TestMethod]
    public void Runner_RunsTheJobAsGitHubDoes()
    {
        var workflow = Workflow(
            top: "env:\n  LEVEL: workflow\n  FROM_WORKFLOW: w\ndefaults:\n  run:\n    shell: bash\n",
            job: "    permissions:\n      contents: read\n      id-token: write\n    env:\n      LEVEL: job\n      FROM_JOB: j\n    defaults:\n      run:\n        working-directory: \"pkg\"\n",
            steps: """
                  - name: First
                    id: first
                    env:
                      LEVEL: step
                    run: |
                      echo "level=$LEVEL from $FROM_WORKFLOW$FROM_JOB in $(basename "$PWD")"
                      echo "plain=one" >> "$GITHUB_OUTPUT"
                      printf 'multi<<EOF\nline 1\nline 2\nEOF\n' >> "$GITHUB_OUTPUT"
                      echo "EXPORTED=exported" >> "$GITHUB_ENV"
                      mkdir -p "$RUNNER_TEMP/tools" && printf '#!/bin/sh\necho tool ran\n' > "$RUNNER_TEMP/tools/mytool" && chmod +x "$RUNNER_TEMP/tools/mytool"
                      echo "$RUNNER_TEMP/tools" >> "$GITHUB_PATH"
                      tar -czf "$RUNNER_TEMP/pkg-1.0.0.tgz" package.json
                  - name: Second ${{ github.ref_name }}
                    working-directory: "."
                    env:
                      PLAIN: ${{ steps.first.outputs.plain }}
                      MULTI: ${{ steps.first.outputs.multi }}
                      MISSING: ${{ steps.first.outputs.missing }}
                      TEMP_FROM_EXPRESSION: ${{ runner.temp }}
                    run: |
                      echo "in $(basename "$PWD") level=$LEVEL plain=$PLAIN missing=[$MISSING] exported=$EXPORTED"
                      printf '%s\n' "$MULTI"
                      mytool
                      test "$TEMP_FROM_EXPRESSION" = "$RUNNER_TEMP"
                      test -f "$RUNNER_TEMP/pkg-1.0.0.tgz"
                      echo "ref=${{ github.ref }} repository=${{ github.repository }} type=$GITHUB_REF_TYPE name=$GITHUB_REF_NAME ci=$CI actions=$GITHUB_ACTIONS"
                      echo "id-token=${ACTIONS_ID_TOKEN_REQUEST_URL:+set}/${ACTIONS_ID_TOKEN_REQUEST_TOKEN:+set}"
            """);
        var idTokens = new IdTokens();

        var run = Run(workflow, idTokens: idTokens);

        Assert.IsTrue(run.Succeeded, run.Log);
        var first = run.Step("First");
        StringAssert.Contains(first.Log, "level=step from wj in pkg", "step env over job env over workflow env; defaults.run.working-directory");
        Assert.AreEqual("line 1\nline 2", first.Outputs["multi"]);
        var second = run.Step("Second v1.0.0").Log;
        StringAssert.Contains(second, "in widget level=job plain=one missing=[] exported=exported", "step working-directory '.' is the workspace; outputs; GITHUB_ENV");
        StringAssert.Contains(second, "line 1\nline 2\ntool ran\n", "a multi-line output, and GITHUB_PATH");
        StringAssert.Contains(second, "ref=refs/tags/v1.0.0 repository=Acme-Org/widget type=tag name=v1.0.0 ci=true actions=true");
        StringAssert.Contains(second, "id-token=set/set");
        Assert.AreEqual("Acme-Org/widget/.github/workflows/publish.yml@refs/tags/v1.0.0", idTokens.Claims!.WorkflowRef);
    }

    [TestMethod]
    [DataRow("bash", false, DisplayName = "shell: bash is bash --noprofile --norc -eo pipefail: a failing pipeline fails")]
    [DataRow(null, true, DisplayName = "no shell is bash -e, without pipefail")]
    public void Runner_ShellsAreGitHubs(string? shell, bool succeeds)
    {
        var workflow = Workflow($"      - name: Pipe\n{(shell != null ? $"        shell: {shell}\n" : "")}        run: |\n          false | true\n          echo \"after the pipe: $-\"\n      - name: Next\n        run: echo next\n");

        var run = Run(workflow);

        Assert.AreEqual(succeeds, run.Succeeded, run.Log);
        Assert.AreEqual(succeeds, run.Step("Next").Ran, "a failed step skips the rest");
    }

    [TestMethod]
    public void Runner_NoIdTokenPermission_NoIdTokenVariables()
    {
        var run = Run(Workflow("      - run: echo \"[${ACTIONS_ID_TOKEN_REQUEST_URL:-none}]\"\n", job: "    permissions:\n      contents: read\n"));

        Assert.IsTrue(run.Succeeded, run.Log);
        StringAssert.Contains(run.Log, "[none]");
    }

    /// <summary>The npm the setup-node stand-in leaves, and a global install that lands in the run's own prefix (as the package-manager steps will do).</summary>
    [TestMethod]
    public void Runner_SetupNodeAndGlobalInstall_StayInTheRunsFolders()
    {
        var workflow = Workflow("""
                  - uses: actions/setup-node@820762786026740c76f36085b0efc47a31fe5020 # v7.0.0
                    with:
                      node-version: "24"
                      package-manager-cache: false
                  - name: Tools
                    run: |
                      npm --version
                      npm install -g pnpm@10.18.3 --no-audit --no-fund
                      echo "pnpm $(pnpm --version) at $(command -v pnpm)"
                      echo "prefix $NPM_CONFIG_PREFIX home $HOME"
            """);

        var run = Run(workflow);

        Assert.IsTrue(run.Succeeded, run.Log);
        var log = run.Step("Tools").Log;
        StringAssert.StartsWith(log, "11.19.1\n", "setup-node's stand-in npm comes first on PATH");
        var prefix = System.Text.RegularExpressions.Regex.Match(log, "prefix (\\S+) home (\\S+)");
        StringAssert.Contains(log, $"pnpm 10.18.3 at {prefix.Groups[1].Value}/bin/pnpm");
        StringAssert.StartsWith(prefix.Groups[2].Value, Path.GetDirectoryName(prefix.Groups[1].Value)!, "HOME is the run's own too");
    }

    [TestMethod]
    [DataRow("      - uses: actions/cache@v4\n        with:\n          path: x\n          key: y\n", "no stand-in", DisplayName = "an action without a stand-in")]
    [DataRow("      - uses: actions/setup-node@v7\n        with:\n          node-version-file: .nvmrc\n", "with.node-version-file", DisplayName = "a setup-node input without a stand-in")]
    [DataRow("      - run: echo hi\n        if: always()\n", "not a condition this runner evaluates", DisplayName = "a status function in if:")]
    [DataRow("      - run: echo hi\n        if: github.ref_type == 'tag'\n", "not a condition this runner evaluates", DisplayName = "an if: on another context")]
    [DataRow("      - id: a\n        run: echo x=1 >> $GITHUB_OUTPUT\n      - run: echo hi\n        if: steps.a.outputs.x == 'true' && steps.a.outputs.y == 'true'\n", "not a condition this runner evaluates", DisplayName = "an if: with &&")]
    [DataRow("      - run: echo hi\n        if: steps.later.outputs.x == 'true'\n      - id: later\n        run: echo x=1 >> $GITHUB_OUTPUT\n", "no earlier step", DisplayName = "an if: on a later step's output")]
    [DataRow("      - run: echo hi\n        timeout-minutes: 5\n", "key 'timeout-minutes'", DisplayName = "a step key it does not run")]
    [DataRow("      - run: echo hi\n        continue-on-error: true\n", "key 'continue-on-error'", DisplayName = "continue-on-error")]
    [DataRow("      - run: echo hi\n        env:\n          T: ${{ secrets.NPM_TOKEN }}\n", "not an expression this runner evaluates", DisplayName = "secrets")]
    [DataRow("      - run: echo ${{ env.HOME }}\n", "not an expression this runner evaluates", DisplayName = "env context")]
    [DataRow("      - run: echo ${{ github.event.inputs.tag }}\n", "not an expression this runner evaluates", DisplayName = "github.event")]
    [DataRow("      - run: echo ${{ steps.later.outputs.x }}\n      - id: later\n        run: echo x=1 >> $GITHUB_OUTPUT\n", "no earlier step", DisplayName = "a later step's output")]
    [DataRow("      - run: echo ${{ 'a' }}\n", "not an expression this runner evaluates", DisplayName = "a literal")]
    [DataRow("      - run: echo hi\n        shell: pwsh\n", "shell: pwsh", DisplayName = "another shell")]
    [DataRow("      - run: echo hi\n        uses: actions/checkout@v7\n", "exactly one of uses: and run:", DisplayName = "run and uses")]
    public void Runner_RefusesAStepItCannotRun(string steps, string message)
    {
        var thrown = Assert.ThrowsExactly<WorkflowNotSupportedException>(() => Run(Workflow(steps)));
        StringAssert.Contains(thrown.Message, message);
    }

    [TestMethod]
    [DataRow("", "    if: github.ref_type == 'tag'\n", "", "key 'if'", DisplayName = "a job condition")]
    [DataRow("", "    strategy:\n      matrix:\n        n: [1, 2]\n", "", "key 'strategy'", DisplayName = "a matrix")]
    [DataRow("", "    env:\n      X: ${{ steps.a.outputs.b }}\n", "", "no earlier step", DisplayName = "steps in job env")]
    [DataRow("concurrency:\n  group: ${{ github.ref }}\n", "", "", "holds an expression", DisplayName = "an expression where none is evaluated")]
    [DataRow("run-name: x\n", "", "", "key 'run-name'", DisplayName = "a workflow key")]
    [DataRow("", "", "  push:\n    tags:\n      - \"release-*\"\n", "does not match v1.0.0", DisplayName = "a tag the workflow does not run on")]
    [DataRow("", "", "  push:\n    branches:\n      - main\n", "names only branches", DisplayName = "a branch-only trigger")]
    [DataRow("", "", "  pull_request: {}\n", "does not run on push", DisplayName = "no push trigger")]
    public void Runner_RefusesAWorkflowItCannotRun(string top, string job, string on, string message)
    {
        var workflow = on.Length > 0 ? Workflow("      - run: echo hi\n", job, top, on) : Workflow("      - run: echo hi\n", job, top);
        var thrown = Assert.ThrowsExactly<WorkflowNotSupportedException>(() => Run(workflow));
        StringAssert.Contains(thrown.Message, message);
    }

    [TestMethod]
    public void Runner_SelfHostedOrSecondJob_Refused()
    {
        var selfHosted = Workflow("      - run: echo hi\n").Replace("runs-on: ubuntu-latest", "runs-on: self-hosted", StringComparison.Ordinal);
        StringAssert.Contains(Assert.ThrowsExactly<WorkflowNotSupportedException>(() => Run(selfHosted)).Message, "ubuntu-*");
        var twoJobs = Workflow("      - run: echo hi\n") + "  other:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo other\n";
        StringAssert.Contains(Assert.ThrowsExactly<WorkflowNotSupportedException>(() => Run(twoJobs)).Message, "2 jobs");
    }

    /// <summary>
    /// A step's `if:` on an earlier step's output, as the workspace workflow skips a package's publish: a false condition
    /// skips that step and the run goes on green; strings compare ignoring case; an unset output is empty; and after a
    /// failure a step with a true `if:` is skipped all the same (GitHub's implied success()).
    /// </summary>
    [TestMethod]
    public void Runner_StepIfOnAnOutput_SkipsOrRunsTheStepAsGitHub()
    {
        var workflow = Workflow("""
                  - name: Decide
                    id: decide
                    run: |
                      echo "yes=true" >> "$GITHUB_OUTPUT"
                      echo "no=false" >> "$GITHUB_OUTPUT"
                      echo "shout=TRUE" >> "$GITHUB_OUTPUT"
                  - name: Runs on yes
                    if: steps.decide.outputs.yes == 'true'
                    run: echo ran yes
                  - name: Skipped on no
                    if: steps.decide.outputs.no == 'true'
                    run: echo ran no
                  - name: Runs on a case-different TRUE
                    if: ${{ steps.decide.outputs.shout == 'true' }}
                    run: echo ran shout
                  - name: Runs on an unset output that is not true
                    if: steps.decide.outputs.unset != 'true'
                    run: echo ran unset
                  - name: Fails
                    run: exit 3
                  - name: Skipped after the failure although its if is true
                    if: steps.decide.outputs.yes == 'true'
                    run: echo ran after
            """);

        var run = Run(workflow);

        Assert.IsFalse(run.Succeeded, run.Log);
        Assert.AreEqual("Fails", run.FailedStep!.Name);
        StringAssert.Contains(run.Step("Runs on yes").Log, "ran yes");
        Assert.IsFalse(run.Step("Skipped on no").Ran);
        StringAssert.Contains(run.Step("Runs on a case-different TRUE").Log, "ran shout");
        StringAssert.Contains(run.Step("Runs on an unset output that is not true").Log, "ran unset");
        Assert.IsFalse(run.Step("Skipped after the failure although its if is true").Ran);

        var green = Run(Workflow("      - id: decide\n        run: echo \"publish=false\" >> \"$GITHUB_OUTPUT\"\n      - name: Publish\n        if: steps.decide.outputs.publish == 'true'\n        run: exit 1\n"));
        Assert.IsTrue(green.Succeeded, "a step skipped by its if: leaves the run green:\n" + green.Log);
        Assert.AreEqual("skipped", green.Step("Publish").Outcome);
    }

    [TestMethod]
    public void Runner_MissingWorkingDirectory_FailsTheStepAsGitHub()
    {
        var run = Run(Workflow("      - run: echo hi\n        working-directory: nowhere\n"));
        Assert.IsFalse(run.Succeeded);
        Assert.AreEqual("echo hi", run.FailedStep!.Name, run.Log);
        StringAssert.Contains(run.FailedStep.Log, "No such file or directory");
    }
}
