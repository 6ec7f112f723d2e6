using System;
using System.Collections.Generic;
using TrustedPublish.Build.PackageJson;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>The "scripts" of the package's package.json, so that `npm run release` can be followed to what release runs.</summary>
internal sealed class PackageScripts
{
    private readonly Dictionary<string, string> _commands = new(StringComparer.Ordinal);

    public PackageScripts(PackageJsonDocument packageJson)
    {
        var scripts = packageJson.Root.Get("scripts");
        if (scripts == null || !scripts.IsObject)
        {
            return;
        }

        // In file order, so a duplicate name ends with the last value, the one npm reads.
        foreach (var member in scripts.Members)
        {
            if (member.Value.IsString && member.Value.Text != null)
            {
                _commands[member.Name] = member.Value.Text;
                MayPublish |= PublishCommands.MayAppearIn(member.Value.Text);
            }
        }
    }

    /// <summary>False when no script's command holds a publishing word: then no workflow can publish through a script.</summary>
    public bool MayPublish { get; }

    /// <summary>What each script was found to do, so each is read once however often workflows run it.</summary>
    internal Dictionary<string, PublishCommandMatch?> Recognized { get; } = new(StringComparer.Ordinal);

    /// <summary>The scripts being followed right now, which a script that runs itself must not re-enter.</summary>
    internal HashSet<string> Following { get; } = new(StringComparer.Ordinal);

    public bool Has(string name) => _commands.ContainsKey(name);

    public string? Command(string name) => _commands.TryGetValue(name, out var command) ? command : null;
}
