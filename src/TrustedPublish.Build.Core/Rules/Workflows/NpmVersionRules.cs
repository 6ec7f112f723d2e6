using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
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

                var node = ParseNode(nodeSpec);
                if (node is { } n && RefusedByNpm12(n))
                {
                    // Reported once per upgrade, however many publish steps follow it.
                    foreach (var (step, upgrade) in latestNotReported)
                    {
                        var (line, column) = publish.Workflow.Locate(step.Run!, upgrade.Text);
                        yield return DiagnosticCatalog.NpmLatestRefused.Create(publish.Workflow.File.Path, line, column, upgrade.Text, nodeSpec);
                    }

                    latestNotReported.Clear();
                }

                var bundledTooOld = node == null || node.Value.Major < 24 || (node.Value.Major == 24 && node.Value.Minor is int minor && minor < 5);
                var tooOldForOidc = node is { } known && (known.Major < 22 || (known.Major == 22 && known.Minor is int m && m < 14));
                if ((bundledTooOld && !upgraded) || tooOldForOidc)
                {
                    var what = setupNode == null ? "the runner's preinstalled Node.js (npm 10)" : $"node-version '{nodeSpec}'";
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

    /// <summary>npm 12's engines: ^22.22.2 || ^24.15.0 || >=26. A spec without a minor resolves to the newest of its line.</summary>
    private static bool RefusedByNpm12((int Major, int? Minor) node) => node.Major switch
    {
        22 => node.Minor is int minor && minor < 22,
        24 => node.Minor is int minor && minor < 15,
        < 26 => true,
        _ => false,
    };

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

        var major = ReadNumber(spec, ref i);
        if (major == null)
        {
            return false;
        }

        var minor = ReadDotNumber(spec, ref i) ?? 99;
        var patch = ReadDotNumber(spec, ref i) ?? 99;
        return major > 11 || (major == 11 && (minor > 5 || (minor == 5 && patch >= 1)));
    }

    /// <summary>Major and (when given) minor of a node-version; null for aliases we cannot pin down, treated as current.</summary>
    private static (int Major, int? Minor)? ParseNode(string? spec)
    {
        if (spec == null)
        {
            return null;
        }

        var text = spec.Trim().TrimStart('v', '^', '~', '>', '=');
        var i = 0;
        var major = ReadNumber(text, ref i);
        if (major == null)
        {
            // lts/*, latest, node, current: today all resolve to a Node whose npm is new enough.
            return (99, null);
        }

        return (major.Value, ReadDotNumber(text, ref i));
    }

    /// <summary>The digits at <paramref name="i"/> as a number (capped: a version past int.MaxValue is just very new); null when there are none.</summary>
    private static int? ReadNumber(string text, ref int i)
    {
        if (i >= text.Length || !Chars.IsAsciiDigit(text[i]))
        {
            return null;
        }

        long value = 0;
        for (; i < text.Length && Chars.IsAsciiDigit(text[i]); i++)
        {
            value = Math.Min(int.MaxValue, (value * 10) + (text[i] - '0'));
        }

        return (int)value;
    }

    /// <summary>".N" at <paramref name="i"/>: N, moving past it; null (and not moving) otherwise.</summary>
    private static int? ReadDotNumber(string text, ref int i)
    {
        if (i + 1 < text.Length && text[i] == '.' && Chars.IsAsciiDigit(text[i + 1]))
        {
            i++;
            return ReadNumber(text, ref i);
        }

        return null;
    }
}
