using System.Collections.Generic;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// YamlDotNet's event parser with limits, checked on each event before the representation model sees it.
/// The parser is iterative, but the model recurses once per nesting level while loading, and again when it
/// hashes or compares a complex mapping key; an alias shares its anchor's node, so a rule that walks the
/// steps of a thousand aliased jobs does a thousand times the work the text suggests. A workflow is
/// refused (a <see cref="YamlException"/> with the position and the limit) when:
/// <list type="bullet">
/// <item>nesting, counted after alias expansion, exceeds <see cref="MaxDepth"/>;</item>
/// <item>an alias refers to an anchor whose node is still open (a node inside itself), or to no anchor
/// before it (YamlDotNet would resolve it at the end of the document, which can close a cycle);</item>
/// <item>the number of nodes, each alias counting as many nodes as its anchor's, exceeds <see cref="MaxNodes"/>.</item>
/// </list>
/// Each event costs constant time, so a hostile file costs what its size costs.
/// </summary>
internal sealed class BoundedYamlParser : IParser
{
    /// <summary>
    /// The template reader in actions/runner stops at 50 levels (ParseOptions.MaxDepth); real workflows stay
    /// below 15. 64 refuses nothing GitHub would read and keeps the model's recursion a few dozen frames deep.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Real workflows hold a few thousand nodes (a 3,000-line one about 10,000); 1 MB of `key: value` lines,
    /// the file size actions/runner reads at most (ParseOptions.MaxFileSize), about 100,000. Far past this
    /// only alias expansion gets, and at this limit the rules still finish in about a second on the worst
    /// shapes tried (HostileWorkflowTests, RunScriptReadingTests).
    /// </summary>
    public const int MaxNodes = 100_000;

    private readonly IParser _inner;
    private readonly List<OpenNode> _open = new();
    private readonly Dictionary<string, Anchored> _anchors = new(System.StringComparer.Ordinal);
    private long _nodes;

    public BoundedYamlParser(IParser inner)
    {
        _inner = inner;
    }

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        if (!_inner.MoveNext())
        {
            return false;
        }

        switch (_inner.Current)
        {
            case DocumentStart:
                _anchors.Clear(); // Anchors belong to one document.
                break;
            case Scalar scalar:
                Count(scalar, 1);
                Define(scalar.Anchor, new Anchored { Size = 1 });
                Closed(0);
                break;
            case NodeEvent start when start is SequenceStart or MappingStart:
                var anchored = start.Anchor.IsEmpty ? null : new Anchored { IsOpen = true };
                _open.Add(new OpenNode(anchored, _nodes));
                Count(start, 1);
                if (_open.Count > MaxDepth)
                {
                    throw Refuse(start, $"it nests deeper than {MaxDepth} levels, more than GitHub reads");
                }

                Define(start.Anchor, anchored);
                break;
            case SequenceEnd or MappingEnd:
                var node = _open[_open.Count - 1];
                _open.RemoveAt(_open.Count - 1);
                if (node.Anchored != null)
                {
                    node.Anchored.IsOpen = false;
                    node.Anchored.Size = _nodes - node.NodesBefore;
                    node.Anchored.Height = node.Height;
                }

                Closed(node.Height);
                break;
            case AnchorAlias alias:
                var name = alias.Value.Value;
                if (!_anchors.TryGetValue(name, out var target))
                {
                    throw Refuse(alias, $"the alias *{name} refers to no anchor &{name} before it");
                }

                if (target.IsOpen)
                {
                    throw Refuse(alias, $"the alias *{name} is inside the node anchored &{name} (a recursive alias)");
                }

                if (_open.Count + target.Height > MaxDepth)
                {
                    throw Refuse(alias, $"the alias *{name} nests its anchor deeper than {MaxDepth} levels, more than GitHub reads");
                }

                Count(alias, target.Size, name);
                Closed(target.Height);
                break;
        }

        return true;
    }

    private void Define(AnchorName anchor, Anchored? anchored)
    {
        if (!anchor.IsEmpty && anchored != null)
        {
            _anchors[anchor.Value] = anchored; // A later anchor of the same name replaces the earlier one.
        }
    }

    private void Count(ParsingEvent at, long nodes, string? alias = null)
    {
        _nodes += nodes;
        if (_nodes > MaxNodes)
        {
            var how = alias == null ? "" : $" once the alias *{alias} is expanded";
            throw Refuse(at, $"it holds more than {MaxNodes.ToString("N0", CultureInfo.InvariantCulture)} nodes{how}, far more than any real workflow");
        }
    }

    /// <summary>A child of the innermost open node is complete: that node is at least one level taller.</summary>
    private void Closed(int height)
    {
        if (_open.Count > 0)
        {
            var parent = _open[_open.Count - 1];
            parent.Height = System.Math.Max(parent.Height, height + 1);
        }
    }

    private static YamlException Refuse(ParsingEvent at, string why) => new(at.Start, at.End, why);

    /// <summary>An anchor's node: open while it is being read, then its size and height with aliases expanded.</summary>
    private sealed class Anchored
    {
        public bool IsOpen { get; set; }

        public long Size { get; set; }

        public int Height { get; set; }
    }

    /// <summary>A sequence or mapping being read: its anchor, the node count before it, and its height so far (1 when empty).</summary>
    private sealed class OpenNode
    {
        public OpenNode(Anchored? anchored, long nodesBefore)
        {
            Anchored = anchored;
            NodesBefore = nodesBefore;
        }

        public Anchored? Anchored { get; }

        public long NodesBefore { get; }

        public int Height { get; set; } = 1;
    }
}
