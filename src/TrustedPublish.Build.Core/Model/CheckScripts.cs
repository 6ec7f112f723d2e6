using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.PackageJson;
using TrustedPublish.Build.Rules.Workflows;

namespace TrustedPublish.Build.Model;

/// <summary>
/// Which package.json scripts the workflow runs before publishing when TrustedPublishCheckScripts is not set:
/// the guide's `check` when package.json has one, otherwise `build` then `test`; and never a script that another
/// chosen script, or npm's publish lifecycle (prepublishOnly, prepack, prepare), already runs, as far as
/// package.json shows it. Running the test suite three times before one publish helps nobody.
/// </summary>
internal static class CheckScripts
{
    /// <summary>What `npm publish` runs by itself before it uploads (npm docs, "scripts": life cycle operation order).</summary>
    private static readonly string[] PublishLifecycle = { "prepublishOnly", "prepack", "prepare" };

    /// <summary>How deep one script may call another before the reader stops following (a cycle stops at once).</summary>
    private const int MaxDepth = 8;

    public static IReadOnlyList<string> Default(PackageJsonDocument packageJson)
    {
        var scripts = Scripts(packageJson);
        var candidates = scripts.ContainsKey("check") ? new[] { "check" } : new[] { "build", "test" }.Where(scripts.ContainsKey).ToArray();
        var runByLifecycle = RunBy(PublishLifecycle.Where(scripts.ContainsKey), scripts);
        var chosen = new List<string>();
        foreach (var candidate in candidates)
        {
            var others = candidates.Where(c => c != candidate);
            if (!runByLifecycle.Contains(candidate) && !RunBy(others, scripts).Contains(candidate))
            {
                chosen.Add(candidate);
            }
        }

        return chosen;
    }

    private static Dictionary<string, string> Scripts(PackageJsonDocument packageJson)
    {
        var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (packageJson.Root.Get("scripts") is { IsObject: true } node)
        {
            foreach (var member in node.Members.Where(m => m.Value.IsString && m.Value.Text != null))
            {
                scripts[member.Name] = member.Value.Text!;
            }
        }

        return scripts;
    }

    /// <summary>Every script that <paramref name="starts"/> run, directly or through other scripts (with npm's pre and post hooks).</summary>
    private static HashSet<string> RunBy(IEnumerable<string> starts, Dictionary<string, string> scripts)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Name, int Depth)>(starts.Select(s => (s, 0)));
        var read = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var (name, depth) = queue.Dequeue();
            if (depth >= MaxDepth || !read.Add(name) || !scripts.TryGetValue(name, out var command))
            {
                continue;
            }

            foreach (var called in ScriptsCalledBy(command))
            {
                foreach (var hooked in new[] { "pre" + called, called, "post" + called })
                {
                    if (scripts.ContainsKey(hooked) && found.Add(hooked))
                    {
                        queue.Enqueue((hooked, depth + 1));
                    }
                }
            }
        }

        return found;
    }

    /// <summary>The script names a command line runs (PublishCommands knows each manager's commands and options).</summary>
    internal static IEnumerable<string> ScriptsCalledBy(string command) =>
        ShellCommands.Read(command).Select(PublishCommands.ScriptRunBy).Where(name => name != null).Select(name => name!);
}
