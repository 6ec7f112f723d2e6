using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// TPB071: a step of a publishing job writes an _authToken into .npmrc: a command of a `run:` script, or
/// changesets/action before v1.7.0, which writes `//registry.npmjs.org/:_authToken=${NPM_TOKEN}` whenever it publishes.
/// </summary>
internal sealed class TokenWrittenToNpmrcRule : IRepositoryRule
{
    /// <summary>The changesets/action release that writes the token line only for a non-empty NPM_TOKEN (v2.0.0 never writes it).</summary>
    private static readonly (int Major, int Minor, int Patch) ChangesetsStopsWriting = (1, 7, 0);

    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.TokenWrittenToNpmrc, DiagnosticCatalog.ChangesetsActionWritesToken };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var publish in context.PublishSteps.Where(p => p.IsAction && p.Command.StartsWith("changesets/action@", StringComparison.OrdinalIgnoreCase)))
        {
            // A non-empty NPM_TOKEN is TPB070's finding; an empty one is changesets' documented workaround.
            if (!publish.Step.Env.ContainsKey("NPM_TOKEN") && Release(publish) is string release && OlderThanV170(release))
            {
                var shown = publish.Command.EndsWith(release, StringComparison.Ordinal) ? publish.Command : $"{publish.Command} # {release}";
                yield return DiagnosticCatalog.ChangesetsActionWritesToken.Create(publish.Workflow.File.Path, publish.Line, publish.Column, shown);
            }
        }

        foreach (var job in context.PublishSteps.Select(p => p.Job).Distinct())
        {
            foreach (var step in job.Steps)
            {
                if (step.Run?.Value is not string run || (run.IndexOf("_authToken", StringComparison.Ordinal) < 0 && run.IndexOf("npmAuthToken", StringComparison.Ordinal) < 0))
                {
                    continue; // Cheap: neither word is anywhere in the script.
                }

                // Read as commands, so a comment that mentions _authToken is not a write.
                foreach (var command in ShellCommands.Read(run))
                {
                    if (WritesAToken(command, run))
                    {
                        // At the token itself where the script names it, else at the command (yarn's npmAuthToken).
                        var (line, column) = run.IndexOf("_authToken", StringComparison.Ordinal) >= 0
                            ? job.Workflow.Locate(step.Run!, "_authToken")
                            : job.Workflow.LocateInValue(step.Run!, command.Start);
                        yield return DiagnosticCatalog.TokenWrittenToNpmrc.Create(job.Workflow.File.Path, line, column);
                        break;
                    }
                }
            }
        }
    }

    /// <summary>
    /// `npm|pnpm config set ..._authToken...` (also `npm set`, and the key and value as two words or as KEY=VALUE), `yarn config set npmAuthToken ...`, or any command (echo, printf, tee)
    /// whose words hold an `_authToken=` line, or a heredoc of `cat`/`tee` in a script that holds one.
    /// </summary>
    private static bool WritesAToken(ShellCommand command, string run)
    {
        var words = command.Words.Select(w => w.Value).ToList();
        var program = words.Count > 0 ? words[0] : "";
        if (program is "yarn" && words.Count > 3 && words[1] == "config" && words[2] == "set" && words.Skip(3).Any(w => w.StartsWith("npmAuthToken", StringComparison.Ordinal) || w.Contains(".npmAuthToken")))
        {
            return true;
        }

        // A heredoc's body is not a command: `cat <<EOF > .npmrc` with the token line in the body counts by the script.
        if (program is "cat" or "tee" && run.IndexOf("<<", StringComparison.Ordinal) >= 0 && run.IndexOf("_authToken", StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        return words.Skip(1).Any(w => w.IndexOf("_authToken", StringComparison.Ordinal) >= 0)
            && (program is "npm" or "pnpm" ? (words.Count > 2 && words[1] == "config" && words[2] == "set") || words[1] == "set" : program is "echo" or "printf" or "tee" or "cat" or "sed");
    }

    /// <summary>The release a `uses:` names: its ref, or for a full SHA the `# v1.6.0` comment beside it (null without one).</summary>
    private static string? Release(PublishStep publish)
    {
        var reference = publish.Command.Substring(publish.Command.IndexOf('@') + 1).Trim();
        return IsCommitSha(reference) ? PinComment(publish) : reference;
    }

    /// <summary>
    /// True when a changesets/action release is known to be older than v1.7.0: `v1.6.0`, `v1.4` (the newest 1.4.x). The
    /// floating `v1` is the newest 1.x, which no longer writes the line; a branch is not known: no finding.
    /// </summary>
    private static bool OlderThanV170(string release) =>
        release.Length >= 2 && release[0] is 'v' or 'V' && VersionNumbers.TryRead(release.Substring(1), out var major, out var minor, out var patch)
        && !VersionNumbers.AtLeast(major, minor, patch, ChangesetsStopsWriting.Major, ChangesetsStopsWriting.Minor, ChangesetsStopsWriting.Patch);

    private static bool IsCommitSha(string reference) => reference.Length == 40 && reference.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F'));

    /// <summary>The first word of the comment after the `uses:` value on its line (`# v1.6.0`, `# pin@v1.6.0`), or null.</summary>
    private static string? PinComment(PublishStep publish)
    {
        var lines = publish.Workflow.Lines;
        var uses = WorkflowDocument.Child(publish.Step.Node, "uses");
        if (uses == null || uses.End.Line != uses.Start.Line || uses.End.Line < 1 || uses.End.Line > lines.Length)
        {
            return null;
        }

        var line = lines[uses.End.Line - 1];
        var after = (int)Math.Min(Math.Max(uses.End.Column - 1, 0), line.Length);
        var hash = line.IndexOf('#', after);
        if (hash < 0 || line.Substring(after, hash - after).Trim().Length > 0)
        {
            return null;
        }

        var word = line.Substring(hash + 1).Trim().Split(' ', '\t')[0];
        return word.Substring(word.LastIndexOf('@') + 1);
    }
}
