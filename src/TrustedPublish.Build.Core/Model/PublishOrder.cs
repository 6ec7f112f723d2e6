using System;
using System.Collections.Generic;
using System.Linq;

namespace TrustedPublish.Build.Model;

/// <summary>
/// The order listed packages are published in: each one after the listed packages it depends on (dependencies,
/// peerDependencies, optionalDependencies; devDependencies are only needed to build, not to install, so they do not
/// order anything and often point both ways). Among packages that are ready at the same time the folder decides
/// (ordinal order), so the order, and with it the workflow, is the same on every machine.
/// </summary>
internal static class PublishOrder
{
    /// <summary>The fields whose dependencies must be on the registry before the package that names them is installed.</summary>
    public static readonly string[] OrderingFields = { "dependencies", "peerDependencies", "optionalDependencies" };

    /// <summary>A package as ordering sees it: the names it is known by (package.json's, and the one it is published as), its folder, and the names it depends on.</summary>
    public sealed class Node
    {
        public Node(IReadOnlyCollection<string> names, string folder, IReadOnlyCollection<string> dependsOn)
        {
            Names = names;
            Folder = folder;
            DependsOn = dependsOn;
        }

        public IReadOnlyCollection<string> Names { get; }

        public string Folder { get; }

        public IReadOnlyCollection<string> DependsOn { get; }
    }

    /// <summary>The indices of <paramref name="nodes"/> in publish order; null with <paramref name="cycle"/> set (its indices, the first repeated at the end) when there is none.</summary>
    public static IReadOnlyList<int>? Sort(IReadOnlyList<Node> nodes, out IReadOnlyList<int> cycle)
    {
        cycle = Array.Empty<int>();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var name in nodes[i].Names)
            {
                byName[name] = i;
            }
        }

        // Edges to listed packages only; a package that names itself (npm allows it) orders nothing.
        var needs = nodes.Select((node, i) => new HashSet<int>(node.DependsOn.Where(byName.ContainsKey).Select(d => byName[d]).Where(d => d != i))).ToList();
        var done = new bool[nodes.Count];
        var order = new List<int>();
        while (order.Count < nodes.Count)
        {
            var ready = Enumerable.Range(0, nodes.Count)
                .Where(i => !done[i] && needs[i].All(d => done[d]))
                .OrderBy(i => nodes[i].Folder, StringComparer.Ordinal)
                .Select(i => (int?)i)
                .FirstOrDefault();
            if (ready == null)
            {
                cycle = FindCycle(needs, done);
                return null;
            }

            done[ready.Value] = true;
            order.Add(ready.Value);
        }

        return order;
    }

    /// <summary>One cycle among the packages left: follow unmet dependencies (the lowest index first) until a package repeats.</summary>
    private static IReadOnlyList<int> FindCycle(List<HashSet<int>> needs, bool[] done)
    {
        var path = new List<int>();
        var current = Enumerable.Range(0, needs.Count).First(i => !done[i]);
        while (!path.Contains(current))
        {
            path.Add(current);
            current = needs[current].Where(d => !done[d]).Min();
        }

        var cycle = path.Skip(path.IndexOf(current)).ToList();
        cycle.Add(current);
        return cycle;
    }
}
