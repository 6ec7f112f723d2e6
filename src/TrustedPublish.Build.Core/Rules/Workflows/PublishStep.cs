using System;
using System.Collections.Generic;
using System.Linq;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>A step that publishes to npm, and where in the file it does so.</summary>
internal sealed class PublishStep
{
    private string? _publishingCommand;

    internal PublishStep(WorkflowStep step, string command, int line, int column, bool isAction, string? directory, bool allWorkspaces, PublishTool tool)
    {
        Tool = tool;
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

    /// <summary>The publishing command as written in the workflow (or the action reference).</summary>
    public string Command { get; }

    /// <summary>
    /// The command that publishes: <see cref="Command"/>, the package.json script command it leads to (npm run release
    /// -> npm publish), or for changesets/action the command its publish input leads to (the input itself when unread).
    /// </summary>
    public string PublishingCommand
    {
        get => _publishingCommand ?? Command;
        internal set => _publishingCommand = value;
    }

    /// <summary>1-based line in the workflow file of the command's first word (of the `uses:` value for an action).</summary>
    public int Line { get; }

    /// <summary>1-based column in the workflow file, on <see cref="Line"/>.</summary>
    public int Column { get; }

    public bool IsAction { get; }

    /// <summary>The folder it publishes from, relative to the repository root; null when unknown.</summary>
    public string? Directory { get; }

    /// <summary>npm publish --workspaces and tools that publish every package of a monorepo.</summary>
    public bool AllWorkspaces { get; }

    /// <summary>The program that publishes, as the command says (changesets' manager is worked out in <see cref="ToolsBeforePublish"/>).</summary>
    public PublishTool Tool { get; }
}

/// <summary>
/// Finds the steps that publish: a `run:` whose script runs a publishing command (<see cref="PublishCommands"/>,
/// read as shell commands by <see cref="ShellCommands"/>, never as text), and publish actions.
/// </summary>
internal static class PublishStepFinder
{
    private static readonly string[] PublishActions = { "js-devtools/npm-publish@" };

    /// <summary>The publish steps, without following package.json scripts.</summary>
    public static IEnumerable<PublishStep> Find(WorkflowDocument workflow) => Find(workflow, null, "");

    /// <summary>The publish steps; a step that runs a script of the package (from its folder) is followed into <paramref name="scripts"/>.</summary>
    internal static IEnumerable<PublishStep> Find(WorkflowDocument workflow, PackageScripts? scripts, string packageDirectory)
    {
        foreach (var job in workflow.Jobs)
        {
            foreach (var step in job.Steps)
            {
                var run = step.Run;
                var directory = step.WorkingDirectory;
                if (run?.Value != null)
                {
                    // Only the package's own folder has the package.json read here; elsewhere `npm run x` runs an unknown script.
                    var scriptsHere = directory == null || directory == packageDirectory ? scripts : null;
                    var found = FirstPublishCommand(run.Value, scriptsHere);
                    if (found != null)
                    {
                        var (command, match) = found.Value;
                        var (line, column) = workflow.LocateInValue(run, command.Start);
                        yield return new PublishStep(step, command.Text, line, column, false, directory, match.AllWorkspaces, match.Tool) { PublishingCommand = match.Command };
                    }
                }

                var uses = step.Uses;
                if (uses == null)
                {
                    continue;
                }

                var lower = uses.ToLowerInvariant();
                var publishInput = lower.StartsWith("changesets/action@", StringComparison.Ordinal) && step.With != null ? WorkflowDocument.Child(step.With, "publish") : null;
                if (PublishActions.Any(a => lower.StartsWith(a, StringComparison.Ordinal)) || publishInput != null)
                {
                    var node = WorkflowDocument.Child(step.Node, "uses")!;
                    if (publishInput == null)
                    {
                        yield return new PublishStep(step, uses, (int)node.Start.Line, (int)node.Start.Column, true, directory, false, PublishTool.Npm);
                        continue;
                    }

                    // changesets/action runs its publish input as a command (split at spaces, no shell): what that command
                    // publishes with decides how it authenticates. A command not read as publishing (a script of another
                    // package.json) leaves the tool unknown.
                    var scriptsHere = directory == null || directory == packageDirectory ? scripts : null;
                    var input = WorkflowDocument.Text(publishInput);
                    var found = input == null ? null : FirstPublishCommand(input, scriptsHere);
                    yield return new PublishStep(step, uses, (int)node.Start.Line, (int)node.Start.Column, true, directory, true, found?.Match.Tool ?? PublishTool.Unknown)
                    {
                        PublishingCommand = found?.Match.Command ?? input ?? uses,
                    };
                }
            }
        }
    }

    /// <summary>The first command of a script that publishes (one per step is enough for every rule), or null.</summary>
    private static (ShellCommand Command, PublishCommandMatch Match)? FirstPublishCommand(string script, PackageScripts? scripts)
    {
        if (!PublishCommands.MayAppearIn(script) && scripts?.MayPublish != true)
        {
            return null; // Cheap: nothing here can publish, so the script is not read.
        }

        foreach (var command in ShellCommands.Read(script))
        {
            var match = PublishCommands.Recognize(command, scripts);
            if (match != null)
            {
                return (command, match);
            }
        }

        return null;
    }
}
