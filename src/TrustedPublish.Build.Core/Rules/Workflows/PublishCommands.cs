using System;
using System.Collections.Generic;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>A command found to publish to npm.</summary>
internal sealed class PublishCommandMatch
{
    public PublishCommandMatch(string command, bool allWorkspaces, PublishTool tool)
    {
        Command = command;
        AllWorkspaces = allWorkspaces;
        Tool = tool;
    }

    /// <summary>The command that publishes: the one read, or the package.json script command it leads to.</summary>
    public string Command { get; }

    /// <summary>It publishes every package of a monorepo (npm --workspaces, pnpm -r, release tools).</summary>
    public bool AllWorkspaces { get; }

    /// <summary>The program that publishes (npm, pnpm, yarn npm, changeset, ...).</summary>
    public PublishTool Tool { get; }
}

/// <summary>
/// Decides from a command's words whether it publishes to npm: npm/pnpm/yarn/bun publish, the runners that start
/// a release tool (npx, npm exec, pnpm exec/dlx, yarn dlx, bunx), changeset publish, semantic-release and lerna
/// publish, and package.json scripts that lead to one of these. Only the program and its subcommand count, so
/// `echo "npm publish"` and `npm run publish:docs` (when that script does not publish) do not.
/// </summary>
internal static class PublishCommands
{
    /// <summary>How many scripts deep `npm run a` -> `npm run b` -> ... is followed.</summary>
    internal const int MaxScriptDepth = 8;

    private const string Publish = "publish";

    private static readonly string[] NpmOptionsWithValue =
    {
        "--registry", "--tag", "--access", "--otp", "--workspace", "-w", "--prefix", "-C", "--userconfig", "--globalconfig",
        "--cache", "--loglevel", "--scope", "--auth-type", "--cafile", "--include", "--omit", "--script-shell", "--node-options",
    };

    private static readonly string[] PnpmOptionsWithValue =
    {
        "-C", "--dir", "--filter", "-F", "--filter-prod", "--workspace-dir", "--reporter", "--loglevel", "--test-pattern",
        "--changed-files-ignore-pattern", "--registry", "--tag", "--access", "--otp", "--publish-branch",
    };

    private static readonly string[] YarnOptionsWithValue = { "--cwd" };

    private static readonly string[] YarnForeachOptionsWithValue = { "-j", "--jobs", "--include", "--exclude", "--from" };

    private static readonly string[] BunOptionsWithValue = { "--cwd", "--filter", "-F", "--registry", "--tag", "--access", "--otp" };

    private static readonly string[] RunnerOptionsWithValue = { "-p", "--package", "-c", "--call", "--registry", "--cache", "--userconfig", "-w", "--workspace", "-C", "--dir", "--reporter" };

    private static readonly string[] ToolOptionsWithValue = { "--cwd" };

    // Subcommands that are never a package.json script: `pnpm install` installs even when a script is named install.
    private static readonly HashSet<string> PnpmCommands = new(StringComparer.Ordinal)
    {
        "add", "i", "install", "install-test", "it", "update", "up", "upgrade", "remove", "rm", "uninstall", "un", "link", "ln",
        "unlink", "import", "rebuild", "rb", "prune", "fetch", "patch", "patch-commit", "patch-remove", "audit", "list", "ls",
        "ll", "la", "outdated", "why", "licenses", "pack", "create", "init", "deploy", "store", "server", "root", "bin",
        "setup", "env", "config", "c", "get", "set", "doctor", "self-update", "dedupe", "approve-builds", "ignored-builds",
        "help", "cat-file", "cat-index", "find-hash", "login", "logout", "whoami", "view", "info", "dist-tag", "owner",
    };

    private static readonly HashSet<string> YarnCommands = new(StringComparer.Ordinal)
    {
        "install", "add", "remove", "up", "upgrade", "upgrade-interactive", "info", "config", "set", "plugin", "constraints",
        "why", "init", "link", "unlink", "cache", "version", "node", "pack", "patch", "patch-commit", "rebuild", "dedupe",
        "explain", "search", "stage", "unplug", "bin", "create", "global", "login", "logout", "owner", "tag", "team",
        "outdated", "list", "licenses", "check", "audit", "autoclean", "generate-lock-entry", "import", "help", "policies",
    };

