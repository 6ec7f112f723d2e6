using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// TPB075 (npm older than 11.5.1 publishes) and TPB076 (npm@latest on a Node that npm 12 refuses), from the
/// node-version the job sets up and the npm upgrades that run before the publish step.
/// </summary>
public sealed class NpmVersionRule : IRepositoryRule
{
    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        // One walk over each publishing job: what ran before a publish step is carried forward, not searched
        // again for every publish step (a job can have thousands of steps).
        foreach (var job in context.PublishSteps.GroupBy(p => p.Job))
        {
            var publishes = job.OrderBy(p => p.Step.Index).ToList();
            WorkflowStep? setupNode = null;
            var upgraded = false;
            var latestNotReported = new List<(WorkflowStep Step, NpmUpgrade Upgrade)>();
            var next = 0;
            foreach (var publish in publishes)
            {
                for (; next < publish.Step.Index; next++)
                {
                    var step = job.Key.Steps[next];
                    if (step.Uses?.StartsWith("actions/setup-node@", StringComparison.OrdinalIgnoreCase) == true)
                    {
                        setupNode = step;
                    }

                    foreach (var upgrade in NpmUpgrades(step.Run?.Value))
                    {
                        upgraded |= NewEnough(upgrade.Spec);
                        if (upgrade.Spec is "latest" or "next")
                        {
                            latestNotReported.Add((step, upgrade));
                        }
                    }
                }

                var nodeSpec = setupNode?.With == null ? null : WorkflowDocument.Text(WorkflowDocument.Child(setupNode.With, "node-version"));
                if (setupNode != null && (nodeSpec == null || nodeSpec.Contains("${{")))
                {
                    continue; // node-version-file, a matrix value or an expression: not knowable here.
                }

                // No setup-node: the runner's preinstalled Node.js, with npm 10.
                var node = nodeSpec == null ? null : NodeVersion.Read(nodeSpec);
                if (setupNode != null && node == null)
                {
                    continue; // lts/*, latest, node, current: today all resolve to a Node whose npm is new enough.
                }

                if (node != null && !node.AcceptedByNpm12)
                {
                    // Reported once per upgrade, however many publish steps follow it.
                    foreach (var (step, upgrade) in latestNotReported)
                    {
                        var (line, column) = publish.Workflow.Locate(step.Run!, upgrade.Text);
                        yield return DiagnosticCatalog.NpmLatestRefused.Create(publish.Workflow.File.Path, line, column, upgrade.Text, nodeSpec);
                    }

                    latestNotReported.Clear();
                }

                // Below 22.14.0 Node itself is the cause, and an npm upgrade (present or not) is no fix.
                var what = setupNode == null ? "the runner's preinstalled Node.js (npm 10)" : $"node-version '{nodeSpec}'";
                if (node != null && !node.SupportsTrustedPublishing)
                {
                    yield return DiagnosticCatalog.NodeTooOldForTrustedPublishing.Create(publish.Workflow.File.Path, publish.Line, publish.Column, publish.Job.Id, what);
                }
                else if ((node == null || node.NeedsNpmUpgrade) && !upgraded)
                {
                    yield return DiagnosticCatalog.NpmTooOld.Create(publish.Workflow.File.Path, publish.Line, publish.Column, publish.Job.Id, what);
                }
            }
        }
    }

    /// <summary>An `npm install -g npm@SPEC` command: its text as written (for locating it) and the spec.</summary>
    internal readonly struct NpmUpgrade
    {
        public NpmUpgrade(string text, string spec)
        {
            Text = text;
            Spec = spec;
        }

        public string Text { get; }

        public string Spec { get; }
    }

    /// <summary>
    /// The commands of a script that install npm globally: `npm install|i|add`, a `-g`/`--global` flag and an
    /// `npm@SPEC` argument in any order, with `npm` at command position (after environment assignments or sudo).
    /// </summary>
    internal static IEnumerable<NpmUpgrade> NpmUpgrades(string? script)
    {
        if (script == null || script.IndexOf("npm@", StringComparison.Ordinal) < 0)
        {
            yield break;
        }

        // The shell reader puts npm at command position (after assignments, sudo, env): an echo of the command is no upgrade.
        foreach (var command in ShellCommands.Read(script))
        {
            var sub = PublishCommands.NpmSubcommand(command);
            if (sub < 0 || command.Words[sub].Value is not ("install" or "i" or "add"))
            {
                continue;
            }

            var global = false;
            string? spec = null;
            foreach (var word in command.Words.Skip(sub + 1))
            {
                global |= word.Value is "-g" or "--global" or "--global=true" or "--location=global";
                spec ??= word.Value.StartsWith("npm@", StringComparison.Ordinal) ? word.Value.Substring("npm@".Length) : null;
            }

            if (global && spec != null)
            {
                yield return new NpmUpgrade(command.Text, spec);
            }
        }
    }

    /// <summary>True when the npm spec's first version (^11.6.2, >=11.5.1, 11) is 11.5.1 or newer; a missing minor or patch is the newest.</summary>
    private static bool NewEnough(string spec)
    {
        if (spec == "latest" || spec == "next")
        {
            return true;
        }

        var i = 0;
        while (i < spec.Length && !Chars.IsAsciiDigit(spec[i]))
        {
            i++;
        }

        return VersionNumbers.TryRead(spec.Substring(i), out var major, out var minor, out var patch) && VersionNumbers.AtLeast(major, minor, patch, 11, 5, 1);
    }
}
