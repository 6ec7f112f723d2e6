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
    private static readonly Regex NpmUpgrade = new(@"npm\s+(?:install|i|add)\s+(?:[-\w=]+\s+)*?(?:-g|--global)\s+(?:[-\w=]+\s+)*?npm@(?<spec>[^\s;&|]+)|npm\s+(?:install|i)\s+npm@(?<spec>[^\s;&|]+)\s+(?:-g|--global)", RegexOptions.CultureInvariant);

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
            var upgrades = steps.Where(s => s.Run?.Value != null).SelectMany(s => NpmUpgrade.Matches(s.Run!.Value!).Cast<Match>().Select(m => (Step: s, Match: m))).ToList();
            foreach (var (step, match) in upgrades)
            {
                var spec = match.Groups["spec"].Value.Trim('"', '\'');
                if ((spec == "latest" || spec == "next") && node is { } n && RefusedByNpm12(n))
                {
                    var (line, column) = publish.Workflow.Locate(step.Run!, match.Value);
                    yield return DiagnosticCatalog.NpmLatestRefused.Create(publish.Workflow.File.Path, line, column, match.Value.Trim(), nodeSpec);
                }
            }

            var upgraded = upgrades.Any(u => NewEnough(u.Match.Groups["spec"].Value.Trim('"', '\'')));
            var bundledTooOld = node == null || node.Value.Major < 24 || (node.Value.Major == 24 && node.Value.Minor is int minor && minor < 5);
            var tooOldForOidc = node is { } known && (known.Major < 22 || (known.Major == 22 && known.Minor is int m && m < 14));
            if ((bundledTooOld && !upgraded) || tooOldForOidc)
            {
                var what = setupNode == null ? "the runner's preinstalled Node.js (npm 10)" : $"node-version '{nodeSpec}'";
                yield return DiagnosticCatalog.NpmTooOld.Create(publish.Workflow.File.Path, publish.Line, publish.Column, publish.Job.Id, what);
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
