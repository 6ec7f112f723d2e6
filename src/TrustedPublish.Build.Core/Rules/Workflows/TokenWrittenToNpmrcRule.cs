using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB071: a step of a publishing job writes an _authToken into .npmrc.</summary>
internal sealed class TokenWrittenToNpmrcRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.TokenWrittenToNpmrc };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
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
    /// `npm|pnpm config set ..._authToken...`, `yarn config set npmAuthToken ...`, or any command (echo, printf, tee)
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
            && (program is "npm" or "pnpm" ? words.Count > 2 && words[1] == "config" && words[2] == "set" : program is "echo" or "printf" or "tee" or "cat" or "sed");
    }
}
