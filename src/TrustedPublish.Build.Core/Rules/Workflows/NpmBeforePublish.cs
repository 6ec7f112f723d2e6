using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// What a publish step runs with, from the steps of its job before it: the Node.js that setup-node sets up and the
/// npm upgrades (`npm install -g npm@SPEC`). Shared by TPB075 (<see cref="NpmTooOldRule"/>) and TPB076
/// (<see cref="NpmLatestRefusedRule"/>). One walk over each publishing job: what ran before a publish step is
/// carried forward, not searched again for every publish step (a job can have thousands of steps).
/// </summary>
internal sealed class NpmBeforePublish
{
    /// <summary>Actions known not to set up Node.js: a job with only these (and no setup-node) runs the runner's own Node.</summary>
    private static readonly string[] NotNodeSetups = { "actions/checkout@", "actions/cache@", "actions/upload-artifact@", "actions/download-artifact@", "actions/github-script@" };

    private NpmBeforePublish(PublishStep publish, WorkflowStep? setupNode, string? nodeSpec, NodeVersion? node, bool upgraded, List<(WorkflowStep Step, NpmUpgrade Upgrade)> latestSincePreviousPublish, bool otherSetup)
    {
        OtherSetup = otherSetup;
        Publish = publish;
        SetupNode = setupNode;
        NodeSpec = nodeSpec;
        Node = node;
        Upgraded = upgraded;
        LatestSincePreviousPublish = latestSincePreviousPublish;
    }

    public PublishStep Publish { get; }

    /// <summary>
    /// True when, without setup-node, another action ran before the publish step (mise, volta, a composite setup
    /// action of the repository): the Node.js it sets up is unknown, not the runner's preinstalled one.
    /// </summary>
    public bool OtherSetup { get; }

    /// <summary>The last setup-node step before the publish step; null when there is none (the runner's preinstalled Node.js, with npm 10).</summary>
    public WorkflowStep? SetupNode { get; }

    /// <summary>setup-node's node-version as written; null without setup-node, or when setup-node has none.</summary>
    public string? NodeSpec { get; }

    /// <summary>
    /// The Node.js version set up, when the workflow says it; null without setup-node, and when it is not knowable
    /// here (node-version-file, a matrix value, an expression) or an alias (lts/*, node, latest: a current Node).
    /// </summary>
    public NodeVersion? Node { get; }

    /// <summary>True when an upgrade to npm 11.5.1 or newer (npm@latest included) ran before the publish step.</summary>
    public bool Upgraded { get; }

    /// <summary>The npm@latest and npm@next upgrades that ran after the previous publish step of the job and before this one.</summary>
    public IReadOnlyList<(WorkflowStep Step, NpmUpgrade Upgrade)> LatestSincePreviousPublish { get; }

    /// <summary>How a message names the Node.js of the job.</summary>
    public string What => SetupNode == null ? "the runner's preinstalled Node.js (npm 10)" : $"node-version '{NodeSpec}'";

    public static IEnumerable<NpmBeforePublish> Walk(RuleContext context)
    {
        foreach (var job in context.PublishSteps.GroupBy(p => p.Job))
        {
            WorkflowStep? setupNode = null;
            var otherSetup = false;
            var upgraded = false;
            var next = 0;
            foreach (var publish in job.OrderBy(p => p.Step.Index))
            {
                var latest = new List<(WorkflowStep Step, NpmUpgrade Upgrade)>();
                for (; next < publish.Step.Index; next++)
                {
                    var step = job.Key.Steps[next];
                    if (step.Uses?.StartsWith("actions/setup-node@", StringComparison.OrdinalIgnoreCase) == true)
                    {
                        setupNode = step;
                    }
                    else if (step.Uses is string uses && !NotNodeSetups.Any(n => uses.StartsWith(n, StringComparison.OrdinalIgnoreCase)))
                    {
                        otherSetup = true;
                    }

                    foreach (var upgrade in NpmUpgrades(step.Run?.Value))
                    {
                        upgraded |= NewEnough(upgrade.Spec);
                        if (upgrade.Spec is "latest" or "next")
                        {
                            latest.Add((step, upgrade));
                        }
                    }
                }

                var nodeSpec = setupNode?.With == null ? null : WorkflowDocument.Text(WorkflowDocument.Child(setupNode.With, "node-version"));
                var node = nodeSpec == null || nodeSpec.Contains("${{") ? null : NodeVersion.Read(nodeSpec);
                yield return new NpmBeforePublish(publish, setupNode, nodeSpec, node, upgraded, latest, otherSetup);
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
    private static IEnumerable<NpmUpgrade> NpmUpgrades(string? script)
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
