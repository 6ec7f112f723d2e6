using System;
using System.Collections.Generic;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>A step that pushes to nuget.org (a push command in its run: script) or logs in with NuGet/login.</summary>
internal sealed class NuGetStep
{
    internal NuGetStep(WorkflowStep step, string what, int line, int column, bool isLogin, string? apiKey)
    {
        Step = step;
        What = what;
        Line = line;
        Column = column;
        IsLogin = isLogin;
        ApiKey = apiKey;
    }

    public WorkflowStep Step { get; }

    public WorkflowJob Job => Step.Job;

    public WorkflowDocument Workflow => Step.Job.Workflow;

    /// <summary>The push command as written, or the action reference.</summary>
    public string What { get; }

    /// <summary>1-based line of the command's first word (of the uses: value for the action).</summary>
    public int Line { get; }

    public int Column { get; }

    /// <summary>True for a NuGet/login step; false for a push.</summary>
    public bool IsLogin { get; }

    /// <summary>The push's API key argument as written in the script (expressions kept), or null when none is given.</summary>
    public string? ApiKey { get; }
}

/// <summary>
/// Finds the steps of a workflow that push to nuget.org and those that run NuGet/login. A run: script is read as shell
/// commands (<see cref="ShellCommands"/>): `dotnet nuget push` with a source on nuget.org, and nuget.exe's `nuget push`
/// with such a source or none (nuget.exe pushes to nuget.org by default; `dotnet nuget push` without a source uses the
/// configured default, which the workflow does not show, so it is not counted). A source held in a variable is unknown
/// and not counted either.
/// </summary>
internal static class NuGetStepFinder
{
    /// <summary>A cheap pre-filter, never the decision: false when no push or login can be in the text.</summary>
    public static bool MayAppearIn(string text) => text.IndexOf("nuget", StringComparison.OrdinalIgnoreCase) >= 0;

    public static IEnumerable<NuGetStep> Find(WorkflowDocument workflow)
    {
        foreach (var job in workflow.Jobs)
        {
            foreach (var step in job.Steps)
            {
                var uses = step.Uses;
                if (uses != null && uses.StartsWith("nuget/login@", StringComparison.OrdinalIgnoreCase))
                {
                    var node = WorkflowDocument.Child(step.Node, "uses")!;
                    yield return new NuGetStep(step, uses, (int)node.Start.Line, (int)node.Start.Column, isLogin: true, apiKey: null);
                }

                var run = step.Run;
                if (run?.Value == null || !MayAppearIn(run.Value))
                {
                    continue;
                }

                // ${{ }} is replaced by GitHub before the shell runs; its inner spaces are not word breaks. Same length, same offsets.
                var script = JoinExpressions(run.Value);
                foreach (var command in ShellCommands.Read(script))
                {
                    var (apiKey, pushes) = PushToNuGetOrg(command, script);
                    if (pushes)
                    {
                        var (line, column) = workflow.LocateInValue(run, command.Start);
                        yield return new NuGetStep(step, command.Text, line, column, isLogin: false, apiKey);
                        break; // One finding per step is enough for every rule.
                    }
                }
            }
        }
    }

    /// <summary>Whether the command pushes to nuget.org, and its API key argument as written (null when none).</summary>
    private static (string? ApiKey, bool Pushes) PushToNuGetOrg(ShellCommand command, string script)
    {
        var words = command.Words;
        int arguments;
        bool dotnet;
        if (words.Count >= 3 && Program(words[0].Value) == "dotnet" && words[1].Value == "nuget" && words[2].Value == "push")
        {
            (arguments, dotnet) = (3, true);
        }
        else if (words.Count >= 2 && Program(words[0].Value) is "nuget" or "nuget.exe" && string.Equals(words[1].Value, "push", StringComparison.OrdinalIgnoreCase))
        {
            (arguments, dotnet) = (2, false);
        }
        else
        {
            return (null, false);
        }

        string? source = null;
        string? apiKey = null;
        for (var i = arguments; i < words.Count; i++)
        {
            var word = words[i].Value;
            var (option, inline) = SplitOption(word);
            var next = inline ?? (i + 1 < words.Count ? script.Substring(words[i + 1].Start, words[i + 1].End - words[i + 1].Start) : null);
            if (IsOption(option, dotnet, "--source", "-s", "-source", "-src"))
            {
                source = inline ?? (i + 1 < words.Count ? words[i + 1].Value : null);
            }
            else if (IsOption(option, dotnet, "--api-key", "-k", "-apikey", null))
            {
                apiKey = next;
            }
        }

        // nuget.exe pushes to nuget.org when no source is given.
        var toNuGetOrg = source == null ? !dotnet : source.IndexOf("nuget.org", StringComparison.OrdinalIgnoreCase) >= 0;
        return (apiKey, toNuGetOrg);
    }

