using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.PackageJson;
using TrustedPublish.Build.Rules.Workflows;

namespace TrustedPublish.Build.Rules.PackageJson;

/// <summary>What the package.json rules (TPB023-TPB027) share: where a field is, and what the publish commands pass.</summary>
internal static class PackageJsonFacts
{
    /// <summary>Line and column of <paramref name="member"/> (or its <paramref name="inner"/> member); 1,1 when it is missing.</summary>
    public static (int Line, int Column) Locate(PackageJsonDocument document, string member, string? inner = null)
    {
        var node = document.Root.Find(member)?.Value;
        if (node != null && inner != null && node.IsObject)
        {
            node = node.Find(inner)?.Value ?? node;
        }

        return node == null ? (1, 1) : document.Locate(node.Start);
    }

    /// <summary>
    /// The commands that publish this package: the workflow's command and, for `npm run release`, the script command
    /// that publishes. Either may pass a flag such as --access or --tag.
    /// </summary>
    public static List<string> CommandsPublishingThisPackage(RuleContext context) =>
        context.PublishStepsOfThisPackage.SelectMany(p => new[] { p.Command, p.PublishingCommand }).ToList();

    /// <summary>True when a command passes <paramref name="option"/> as "--option value" or "--option=value" with a value that <paramref name="accepts"/>.</summary>
    public static bool HasOption(IEnumerable<string> commands, string option, Func<string, bool> accepts) =>
        commands.Any(command => HasOption(command, option, accepts));

    private static bool HasOption(string command, string option, Func<string, bool> accepts)
    {
        var words = ShellCommands.Read(command).SelectMany(c => c.Words).Select(w => w.Value).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == option && i + 1 < words.Count && accepts(words[i + 1]))
            {
                return true;
            }

            if (words[i].StartsWith(option + "=", StringComparison.Ordinal) && accepts(words[i].Substring(option.Length + 1)))
            {
                return true;
            }
        }

        return false;
    }
}
