using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>A step that publishes to npm, and where in the file it does so.</summary>
public sealed class PublishStep
{
    internal PublishStep(WorkflowStep step, string command, int line, int column, bool isAction, string? directory, bool allWorkspaces)
    {
        Step = step;
        Command = command;
        Line = line;
        Column = column;
        IsAction = isAction;
        Directory = directory;
        AllWorkspaces = allWorkspaces;
    }

    public WorkflowStep Step { get; }

    public WorkflowDocument Workflow => Step.Job.Workflow;

    public WorkflowJob Job => Step.Job;

    /// <summary>The publishing command as written (or the action reference).</summary>
    public string Command { get; }

    public int Line { get; }

    public int Column { get; }

    public bool IsAction { get; }

    /// <summary>The folder it publishes from, relative to the repository root; null when unknown.</summary>
    public string? Directory { get; }

    /// <summary>npm publish --workspaces and tools that publish every package of a monorepo.</summary>
    public bool AllWorkspaces { get; }
}

/// <summary>Finds the steps that publish: npm/pnpm/yarn publish commands, release tools that run them, and publish actions.</summary>
public static class PublishStepFinder
{
    private static readonly Regex PublishCommand = new(
        @"(?<![\w-])(?:(?:npm|pnpm)\s+(?:[-\w=.]+\s+)*?publish(?![\w-])[^\n;&|#]*|yarn\s+npm\s+publish(?![\w-])[^\n;&|#]*|changeset\s+publish(?![\w-])[^\n;&|#]*|semantic-release(?![\w-])[^\n;&|#]*)",
        RegexOptions.CultureInvariant);

    private static readonly string[] PublishActions = { "js-devtools/npm-publish@" };

    public static IEnumerable<PublishStep> Find(WorkflowDocument workflow)
    {
        foreach (var job in workflow.Jobs)
        {
            foreach (var step in job.Steps)
            {
                var run = step.Run;
                if (run?.Value != null)
                {
                    foreach (var line in run.Value.Split('\n'))
                    {
                        var code = StripComment(line);
                        var match = PublishCommand.Match(code);
                        if (!match.Success || Regex.IsMatch(match.Value, @"--dry-run(?![\w-])"))
                        {
                            continue;
                        }

                        var command = match.Value.Trim();
                        var (l, c) = workflow.Locate(run, command);
                        var monorepo = Regex.IsMatch(command, @"(?:--workspaces|\s-ws)(?![\w-])|-r\s|--recursive|changeset|semantic-release");
                        yield return new PublishStep(step, command, l, c, false, step.WorkingDirectory, monorepo);
                        break;
                    }
                }

                var uses = step.Uses;
                if (uses == null)
                {
                    continue;
                }

                var lower = uses.ToLowerInvariant();
                var publishesViaInput = lower.StartsWith("changesets/action@", StringComparison.Ordinal)
                    && step.With != null && WorkflowDocument.Child(step.With, "publish") != null;
                if (PublishActions.Any(a => lower.StartsWith(a, StringComparison.Ordinal)) || publishesViaInput)
                {
                    var node = WorkflowDocument.Child(step.Node, "uses")!;
                    yield return new PublishStep(step, uses, (int)node.Start.Line, (int)node.Start.Column, true, step.WorkingDirectory, publishesViaInput);
                }
            }
        }
    }

    /// <summary>Drops a shell comment (a # at the start of a word) so "# npm publish" does not count.</summary>
    private static string StripComment(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith("#", StringComparison.Ordinal))
        {
            return "";
        }

        var match = Regex.Match(line, @"\s#");
        return match.Success ? line.Substring(0, match.Index) : line;
    }
}