    private static string Program(string word)
    {
        var slash = Math.Max(word.LastIndexOf('/'), word.LastIndexOf('\\'));
        var name = slash < 0 ? word : word.Substring(slash + 1);
        return name.ToLowerInvariant() == "dotnet.exe" ? "dotnet" : name.ToLowerInvariant();
    }

    private static (string Option, string? Inline) SplitOption(string word)
    {
        var equals = word.IndexOf('=');
        return word.StartsWith("-", StringComparison.Ordinal) && equals > 0 ? (word.Substring(0, equals), word.Substring(equals + 1)) : (word, null);
    }

    /// <summary>dotnet's options are case-sensitive; nuget.exe's are not (-Source, -ApiKey).</summary>
    private static bool IsOption(string word, bool dotnet, string dotnetLong, string dotnetShort, string nugetLong, string? nugetShort) => dotnet
        ? word == dotnetLong || word == dotnetShort
        : string.Equals(word, nugetLong, StringComparison.OrdinalIgnoreCase) || (nugetShort != null && string.Equals(word, nugetShort, StringComparison.OrdinalIgnoreCase));

    /// <summary>The script with the spaces inside each ${{ ... }} replaced, so an expression stays one word.</summary>
    internal static string JoinExpressions(string script)
    {
        var open = script.IndexOf("${{", StringComparison.Ordinal);
        if (open < 0)
        {
            return script;
        }

        var text = new StringBuilder(script);
        while (open >= 0)
        {
            var close = script.IndexOf("}}", open + 3, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            for (var i = open + 3; i < close; i++)
            {
                if (text[i] == ' ' || text[i] == '\t')
                {
                    text[i] = '_';
                }
            }

            open = script.IndexOf("${{", close + 2, StringComparison.Ordinal);
        }

        return text.ToString();
    }

    /// <summary>
    /// Where an API key argument comes from: "the secret X" when it is a secrets expression, or a variable whose env value
    /// (step, job or workflow level) is one; null for anything else (NuGet/login's output, a literal, an unknown value).
    /// </summary>
    public static string? SecretBehind(NuGetStep push)
    {
        var key = push.ApiKey;
        if (key == null)
        {
            return null;
        }

        if (SecretName(key) is string direct)
        {
            return "the secret " + direct;
        }

        var variable = VariableName(key.Trim('"', '\''));
        if (variable != null && push.Step.Env.TryGetValue(variable, out var envKey) && push.Step.EnvValue(envKey) is YamlScalarNode { Value: string value } && SecretName(value) is string behind)
        {
            return $"${variable}, which is the secret {behind}";
        }

        return null;
    }

    /// <summary>The NAME of a `secrets.NAME` expression in <paramref name="text"/>, or null.</summary>
    private static string? SecretName(string text)
    {
        var at = text.IndexOf("secrets.", StringComparison.Ordinal);
        if (at < 0 || text.IndexOf("${{", StringComparison.Ordinal) < 0)
        {
            return null;
        }

        var end = at + "secrets.".Length;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return end > at + "secrets.".Length ? text.Substring(at + "secrets.".Length, end - at - "secrets.".Length) : null;
    }

    /// <summary>VAR of $VAR, ${VAR}, $env:VAR (PowerShell) or %VAR% (cmd); null otherwise.</summary>
    private static string? VariableName(string word)
    {
        string inner;
        if (word.StartsWith("${", StringComparison.Ordinal) && word.EndsWith("}", StringComparison.Ordinal) && !word.StartsWith("${{", StringComparison.Ordinal))
        {
            inner = word.Substring(2, word.Length - 3);
        }
        else if (word.StartsWith("$env:", StringComparison.OrdinalIgnoreCase))
        {
            inner = word.Substring(5);
        }
        else if (word.StartsWith("$", StringComparison.Ordinal))
        {
            inner = word.Substring(1);
        }
        else if (word.Length > 2 && word[0] == '%' && word[word.Length - 1] == '%')
        {
            inner = word.Substring(1, word.Length - 2);
        }
        else
        {
            return null;
        }

        return inner.Length > 0 && Text.Chars.OnlyLettersDigitsAnd(inner, "_") ? inner : null;
    }
}