    private static readonly HashSet<string> BunCommands = new(StringComparer.Ordinal)
    {
        "install", "i", "add", "a", "remove", "rm", "update", "link", "unlink", "pm", "build", "test", "init", "create", "c",
        "upgrade", "outdated", "patch", "audit", "info", "why", "exec", "repl",
    };

    public static PublishCommandMatch? Recognize(ShellCommand command, PackageScripts? scripts) => Recognize(command, scripts, 0);

    /// <summary>
    /// A cheap test a text must pass before it is worth reading: every command this class recognises contains one
    /// of these words. False means nothing in the text publishes; true decides nothing.
    /// </summary>
    public static bool MayAppearIn(string text)
    {
        if (text.IndexOf(Publish, StringComparison.Ordinal) >= 0 || text.IndexOf("semantic-release", StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        // npm takes unique abbreviations of its commands: `npm pu` .. `npm publi` publish too.
        for (var at = text.IndexOf("pu", StringComparison.Ordinal); at >= 0; at = text.IndexOf("pu", at + 2, StringComparison.Ordinal))
        {
            if (at > 0 && IsWordCharacter(text[at - 1]))
            {
                continue;
            }

            var end = at + 2;
            while (end < text.Length && end - at < Publish.Length && text[end] == Publish[end - at])
            {
                end++;
            }

            if (end == text.Length || !IsWordCharacter(text[end]))
            {
                return true;
            }
        }

        return false;
    }

    private static PublishCommandMatch? Recognize(ShellCommand command, PackageScripts? scripts, int depth)
    {
        if (IsDryRun(command))
        {
            return null;
        }

        var words = command.Words;
        var i = 0;
        string? impliedTool = null; // `yarn workspaces foreach <command>`: the command is yarn's, without "yarn".
        var allWorkspaces = false;

        // Every turn either returns or moves i forward (or drops impliedTool), so this ends within the words.
        while (i < words.Count)
        {
            var program = impliedTool ?? ProgramName(words[i].Value);
            var arguments = impliedTool != null ? i : i + 1;
            impliedTool = null;
            int sub;
            switch (program)
            {
                case "npx":
                case "bunx":
                case "pnpx":
                    i = SkipOptions(words, arguments, RunnerOptionsWithValue);
                    continue;

                case "npm":
                    {
                        sub = SkipOptions(words, arguments, NpmOptionsWithValue);
                        var name = sub < words.Count ? words[sub].Value : "";
                        if (IsNpmPublish(name))
                        {
                            return Found(command, allWorkspaces || HasAny(words, arguments, "--workspaces", "-ws", "--workspaces=true"), PublishTool.Npm);
                        }

                        if (name == "stage")
                        {
                            var staged = SkipOptions(words, sub + 1, NpmOptionsWithValue);
                            return staged < words.Count && IsNpmPublish(words[staged].Value) ? Found(command, allWorkspaces, PublishTool.Npm) : null;
                        }

                        if (name == "exec" || name == "x")
                        {
                            i = SkipOptions(words, sub + 1, RunnerOptionsWithValue);
                            continue;
                        }

                        var script = IsNpmRun(name) ? SkipOptions(words, sub + 1, NpmOptionsWithValue) : -1;
                        var scriptName = script >= 0 && script < words.Count ? words[script].Value
                            : name == "test" || name == "t" || name == "tst" ? "test"
                            : name == "start" ? "start"
                            : null;
                        return scriptName == null ? null : RunScript(command, scriptName, scripts, depth, npmLifecycle: true, allWorkspaces).Match;
                    }

                case "pnpm":
                    {
                        var recursive = HasAny(words, arguments, "-r", "--recursive");
                        sub = SkipOptions(words, arguments, PnpmOptionsWithValue);
                        if (sub < words.Count && (words[sub].Value == "recursive" || words[sub].Value == "multi" || words[sub].Value == "m"))
                        {
                            recursive = true;
                            sub = SkipOptions(words, sub + 1, PnpmOptionsWithValue);
                        }

                        allWorkspaces |= recursive;
                        var name = sub < words.Count ? words[sub].Value : "";
                        switch (name)
                        {
                            case Publish:
                                return Found(command, allWorkspaces, PublishTool.Pnpm);
                            case "exec":
                            case "dlx":
                                i = SkipOptions(words, sub + 1, RunnerOptionsWithValue);
                                continue;
                            case "run":
                            case "run-script":
                                {
                                    var script = SkipOptions(words, sub + 1, PnpmOptionsWithValue);
                                    return script < words.Count ? RunScript(command, words[script].Value, scripts, depth, npmLifecycle: false, allWorkspaces).Match : null;
                                }

                            case "test":
                            case "t":
                            case "tst":
                                return RunScript(command, "test", scripts, depth, npmLifecycle: false, allWorkspaces).Match;
                            case "":
                                return null;
                        }

                        if (PnpmCommands.Contains(name))
                        {
                            return null;
                        }

                        // pnpm runs a script of that name, or else the program from node_modules/.bin (`pnpm changeset publish`).
                        var run = RunScript(command, name, scripts, depth, npmLifecycle: false, allWorkspaces);
                        if (run.Exists)
                        {
                            return run.Match;
                        }

                        i = sub;
                        continue;
                    }

                case "yarn":
                    {
                        sub = SkipOptions(words, arguments, YarnOptionsWithValue);
                        var name = sub < words.Count ? words[sub].Value : "";
                        switch (name)
                        {
                            case Publish: // Yarn classic
                                return Found(command, allWorkspaces, PublishTool.YarnClassic);
                            case "npm": // Yarn Berry
                                {
                                    var npmSub = SkipOptions(words, sub + 1, YarnOptionsWithValue);
                                    return npmSub < words.Count && words[npmSub].Value == Publish ? Found(command, allWorkspaces, PublishTool.YarnBerry) : null;
                                }

                            case "workspaces":
                                {
                                    var foreachAt = SkipOptions(words, sub + 1, YarnOptionsWithValue);
                                    if (foreachAt >= words.Count || words[foreachAt].Value != "foreach")
                                    {
                                        return null;
                                    }

                                    allWorkspaces = true;
                                    impliedTool = "yarn";
                                    i = SkipOptions(words, foreachAt + 1, YarnForeachOptionsWithValue);
                                    continue;
                                }

                            case "workspace":
                                // yarn workspace <name> <command>: the command is yarn's, run in that one workspace.
                                impliedTool = "yarn";
                                i = sub + 2;
                                continue;
                            case "dlx":
                            case "exec":
                                i = SkipOptions(words, sub + 1, RunnerOptionsWithValue);
                                continue;
                            case "run":
                                {
                                    var script = SkipOptions(words, sub + 1, YarnOptionsWithValue);
                                    if (script >= words.Count)
                                    {
                                        return null;
                                    }

                                    var run = RunScript(command, words[script].Value, scripts, depth, npmLifecycle: false, allWorkspaces);
                                    if (run.Exists)
                                    {
                                        return run.Match;
                                    }

                                    i = script;
                                    continue;
                                }

                            case "":
                                return null; // plain `yarn` installs.
                        }

                        if (YarnCommands.Contains(name))
                        {
                            return null;
                        }

                        var implicitRun = RunScript(command, name, scripts, depth, npmLifecycle: false, allWorkspaces);
                        if (implicitRun.Exists)
                        {
                            return implicitRun.Match;
                        }

                        i = sub; // yarn <program>: a program from node_modules/.bin.
                        continue;
                    }

                case "bun":
                    {
                        sub = SkipOptions(words, arguments, BunOptionsWithValue);
                        var name = sub < words.Count ? words[sub].Value : "";
                        if (name == Publish)
                        {
                            return Found(command, allWorkspaces, PublishTool.Bun);
                        }

                        if (name == "x")
                        {
                            i = SkipOptions(words, sub + 1, RunnerOptionsWithValue);
                            continue;
                        }

                        if (name == "run")
                        {
                            var script = SkipOptions(words, sub + 1, BunOptionsWithValue);
                            if (script >= words.Count)
                            {
                                return null;
                            }

                            var run = RunScript(command, words[script].Value, scripts, depth, npmLifecycle: false, allWorkspaces);
                            if (run.Exists)
                            {
                                return run.Match;
                            }

                            i = script;
                            continue;
                        }

                        // bun <name> runs a script of that name; otherwise a file, never a release tool.
                        return name.Length == 0 || BunCommands.Contains(name) ? null : RunScript(command, name, scripts, depth, npmLifecycle: false, allWorkspaces).Match;
                    }

                case "changeset":
                case "lerna":
                    {
                        sub = SkipOptions(words, arguments, ToolOptionsWithValue);
                        var tool = program == "lerna" ? PublishTool.Lerna : PublishTool.Changesets;
                        return sub < words.Count && words[sub].Value == Publish ? Found(command, allWorkspaces: true, tool) : null;
                    }

                case "semantic-release":
                    return HasAny(words, arguments, "-d") ? null : Found(command, allWorkspaces: true, PublishTool.SemanticRelease);

                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Runs a package.json script as npm/pnpm/yarn/bun would (npm also runs pre&lt;name&gt; and post&lt;name&gt;), and says
    /// whether the script exists and whether running it publishes.
    /// </summary>
    private static (bool Exists, PublishCommandMatch? Match) RunScript(ShellCommand command, string name, PackageScripts? scripts, int depth, bool npmLifecycle, bool allWorkspaces)
    {
        if (scripts == null || !scripts.Has(name))
        {
            return (false, null);
        }

        var found = FollowScript(name, scripts, depth);
        if (found == null && npmLifecycle)
        {
            found = FollowScript("pre" + name, scripts, depth) ?? FollowScript("post" + name, scripts, depth);
        }

        return (true, found == null ? null : new PublishCommandMatch(found.Command, found.AllWorkspaces || allWorkspaces, found.Tool));
    }

    private static PublishCommandMatch? FollowScript(string name, PackageScripts scripts, int depth)
    {
        var text = scripts.Command(name);
        if (text == null || depth >= MaxScriptDepth)
        {
            return null;
        }

        if (scripts.Recognized.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!scripts.Following.Add(name))
        {
            return null; // A script that runs itself: only its other commands can publish.
        }

        PublishCommandMatch? found = null;
        foreach (var inner in ShellCommands.Read(text))
        {
            found = Recognize(inner, scripts, depth + 1);
            if (found != null)
            {
                break;
            }
        }

        scripts.Following.Remove(name);
        scripts.Recognized[name] = found;
        return found;
    }

    /// <summary>
    /// The package.json script a command runs, by the same rules the publish reader follows: `npm run X` (and its
    /// aliases), `npm test`, `pnpm [run] X`, `yarn [run] X`, `bun run X`; null for anything else.
    /// </summary>
    internal static string? ScriptRunBy(ShellCommand command)
    {
        var words = command.Words;
        string? At(int index) => index < words.Count ? words[index].Value : null;
        switch (ProgramName(words[0].Value))
        {
            case "npm":
                {
                    var sub = SkipOptions(words, 1, NpmOptionsWithValue);
                    var name = At(sub) ?? "";
                    return IsNpmRun(name) ? At(SkipOptions(words, sub + 1, NpmOptionsWithValue)) : name is "test" or "t" or "tst" ? "test" : name == "start" ? "start" : null;
                }

            case "pnpm":
                {
                    var sub = SkipOptions(words, 1, PnpmOptionsWithValue);
                    var name = At(sub) ?? "";
                    return name is "run" or "run-script" ? At(SkipOptions(words, sub + 1, PnpmOptionsWithValue))
                        : name is "test" or "t" or "tst" ? "test"
                        : name.Length == 0 || name == Publish || PnpmCommands.Contains(name) ? null : name;
                }

            case "yarn":
                {
                    var sub = SkipOptions(words, 1, YarnOptionsWithValue);
                    var name = At(sub) ?? "";
                    return name == "run" ? At(SkipOptions(words, sub + 1, YarnOptionsWithValue))
                        : name.Length == 0 || name is Publish or "npm" or "workspaces" || YarnCommands.Contains(name) ? null : name;
                }

            case "bun":
                {
                    var sub = SkipOptions(words, 1, BunOptionsWithValue);
                    return At(sub) == "run" ? At(SkipOptions(words, sub + 1, BunOptionsWithValue)) : null;
                }

            default:
                return null;
        }
    }

    /// <summary>For `npm [options] &lt;subcommand&gt; ...`: the index of the subcommand's word; -1 when the program is not npm or has none.</summary>
    internal static int NpmSubcommand(ShellCommand command)
    {
        if (ProgramName(command.Words[0].Value) != "npm")
        {
            return -1;
        }

        var sub = SkipOptions(command.Words, 1, NpmOptionsWithValue);
        return sub < command.Words.Count ? sub : -1;
    }

    private static PublishCommandMatch Found(ShellCommand command, bool allWorkspaces, PublishTool tool) => new(command.Text, allWorkspaces, tool);

    /// <summary>npm has no alias for publish, but it takes any unique abbreviation of a command (lib/utils/cmd-list.js): pu .. publish; p and pr are ambiguous.</summary>
    private static bool IsNpmPublish(string name) =>
        name.Length >= 2 && name.Length <= Publish.Length && string.CompareOrdinal(Publish, 0, name, 0, name.Length) == 0;

    /// <summary>run, its alias run-script (and that one's abbreviations), and the typos npm accepts.</summary>
    private static bool IsNpmRun(string name) =>
        name == "run" || name == "rum" || name == "urn"
        || (name.Length > 3 && name.Length <= "run-script".Length && string.CompareOrdinal("run-script", 0, name, 0, name.Length) == 0);

    /// <summary>--dry-run anywhere, or npm_config_dry_run=true before the command: nothing is published.</summary>
    private static bool IsDryRun(ShellCommand command)
    {
        foreach (var word in command.Words)
        {
            if (word.Value == "--dry-run" || word.Value == "--dry-run=true")
            {
                return true;
            }
        }

        foreach (var assignment in command.Assignments)
        {
            if (assignment.Value.Equals("npm_config_dry_run=true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The program a word names: the file name of a path, the bin of a package spec given to a runner.</summary>
    internal static string ProgramName(string word)
    {
        if (word.StartsWith("@", StringComparison.Ordinal))
        {
            var version = word.IndexOf('@', 1);
            var package = version > 0 ? word.Substring(0, version) : word;
            return package == "@changesets/cli" ? "changeset" : package;
        }

        var name = word.Substring(word.LastIndexOf('/') + 1);
        var at = name.IndexOf('@');
        return at > 0 ? name.Substring(0, at) : name;
    }

    /// <summary>The index of the first word from <paramref name="from"/> that is not an option (or the option's value).</summary>
    private static int SkipOptions(IReadOnlyList<ShellWord> words, int from, string[] optionsWithValue)
    {
        var k = from;
        while (k < words.Count)
        {
            var value = words[k].Value;
            if (value == "--")
            {
                return k + 1;
            }

            if (value.Length < 2 || value[0] != '-')
            {
                return k;
            }

            k += Array.IndexOf(optionsWithValue, value) >= 0 ? 2 : 1;
        }

        return words.Count;
    }

    private static bool HasAny(IReadOnlyList<ShellWord> words, int from, params string[] values)
    {
        for (var k = from; k < words.Count; k++)
        {
            if (Array.IndexOf(values, words[k].Value) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == ':' || c == '.' || c == '@' || c == '/';
}
