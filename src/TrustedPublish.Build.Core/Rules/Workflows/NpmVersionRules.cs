using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
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
        foreach (var publish in context.PublishSteps)
        {
            var steps = publish.Job.Steps.Take(publish.Step.Index).ToList();
            var setupNode = steps.LastOrDefault(s => s.Uses?.StartsWith("actions/setup-node@", StringComparison.OrdinalIgnoreCase) == true);
            var nodeSpec = setupNode?.With == null ? null : WorkflowDocument.Text(WorkflowDocument.Child(setupNode.With, "node-version"));
            if (setupNode != null && (nodeSpec == null || nodeSpec.Contains("${{")))
            {
                continue; // node-version-file, a matrix value or an expression: not knowable here.
            }

            var node = ParseNode(nodeSpec);
            var upgrades = steps.Where(s => s.Run?.Value != null).SelectMany(s => NpmUpgrades(s.Run!.Value!).Select(u => (Step: s, u.Command, u.Spec))).ToList();
            foreach (var (step, command, spec) in upgrades)
            {
                if ((spec == "latest" || spec == "next") && node is { } n && RefusedByNpm12(n))
                {
                    var (line, column) = publish.Workflow.LocateInValue(step.Run!, command.Start);
                    yield return DiagnosticCatalog.NpmLatestRefused.Create(publish.Workflow.File.Path, line, column, command.Text, nodeSpec);
                }
            }

            var upgraded = upgrades.Any(u => NewEnough(u.Spec));
            var bundledTooOld = node == null || node.Value.Major < 24 || (node.Value.Major == 24 && node.Value.Minor is int minor && minor < 5);
            var tooOldForOidc = node is { } known && (known.Major < 22 || (known.Major == 22 && known.Minor is int m && m < 14));
            if ((bundledTooOld && !upgraded) || tooOldForOidc)
            {
                var what = setupNode == null ? "the runner's preinstalled Node.js (npm 10)" : $"node-version '{nodeSpec}'";
                yield return DiagnosticCatalog.NpmTooOld.Create(publish.Workflow.File.Path, publish.Line, publish.Column, publish.Job.Id, what);
            }
        }
    }

    /// <summary>The `npm install -g npm@&lt;spec&gt;` commands of a script (install, i, add; -g, --global or --location=global), read as commands.</summary>
    private static IEnumerable<(ShellCommand Command, string Spec)> NpmUpgrades(string script)
    {
        if (script.IndexOf("npm@", StringComparison.Ordinal) < 0)
        {
            yield break; // Cheap: no command here names npm@.
        }

        foreach (var command in ShellCommands.Read(script))
        {
            var sub = PublishCommands.NpmSubcommand(command);
            if (sub < 0 || !(command.Words[sub].Value is "install" or "i" or "add"))
            {
                continue;
            }

            var global = false;
            string? spec = null;
            foreach (var word in command.Words.Skip(sub + 1))
            {
                global |= word.Value is "-g" or "--global" or "--global=true" or "--location=global";
                spec = word.Value.StartsWith("npm@", StringComparison.Ordinal) ? word.Value.Substring(4) : spec;
            }

            if (global && spec != null)
            {
                yield return (command, spec);
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

    private static bool NewEnough(string spec)
    {
        if (spec == "latest" || spec == "next")
        {
            return true;
        }

        var match = Regex.Match(spec, @"([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?");
        if (!match.Success)
        {
            return false;
        }

        var major = Chars.DigitsValue(match.Groups[1].Value);
        var minor = match.Groups[2].Success ? Chars.DigitsValue(match.Groups[2].Value) : 99;
        var patch = match.Groups[3].Success ? Chars.DigitsValue(match.Groups[3].Value) : 99;
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
        var match = Regex.Match(text, @"^([0-9]+)(?:\.([0-9]+|x))?");
        if (!match.Success)
        {
            // lts/*, latest, node, current: today all resolve to a Node whose npm is new enough.
            return (99, null);
        }

        int? minor = match.Groups[2].Success && match.Groups[2].Value != "x" ? Chars.DigitsValue(match.Groups[2].Value) : null;
        return (Chars.DigitsValue(match.Groups[1].Value), minor);
    }
}
