using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.RunsForReal;

/// <summary>What the workflow does not say and the test cannot leave out: a key, an action or an expression this runner does not run.</summary>
internal sealed class WorkflowNotSupportedException(string message) : Exception(message);

/// <summary>The event that starts the run, as GitHub delivers it: a push of <see cref="Ref"/> to <see cref="Repository"/>.</summary>
internal sealed record WorkflowTrigger(string Repository, string Ref, string EventName = "push")
{
    public static WorkflowTrigger TagPush(string repository, string tag) => new(repository, "refs/tags/" + tag);

    public string RefType => Ref.StartsWith("refs/tags/", StringComparison.Ordinal) ? "tag" : "branch";

    public string RefName => Ref.StartsWith("refs/tags/", StringComparison.Ordinal) ? Ref.Substring("refs/tags/".Length)
        : Ref.StartsWith("refs/heads/", StringComparison.Ordinal) ? Ref.Substring("refs/heads/".Length) : Ref;

    public string Owner => Repository.Split('/')[0];
}

/// <summary>The claims GitHub puts in a job's OIDC ID token (the ones npm's trusted publishing reads).</summary>
internal sealed record IdTokenClaims(string Repository, string RepositoryOwner, string Ref, string WorkflowRef, string? Environment, string EventName, string RepositoryVisibility)
{
    public string Subject => Environment != null ? $"repo:{Repository}:environment:{Environment}" : $"repo:{Repository}:ref:{Ref}";
}

/// <summary>Stands in for GitHub's ID-token service: hands a job the URL and request token of ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN.</summary>
internal interface IIdTokenService
{
    (string RequestUrl, string RequestToken) Offer(IdTokenClaims claims);
}

/// <summary>What one step saw and did.</summary>
internal sealed record StepResult(string Name, string? Id, string Outcome, int? ExitCode, string Log, IReadOnlyDictionary<string, string> Outputs)
{
    public bool Ran => Outcome != "skipped";
}

/// <summary>A step about to run: its name, environment and working folder (read-only; for assertions "before it").</summary>
internal sealed record StepContext(string Name, string? Id, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory);

/// <summary>The finished run: every step of the job, in order, run or skipped after a failure.</summary>
internal sealed class WorkflowRun(IReadOnlyList<StepResult> steps)
{
    public IReadOnlyList<StepResult> Steps { get; } = steps;

    /// <summary>No step failed: as on GitHub, a step skipped by its `if:` does not fail the job (one skipped after a failure follows that failure).</summary>
    public bool Succeeded => !Steps.Any(s => s.Outcome == "failure");

    public StepResult? FailedStep => Steps.FirstOrDefault(s => s.Outcome == "failure");

    public StepResult Step(string name) => Steps.Single(s => s.Name == name);

    public string Log => string.Join("\n", Steps.Select(s => $"--- {s.Name} ({s.Outcome}{(s.ExitCode is int code ? ", exit " + code : "")})\n{s.Log}"));

    /// <summary>The `::error` workflow commands the steps printed, as GitHub turns them into annotations: (title, message).</summary>
    public IReadOnlyList<(string Title, string Message)> Errors =>
        Regex.Matches(Log, @"^::error(?: ([^:]*))?::(.*)$", RegexOptions.Multiline)
            .Select(m => (Regex.Match(m.Groups[1].Value, "title=([^,]*)").Groups[1].Value, m.Groups[2].Value.TrimEnd('\r')))
            .ToList();
}

/// <summary>
/// Runs the single job of a workflow as GitHub runs it, for the parts this project's workflows use, and refuses the rest:
/// an unknown key, action, shell or expression throws <see cref="WorkflowNotSupportedException"/> before anything runs,
/// so a workflow can never pass by having part of it skipped.
/// <list type="bullet">
/// <item>`run:` steps in order, under GitHub's shells (`bash` = `bash --noprofile --norc -eo pipefail {0}`, none = `bash -e {0}`,
/// `sh` = `sh -e {0}`), in `working-directory` (step, else job `defaults.run`, else workflow `defaults.run`) under the
/// workspace; the first failing step fails the job and the rest are skipped, `if:` or not (GitHub's implied `success() &amp;&amp;`).</item>
/// <item>a step's `if:` of the one form the generated workflows use: `steps.&lt;id&gt;.outputs.&lt;name&gt; == 'text'` (or `!=`,
/// either side an output or a single-quoted string, optionally inside `${{ }}`), compared as GitHub compares strings,
/// ignoring case; a false condition skips the step, and the run goes on.</item>
/// <item>env from the workflow, the job, `$GITHUB_ENV`, then the step; `$GITHUB_PATH`; `steps.&lt;id&gt;.outputs` from
/// `$GITHUB_OUTPUT`; GitHub's variables; ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN only when the job is granted `id-token: write`.</item>
/// <item>`${{ }}` with `steps.&lt;id&gt;.outputs.&lt;name&gt;`, `runner.temp|os|arch` and the basic `github.*` values, nothing else.</item>
/// <item>`uses:` stood in for by what the action leaves behind: actions/checkout copies the repository into the workspace;
/// actions/setup-node puts the machine's Node and the npm given in <see cref="NpmCli"/> on PATH and, with `registry-url`,
/// writes the .npmrc setup-node writes and points NPM_CONFIG_USERCONFIG at it.</item>
/// </list>
/// Every run gets its own folder: HOME (its ~/.npm links to the machine's npm cache, for speed), the workspace, RUNNER_TEMP
/// and an npm global prefix (NPM_CONFIG_PREFIX, its bin first on PATH), so `npm install -g` changes nothing outside it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class WorkflowRunner : IDisposable
{
    private static readonly string[] RemovedVariablePrefixes = { "GITHUB_", "ACTIONS_", "RUNNER_", "NPM_CONFIG_", "YARN_", "PNPM_", "BUN_", "COREPACK_", "INPUT_" };

    private static readonly string[] RemovedVariables = { "CI", "NODE_AUTH_TOKEN", "NPM_TOKEN", "NPM_ID_TOKEN", "SIGSTORE_ID_TOKEN", "NODE_OPTIONS", "NODE_PATH", "INIT_CWD", "HOME" };

    private static readonly Regex Expression = new(@"\$\{\{(.*?)\}\}", RegexOptions.Singleline);

    private static readonly Regex StepOutput = new(@"^steps\.([A-Za-z_][A-Za-z0-9_-]*)\.outputs\.([A-Za-z_][A-Za-z0-9_-]*)$");

    /// <summary>The one step condition this runner evaluates: an output compared with a string literal (or another output), `==` or `!=`.</summary>
    private static readonly Regex Condition = new(@"^\s*(?<left>steps\.[A-Za-z_][A-Za-z0-9_-]*\.outputs\.[A-Za-z_][A-Za-z0-9_-]*|'(?:[^']|'')*')\s*(?<op>==|!=)\s*(?<right>steps\.[A-Za-z_][A-Za-z0-9_-]*\.outputs\.[A-Za-z_][A-Za-z0-9_-]*|'(?:[^']|'')*')\s*$");

    private static readonly string[] GitHubContext = { "repository", "repository_owner", "ref", "ref_name", "ref_type", "workspace", "event_name", "sha", "server_url", "job", "workflow" };

    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    private readonly YamlMappingNode _workflow;
    private readonly string _jobId;
    private readonly YamlMappingNode _job;
    private readonly string _workflowFile;
    private readonly string _repositorySource;
    private readonly WorkflowTrigger _trigger;

    public WorkflowRunner(string workflowText, string workflowFile, string repositorySource, WorkflowTrigger trigger)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(workflowText));
        _workflow = stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root ? root : throw new WorkflowNotSupportedException("The workflow is not one YAML mapping.");
        _workflowFile = workflowFile;
        _repositorySource = repositorySource;
        _trigger = trigger;

        var name = trigger.Repository.Split('/')[1];
        Root = Path.Combine(Path.GetTempPath(), "tpb-run-" + Path.GetRandomFileName());
        Home = Path.Combine(Root, "home");
        Workspace = Path.Combine(Root, "work", name, name);
        RunnerTemp = Path.Combine(Root, "temp");
        ToolCache = Path.Combine(Root, "toolcache");
        NpmPrefix = Path.Combine(Root, "npm-global");

        Check(_workflow, "the workflow", "name", "on", "permissions", "concurrency", "env", "defaults", "jobs");
        var jobs = Map(_workflow, "jobs", "the workflow") ?? throw new WorkflowNotSupportedException("The workflow has no jobs.");
        if (jobs.Children.Count != 1)
        {
            throw new WorkflowNotSupportedException($"The workflow has {jobs.Children.Count} jobs; this runner runs one.");
        }

        _jobId = ((YamlScalarNode)jobs.Children.Single().Key).Value!;
        _job = jobs.Children.Single().Value as YamlMappingNode ?? throw new WorkflowNotSupportedException($"Job {_jobId} is not a mapping.");
        Validate();
    }

    /// <summary>The npm CLI (its npm-cli.js) that the actions/setup-node stand-in puts on PATH.</summary>
    public string NpmCli { get; init; } = Tools.NpmForSetupNode;

    /// <summary>GitHub's ID-token service; required when the job is granted `id-token: write`.</summary>
    public IIdTokenService? IdTokens { get; init; }

    /// <summary>Leave ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN out although the job asks for them (as GitHub does for a fork's pull request).</summary>
    public bool WithholdIdToken { get; init; }

    /// <summary>The `repository_visibility` claim. Private by default: npm then does not turn provenance on by itself (Sigstore needs the internet).</summary>
    public string RepositoryVisibility { get; init; } = "private";

    /// <summary>Called before each step runs, with what it will see.</summary>
    public Action<StepContext>? BeforeStep { get; init; }

    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public string Root { get; }

    public string Home { get; }

    public string Workspace { get; }

    public string RunnerTemp { get; }

    public string ToolCache { get; }

    public string NpmPrefix { get; }

    /// <summary>The job's `environment:` name, or null.</summary>
    public string? Environment => _job.Children.TryGetValue(new YamlScalarNode("environment"), out var environment)
        ? environment is YamlMappingNode map ? Text(map.Children[new YamlScalarNode("name")]) : Text(environment)
        : null;

    /// <summary>True when the job's token may request an OIDC ID token (`id-token: write`, job permissions replacing the workflow's).</summary>
    public bool GrantsIdToken
    {
        get
        {
            var permissions = _job.Children.TryGetValue(new YamlScalarNode("permissions"), out var job) ? job
                : _workflow.Children.TryGetValue(new YamlScalarNode("permissions"), out var workflow) ? workflow : null;
            return permissions switch
            {
                YamlScalarNode scalar => scalar.Value == "write-all",
                YamlMappingNode map => map.Children.TryGetValue(new YamlScalarNode("id-token"), out var value) && Text(value) == "write",
                _ => false, // GitHub's default token permissions never include id-token.
            };
        }
    }

    public WorkflowRun Run()
    {
        foreach (var folder in new[] { Home, Workspace, RunnerTemp, ToolCache, Path.Combine(NpmPrefix, "bin") })
        {
            Directory.CreateDirectory(folder);
        }

        // The machine's npm cache, shared for speed: the cache is content-addressed, so runs cannot see each other's state through it.
        var npmCache = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".npm");
        Directory.CreateDirectory(npmCache);
        File.CreateSymbolicLink(Path.Combine(Home, ".npm"), npmCache);

        var machine = MachineEnvironment();
        var jobEnv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Env(_workflow, "the workflow").Concat(Env(_job, "job " + _jobId)))
        {
            jobEnv[key] = Evaluate(value, null, "env " + key);
        }

        if (GrantsIdToken && !WithholdIdToken)
        {
            var service = IdTokens ?? throw new WorkflowNotSupportedException("The job is granted id-token: write, but the runner was given no ID-token service.");
            var claims = new IdTokenClaims(_trigger.Repository, _trigger.Owner, _trigger.Ref, $"{_trigger.Repository}/.github/workflows/{_workflowFile}@{_trigger.Ref}", Environment, _trigger.EventName, RepositoryVisibility);
            var (url, token) = service.Offer(claims);
            machine["ACTIONS_ID_TOKEN_REQUEST_URL"] = url;
            machine["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = token;
        }

        var exported = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = new List<string>();
        var outputs = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var results = new List<StepResult>();
        var failed = false;
        var index = 0;
        foreach (var step in Steps())
        {
            index++;
            var id = Optional(step, "id");
            var name = Optional(step, "name") is string named ? Evaluate(named, outputs, "name") : (Optional(step, "run") ?? Optional(step, "uses"))!;
            if (failed)
            {
                results.Add(new StepResult(name, id, "skipped", null, "", new Dictionary<string, string>()));
                continue;
            }

            if (Optional(step, "if") is string condition && !ConditionHolds(condition, outputs))
            {
                results.Add(new StepResult(name, id, "skipped", null, $"(if: {condition} is false)", new Dictionary<string, string>()));
                continue;
            }

            var env = new Dictionary<string, string>(machine, StringComparer.Ordinal);
            foreach (var source in new[] { jobEnv, exported })
            {
                foreach (var (key, value) in source)
                {
                    env[key] = value;
                }
            }

            foreach (var (key, value) in Env(step, $"step {index}"))
            {
                env[key] = Evaluate(value, outputs, "env " + key);
            }

            var files = Path.Combine(RunnerTemp, "_runner_file_commands");
            Directory.CreateDirectory(files);
            var fileCommands = new Dictionary<string, string>
            {
                ["GITHUB_OUTPUT"] = Path.Combine(files, "set_output_" + Guid.NewGuid().ToString("N")),
                ["GITHUB_ENV"] = Path.Combine(files, "set_env_" + Guid.NewGuid().ToString("N")),
                ["GITHUB_PATH"] = Path.Combine(files, "add_path_" + Guid.NewGuid().ToString("N")),
                ["GITHUB_STEP_SUMMARY"] = Path.Combine(files, "step_summary_" + Guid.NewGuid().ToString("N")),
            };
            foreach (var (key, file) in fileCommands)
            {
                File.WriteAllText(file, "");
                env[key] = file;
            }

            // GitHub's own variables win over any env: key (GitHub refuses to let a workflow change GITHUB_* and RUNNER_*).
            foreach (var (key, value) in GitHubVariables(id))
            {
                env[key] = value;
            }

            env["PATH"] = string.Join(":", new[] { Path.Combine(NpmPrefix, "bin") }.Concat(Enumerable.Reverse(path)).Concat(new[] { machine["PATH"] }));

            StepResult result;
            if (Optional(step, "uses") is string uses)
            {
                var log = new StringBuilder();
                RunAction(uses, step, env, outputs, exported, path, log);
                result = new StepResult(name, id, "success", null, log.ToString(), new Dictionary<string, string>());
            }
            else
            {
                var workingDirectory = Path.GetFullPath(Path.Combine(Workspace, Evaluate(WorkingDirectory(step) ?? ".", outputs, "working-directory")));
                var script = Evaluate(Optional(step, "run")!, outputs, "run");
                BeforeStep?.Invoke(new StepContext(name, id, env, workingDirectory));
                var (exitCode, log) = RunScript(script, Shell(step), env, workingDirectory);
                if (Regex.IsMatch(log, @"^::(set-output|save-state|set-env|add-path) ", RegexOptions.Multiline))
                {
                    throw new WorkflowNotSupportedException($"Step '{name}' uses a deprecated workflow command this runner does not run:\n{log}");
                }

                var stepOutputs = ReadFileCommand(fileCommands["GITHUB_OUTPUT"]);
                if (id != null)
                {
                    outputs[id] = stepOutputs;
                }

                foreach (var (key, value) in ReadFileCommand(fileCommands["GITHUB_ENV"]))
                {
                    exported[key] = value;
                }

                path.AddRange(File.ReadAllLines(fileCommands["GITHUB_PATH"]).Where(l => l.Trim().Length > 0));
                result = new StepResult(name, id, exitCode == 0 ? "success" : "failure", exitCode, log, stepOutputs);
            }

            results.Add(result);
            failed = result.Outcome == "failure";
        }

        return new WorkflowRun(results);
    }

    /// <summary>The machine's environment as a runner image has it, less what would change the result from outside (CI, tokens, npm/yarn/pnpm config).</summary>
    private Dictionary<string, string> MachineEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            if (RemovedVariables.Contains(key, StringComparer.OrdinalIgnoreCase)
                || RemovedVariablePrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase))
                || key.StartsWith("npm_", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            env[key] = (string?)entry.Value ?? "";
        }

        env["HOME"] = Home;
        env["NPM_CONFIG_PREFIX"] = NpmPrefix;
        env.TryAdd("PATH", "/usr/local/bin:/usr/bin:/bin");

        // The local registry is on 127.0.0.1: never through a proxy the machine may name.
        foreach (var key in new[] { "NO_PROXY", "no_proxy" })
        {
            env[key] = env.TryGetValue(key, out var value) && value.Length > 0 ? value + ",127.0.0.1,localhost" : "127.0.0.1,localhost";
        }

        return env;
    }

    private IEnumerable<KeyValuePair<string, string>> GitHubVariables(string? stepId)
    {
        yield return new("CI", "true");
        yield return new("GITHUB_ACTIONS", "true");
        yield return new("GITHUB_REPOSITORY", _trigger.Repository);
        yield return new("GITHUB_REPOSITORY_OWNER", _trigger.Owner);
        yield return new("GITHUB_REF", _trigger.Ref);
        yield return new("GITHUB_REF_NAME", _trigger.RefName);
        yield return new("GITHUB_REF_TYPE", _trigger.RefType);
        yield return new("GITHUB_SHA", Sha);
        yield return new("GITHUB_EVENT_NAME", _trigger.EventName);
        yield return new("GITHUB_WORKSPACE", Workspace);
        yield return new("GITHUB_WORKFLOW", Optional(_workflow, "name") ?? ".github/workflows/" + _workflowFile);
        yield return new("GITHUB_WORKFLOW_REF", $"{_trigger.Repository}/.github/workflows/{_workflowFile}@{_trigger.Ref}");
        yield return new("GITHUB_JOB", _jobId);
        yield return new("GITHUB_ACTION", stepId ?? "__run");
        yield return new("GITHUB_SERVER_URL", "https://github.com");
        yield return new("GITHUB_RUN_ID", "1");
        yield return new("GITHUB_RUN_NUMBER", "1");
        yield return new("GITHUB_RUN_ATTEMPT", "1");
        yield return new("RUNNER_OS", "Linux");
        yield return new("RUNNER_ARCH", "X64");
        yield return new("RUNNER_TEMP", RunnerTemp);
        yield return new("RUNNER_TOOL_CACHE", ToolCache);
    }

    private string? WorkingDirectory(YamlMappingNode step) =>
        Optional(step, "working-directory") ?? DefaultsRun(_job, "working-directory") ?? DefaultsRun(_workflow, "working-directory");

    private (string File, string[] Arguments) Shell(YamlMappingNode step)
    {
        var shell = Optional(step, "shell") ?? DefaultsRun(_job, "shell") ?? DefaultsRun(_workflow, "shell");
        return shell switch
        {
            "bash" => ("bash", new[] { "--noprofile", "--norc", "-eo", "pipefail" }),
            null => ("bash", new[] { "-e" }),
            "sh" => ("sh", new[] { "-e" }),
            _ => throw new WorkflowNotSupportedException($"shell: {shell} is not run by this runner (bash, sh or none)."),
        };
    }

    private (int ExitCode, string Log) RunScript(string script, (string File, string[] Arguments) shell, Dictionary<string, string> env, string workingDirectory)
    {
        if (!Directory.Exists(workingDirectory))
        {
            // GitHub's message for the same case.
            return (1, $"##[error]An error occurred trying to start process '/usr/bin/{shell.File}' with working directory '{workingDirectory}'. No such file or directory");
        }

        var file = Path.Combine(RunnerTemp, Guid.NewGuid().ToString("D") + ".sh");
        File.WriteAllText(file, script);
        var start = new ProcessStartInfo(shell.File)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in shell.Arguments.Append(file))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        // One log in the order the lines came, stdout and stderr together, as GitHub shows a step.
        var log = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)StepTimeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (124, log + $"\n(the step did not finish in {StepTimeout.TotalSeconds} s; its process tree was killed)");
        }

        process.WaitForExit(); // drains the asynchronous readers
        lock (log)
        {
            return (process.ExitCode, log.ToString());
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line != null)
        {
            lock (log)
            {
                log.Append(line).Append('\n');
            }
        }
    }

    /// <summary>GitHub's file-command format: `name=value` lines and `name&lt;&lt;DELIMITER` ... `DELIMITER` blocks.</summary>
    private static Dictionary<string, string> ReadFileCommand(string file)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = File.ReadAllText(file).Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            var equals = line.IndexOf('=');
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            if (heredoc > 0 && (equals < 0 || heredoc < equals))
            {
                var delimiter = line.Substring(heredoc + 2);
                var value = new List<string>();
                while (++i < lines.Length && lines[i] != delimiter)
                {
                    value.Add(lines[i]);
                }

                if (i >= lines.Length)
                {
                    throw new WorkflowNotSupportedException($"Unterminated {delimiter} block in {Path.GetFileName(file)}: GitHub fails the step.");
                }

                values[line.Substring(0, heredoc)] = string.Join("\n", value);
            }
            else if (equals > 0)
            {
                values[line.Substring(0, equals)] = line.Substring(equals + 1);
            }
            else
            {
                throw new WorkflowNotSupportedException($"Invalid line in {Path.GetFileName(file)}: '{line}'; GitHub fails the step.");
            }
        }

        return values;
    }

    private void RunAction(string uses, YamlMappingNode step, Dictionary<string, string> env, Dictionary<string, Dictionary<string, string>> outputs, Dictionary<string, string> exported, List<string> path, StringBuilder log)
    {
        var with = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Pairs(Map(step, "with", uses)))
        {
            with[key] = Evaluate(value, outputs, "with " + key);
        }

        switch (ActionName(uses))
        {
            case "actions/checkout":
                CopyTree(_repositorySource, Workspace);
                log.Append($"(stand-in) checked out {_trigger.Repository} at {_trigger.Ref} into {Workspace}\n");
                break;

            case "actions/setup-node":
                var bin = Path.Combine(ToolCache, "node", "bin");
                Directory.CreateDirectory(bin);
                var node = FindOnPath("node", env["PATH"]) ?? throw new WorkflowNotSupportedException("No node on the machine's PATH.");
                File.CreateSymbolicLink(Path.Combine(bin, "node"), node);
                WriteLauncher(Path.Combine(bin, "npm"), node, NpmCli);
                WriteLauncher(Path.Combine(bin, "npx"), node, Path.Combine(Path.GetDirectoryName(NpmCli)!, "npx-cli.js"));
                path.Add(bin);
                log.Append($"(stand-in) node-version '{(with.TryGetValue("node-version", out var version) ? version : "")}': the machine's Node {node} and npm {NpmCli}\n");
                if (with.TryGetValue("registry-url", out var registry) && registry.Length > 0)
                {
                    ConfigureAuthentication(registry, with.TryGetValue("scope", out var scope) ? scope : "", env, exported, log);
                }

                break;
        }
    }

    /// <summary>What actions/setup-node's src/authutil.ts does for `registry-url` (v7): the .npmrc in RUNNER_TEMP, NPM_CONFIG_USERCONFIG, and NODE_AUTH_TOKEN passed on only when set.</summary>
    private void ConfigureAuthentication(string registryUrl, string scope, Dictionary<string, string> env, Dictionary<string, string> exported, StringBuilder log)
    {
        var npmrc = Path.Combine(RunnerTemp, ".npmrc");
        if (!registryUrl.EndsWith('/'))
        {
            registryUrl += "/";
        }

        if (scope.Length > 0)
        {
            scope = (scope[0] == '@' ? scope : "@" + scope).ToLowerInvariant() + ":";
        }

        var contents = new StringBuilder();
        if (File.Exists(npmrc))
        {
            foreach (var line in File.ReadAllText(npmrc).Split('\n'))
            {
                if (!line.ToLowerInvariant().StartsWith(scope + "registry", StringComparison.Ordinal))
                {
                    contents.Append(line).Append('\n');
                }
            }
        }

        contents.Append(Regex.Replace(registryUrl, @"(^\w+:|^)", "")).Append(":_authToken=${NODE_AUTH_TOKEN}\n").Append(scope).Append("registry=").Append(registryUrl);
        File.WriteAllText(npmrc, contents.ToString());
        exported["NPM_CONFIG_USERCONFIG"] = npmrc;
        if (env.TryGetValue("NODE_AUTH_TOKEN", out var token))
        {
            exported["NODE_AUTH_TOKEN"] = token;
        }

        log.Append($"(stand-in) wrote {npmrc}:\n{contents}\n");
    }

    private static void WriteLauncher(string file, string node, string script)
    {
        File.WriteAllText(file, $"#!/bin/sh\nexec \"{node}\" \"{script}\" \"$@\"\n");
        File.SetUnixFileMode(file, (UnixFileMode)0x1ED); // 755
    }

    private static string? FindOnPath(string name, string path) =>
        path.Split(':').Where(p => p.Length > 0).Select(p => Path.Combine(p, name)).FirstOrDefault(File.Exists);

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static string ActionName(string uses)
    {
        var at = uses.IndexOf('@');
        var name = at < 0 ? uses : uses.Substring(0, at);
        return name.ToLowerInvariant() switch
        {
            "actions/checkout" => "actions/checkout",
            "actions/setup-node" => "actions/setup-node",
            _ => throw new WorkflowNotSupportedException($"uses: {uses}: this runner has no stand-in for that action."),
        };
    }

    /// <summary>The whole workflow checked before anything runs: every key, action, shell and expression must be one this runner runs.</summary>
    private void Validate()
    {
        NoExpressions(_workflow.Children[new YamlScalarNode("on")], "on");
        foreach (var key in new[] { "name", "permissions", "concurrency", "defaults" })
        {
            if (_workflow.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                NoExpressions(node, key);
            }
        }

        CheckDefaults(_workflow, "the workflow");
        CheckTrigger();
        Check(_job, "job " + _jobId, "name", "runs-on", "environment", "permissions", "defaults", "env", "steps", "timeout-minutes", "concurrency");
        foreach (var key in new[] { "name", "runs-on", "environment", "permissions", "defaults", "timeout-minutes", "concurrency" })
        {
            if (_job.Children.TryGetValue(new YamlScalarNode(key), out var node))
            {
                NoExpressions(node, "jobs." + _jobId + "." + key);
            }
        }

        CheckDefaults(_job, "job " + _jobId);
        var runsOn = Optional(_job, "runs-on") ?? "";
        if (!runsOn.StartsWith("ubuntu-", StringComparison.Ordinal))
        {
            throw new WorkflowNotSupportedException($"runs-on: {runsOn}: this runner stands in for GitHub-hosted ubuntu-* runners only.");
        }

        foreach (var (key, value) in Env(_workflow, "the workflow").Concat(Env(_job, "job " + _jobId)))
        {
            CheckExpressions(value, Array.Empty<string>(), "env " + key);
        }

        var earlier = new List<string>();
        var index = 0;
        foreach (var step in Steps())
        {
            index++;
            var where = $"step {index}";
            Check(step, where, "name", "id", "if", "uses", "with", "run", "env", "working-directory", "shell");
            var uses = Optional(step, "uses");
            var run = Optional(step, "run");
            if ((uses == null) == (run == null))
            {
                throw new WorkflowNotSupportedException($"{where} needs exactly one of uses: and run:.");
            }

            if (Optional(step, "if") is string condition)
            {
                CheckCondition(condition, earlier, where);
            }

            NoExpressions(step.Children.TryGetValue(new YamlScalarNode("shell"), out var shell) ? shell : null, where + " shell");
            NoExpressions(step.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) ? idNode : null, where + " id");
            NoExpressions(step.Children.TryGetValue(new YamlScalarNode("uses"), out var usesNode) ? usesNode : null, where + " uses");
            foreach (var key in new[] { "name", "run", "working-directory" })
            {
                if (Optional(step, key) is string text)
                {
                    CheckExpressions(text, earlier, $"{where} {key}");
                }
            }

            foreach (var (key, value) in Env(step, where).Concat(Pairs(Map(step, "with", where))))
            {
                CheckExpressions(value, earlier, $"{where} {key}");
            }

            if (uses != null)
            {
                if (step.Children.ContainsKey(new YamlScalarNode("working-directory")) || step.Children.ContainsKey(new YamlScalarNode("shell")))
                {
                    throw new WorkflowNotSupportedException($"{where}: working-directory and shell apply to run: steps only (GitHub rejects them with uses:).");
                }

                var allowed = ActionName(uses) switch
                {
                    "actions/checkout" => new[] { "persist-credentials", "fetch-depth" },
                    _ => new[] { "node-version", "package-manager-cache", "registry-url", "scope" },
                };
                foreach (var (key, _) in Pairs(Map(step, "with", where)))
                {
                    if (!allowed.Contains(key))
                    {
                        throw new WorkflowNotSupportedException($"{where} ({uses}): with.{key} is not stood in for by this runner.");
                    }
                }
            }
            else
            {
                Shell(step);
            }

            if (Optional(step, "id") is string id)
            {
                earlier.Add(id);
            }
        }
    }

    /// <summary>GitHub runs the workflow for this event only if `on:` lets it: push tags/branches filters with `*` and `**`.</summary>
    private void CheckTrigger()
    {
        var on = _workflow.Children[new YamlScalarNode("on")] as YamlMappingNode ?? throw new WorkflowNotSupportedException("on: must be a mapping for this runner.");
        if (!on.Children.TryGetValue(new YamlScalarNode(_trigger.EventName), out var eventNode))
        {
            throw new WorkflowNotSupportedException($"The workflow does not run on {_trigger.EventName}.");
        }

        if (_trigger.EventName != "push")
        {
            if (eventNode is YamlMappingNode inputs && inputs.Children.Count > 0)
            {
                throw new WorkflowNotSupportedException($"on.{_trigger.EventName} with settings is not run by this runner.");
            }

            return;
        }

        var filters = eventNode as YamlMappingNode ?? new YamlMappingNode();
        Check(filters, "on.push", "tags", "branches");
        var ours = _trigger.RefType == "tag" ? "tags" : "branches";
        var theirs = _trigger.RefType == "tag" ? "branches" : "tags";
        if (filters.Children.TryGetValue(new YamlScalarNode(ours), out var patterns))
        {
            var list = ((YamlSequenceNode)patterns).Children.Select(Text).ToList();
            if (!list.Any(p => GlobMatches(p, _trigger.RefName)))
            {
                throw new WorkflowNotSupportedException($"on.push.{ours} ({string.Join(", ", list)}) does not match {_trigger.RefName}: GitHub would not run the workflow.");
            }
        }
        else if (filters.Children.ContainsKey(new YamlScalarNode(theirs)))
        {
            throw new WorkflowNotSupportedException($"on.push names only {theirs}: GitHub would not run the workflow for {_trigger.Ref}.");
        }
    }

    /// <summary>GitHub's filter patterns, the part this runner supports: `*` (not across `/`) and `**`; anything else is refused.</summary>
    private static bool GlobMatches(string pattern, string value)
    {
        if (pattern.IndexOfAny(new[] { '?', '+', '[', ']', '!' }) >= 0)
        {
            throw new WorkflowNotSupportedException($"Filter pattern '{pattern}' uses syntax this runner does not match.");
        }

        var regex = "^" + string.Concat(Regex.Split(pattern, @"(\*\*|\*)").Select(part => part switch
        {
            "**" => ".*",
            "*" => "[^/]*",
            _ => Regex.Escape(part),
        })) + "$";
        return Regex.IsMatch(value, regex);
    }

    private static void CheckDefaults(YamlMappingNode owner, string where)
    {
        if (Map(owner, "defaults", where) is YamlMappingNode defaults)
        {
            Check(defaults, where + " defaults", "run");
            if (Map(defaults, "run", where + " defaults") is YamlMappingNode run)
            {
                Check(run, where + " defaults.run", "shell", "working-directory");
            }
        }
    }

    private static string? DefaultsRun(YamlMappingNode owner, string key) =>
        Map(owner, "defaults", "") is YamlMappingNode defaults && Map(defaults, "run", "") is YamlMappingNode run ? Optional(run, key) : null;

    private static void CheckExpressions(string text, IReadOnlyCollection<string> earlierSteps, string where)
    {
        foreach (Match match in Expression.Matches(text))
        {
            var expression = match.Groups[1].Value.Trim();
            var output = StepOutput.Match(expression);
            if (output.Success)
            {
                if (!earlierSteps.Contains(output.Groups[1].Value))
                {
                    throw new WorkflowNotSupportedException($"{where}: ${{{{ {expression} }}}} names no earlier step with that id.");
                }
            }
            else if (!IsRunnerOrGitHub(expression))
            {
                throw new WorkflowNotSupportedException($"{where}: ${{{{ {expression} }}}} is not an expression this runner evaluates (steps.<id>.outputs.<name>, runner.temp/os/arch, github.{string.Join("|", GitHubContext)}).");
            }
        }

        if (Expression.Replace(text, "").Contains("${{", StringComparison.Ordinal))
        {
            throw new WorkflowNotSupportedException($"{where}: an unterminated ${{{{ expression.");
        }
    }

    /// <summary>A step's `if:` without its optional `${{ }}`, matched against <see cref="Condition"/>: anything else is refused.</summary>
    private static Match ParseCondition(string condition, string where)
    {
        var text = condition.Trim();
        if (text.StartsWith("${{", StringComparison.Ordinal) && text.EndsWith("}}", StringComparison.Ordinal))
        {
            text = text.Substring(3, text.Length - 5);
        }

        var match = Condition.Match(text);
        return match.Success ? match : throw new WorkflowNotSupportedException(
            $"{where} if: {condition} is not a condition this runner evaluates (steps.<id>.outputs.<name> == or != 'text').");
    }

    private static void CheckCondition(string condition, IReadOnlyCollection<string> earlierSteps, string where)
    {
        var match = ParseCondition(condition, where);
        foreach (var side in new[] { match.Groups["left"].Value, match.Groups["right"].Value })
        {
            var output = StepOutput.Match(side);
            if (output.Success && !earlierSteps.Contains(output.Groups[1].Value))
            {
                throw new WorkflowNotSupportedException($"{where} if: {condition} names no earlier step with that id.");
            }
        }
    }

    /// <summary>GitHub compares strings ignoring case; an output a step did not set (or a skipped step's) is empty.</summary>
    private static bool ConditionHolds(string condition, Dictionary<string, Dictionary<string, string>> outputs)
    {
        var match = ParseCondition(condition, "if");
        string Value(string side)
        {
            var output = StepOutput.Match(side);
            if (!output.Success)
            {
                return side.Substring(1, side.Length - 2).Replace("''", "'", StringComparison.Ordinal);
            }

            return outputs.TryGetValue(output.Groups[1].Value, out var values) && values.TryGetValue(output.Groups[2].Value, out var value) ? value : "";
        }

        var equal = string.Equals(Value(match.Groups["left"].Value), Value(match.Groups["right"].Value), StringComparison.OrdinalIgnoreCase);
        return match.Groups["op"].Value == "==" ? equal : !equal;
    }

    private static bool IsRunnerOrGitHub(string expression) =>
        expression is "runner.temp" or "runner.os" or "runner.arch"
        || (expression.StartsWith("github.", StringComparison.Ordinal) && GitHubContext.Contains(expression.Substring("github.".Length)));

    private string Evaluate(string text, Dictionary<string, Dictionary<string, string>>? outputs, string where) =>
        Expression.Replace(text, match =>
        {
            var expression = match.Groups[1].Value.Trim();
            var output = StepOutput.Match(expression);
            if (output.Success)
            {
                if (outputs == null)
                {
                    throw new WorkflowNotSupportedException($"{where}: the steps context is not available here.");
                }

                // An output the step did not set is empty, as on GitHub.
                return outputs.TryGetValue(output.Groups[1].Value, out var values) && values.TryGetValue(output.Groups[2].Value, out var value) ? value : "";
            }

            return expression switch
            {
                "runner.temp" => RunnerTemp,
                "runner.os" => "Linux",
                "runner.arch" => "X64",
                "github.repository" => _trigger.Repository,
                "github.repository_owner" => _trigger.Owner,
                "github.ref" => _trigger.Ref,
                "github.ref_name" => _trigger.RefName,
                "github.ref_type" => _trigger.RefType,
                "github.workspace" => Workspace,
                "github.event_name" => _trigger.EventName,
                "github.sha" => Sha,
                "github.server_url" => "https://github.com",
                "github.job" => _jobId,
                "github.workflow" => Optional(_workflow, "name") ?? ".github/workflows/" + _workflowFile,
                _ => throw new WorkflowNotSupportedException($"{where}: ${{{{ {expression} }}}} is not evaluated by this runner."),
            };
        });

    private IEnumerable<YamlMappingNode> Steps() =>
        (_job.Children.TryGetValue(new YamlScalarNode("steps"), out var steps) ? steps as YamlSequenceNode : null)?.Children
            .Select((s, i) => s as YamlMappingNode ?? throw new WorkflowNotSupportedException($"step {i + 1} is not a mapping."))
        ?? throw new WorkflowNotSupportedException($"Job {_jobId} has no steps.");

    private static void Check(YamlMappingNode map, string where, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = Text(key);
            if (!allowed.Contains(name))
            {
                throw new WorkflowNotSupportedException($"{where}: key '{name}' is not run by this runner (it knows {string.Join(", ", allowed)}).");
            }
        }
    }

    private static void NoExpressions(YamlNode? node, string where)
    {
        if (node != null && node.AllNodes.OfType<YamlScalarNode>().FirstOrDefault(s => (s.Value ?? "").Contains("${{", StringComparison.Ordinal)) is YamlScalarNode found)
        {
            throw new WorkflowNotSupportedException($"{where}: '{found.Value}' holds an expression where this runner evaluates none.");
        }
    }

    private static YamlMappingNode? Map(YamlMappingNode owner, string key, string where) =>
        owner.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node as YamlMappingNode ?? (node is YamlScalarNode { Value: null or "" } ? new YamlMappingNode() : throw new WorkflowNotSupportedException($"{where}: {key} is not a mapping."))
            : null;

    private static IEnumerable<KeyValuePair<string, string>> Pairs(YamlMappingNode? map) =>
        map?.Children.Select(c => new KeyValuePair<string, string>(Text(c.Key), Text(c.Value))) ?? Enumerable.Empty<KeyValuePair<string, string>>();

    private static IEnumerable<KeyValuePair<string, string>> Env(YamlMappingNode owner, string where) => Pairs(Map(owner, "env", where));

    private static string? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? Text(node) : null;

    private static string Text(YamlNode node) =>
        node as YamlScalarNode is { } scalar ? scalar.Value ?? "" : throw new WorkflowNotSupportedException($"({node.Start.Line},{node.Start.Column}): a scalar was expected.");

    public void Dispose()
    {
        try
        {
            // The link to the shared npm cache goes first, so nothing can delete through it.
            var npmCache = Path.Combine(Home, ".npm");
            if (new FileInfo(npmCache).LinkTarget != null)
            {
                File.Delete(npmCache);
            }

            Directory.Delete(Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is not a test failure.
        }
    }
}
