using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// A GitHub Actions workflow read with positions (YamlDotNet's representation model keeps each node's
/// 1-based line and column), seen the way the runner sees it: jobs, their steps, and for each step the
/// env, permissions and working directory in effect.
/// </summary>
internal sealed class WorkflowDocument
{
    private string? _normalizedText;
    private int[]? _lineStarts;

    private WorkflowDocument(RepositoryFile file, YamlMappingNode root)
    {
        File = file;
        Root = root;
        Lines = file.Text.Replace("\r\n", "\n").Split('\n');
        On = Child(root, "on") ?? Child(root, "true");
        Jobs = ReadJobs();
    }

    public RepositoryFile File { get; }

    public YamlMappingNode Root { get; }

    public string[] Lines { get; }

    /// <summary>The `on:` node (YAML 1.1 parsers read the key as true; YamlDotNet keeps "on").</summary>
    public YamlNode? On { get; }

    public IReadOnlyList<WorkflowJob> Jobs { get; }

    /// <summary>True when the workflow can be called by others (on: workflow_call).</summary>
    public bool IsReusable => On switch
    {
        YamlScalarNode scalar => scalar.Value == "workflow_call",
        YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Any(s => s.Value == "workflow_call"),
        YamlMappingNode mapping => mapping.Children.ContainsKey(new YamlScalarNode("workflow_call")),
        _ => false,
    };

    /// <summary>
    /// Reads a workflow; null with the reason when it is not YAML, not a mapping, or past the reader's limits
    /// (depth, recursive aliases, size after alias expansion: see <see cref="BoundedYamlParser"/>).
    /// </summary>
    public static WorkflowDocument? Parse(RepositoryFile file, out string? error)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new BoundedYamlParser(new Parser(new StringReader(file.Text))));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                error = "it is not a mapping";
                return null;
            }

            error = null;
            return new WorkflowDocument(file, root);
        }
        catch (YamlException ex)
        {
            error = $"line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}";
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these on some malformed input (found by FuzzTests): still "not YAML".
            error = $"the YAML reader gave up ({ex.GetType().Name}: {ex.Message})";
            return null;
        }
    }

    public static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Text(YamlNode? node) => node is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>The key node of <paramref name="key"/> in a mapping, for pointing at "permissions:" itself.</summary>
    public static YamlNode? KeyNode(YamlNode? node, string key) =>
        node is YamlMappingNode mapping ? mapping.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key) : null;

    /// <summary>The workflow's own env entries, read once for all its steps.</summary>
    internal Dictionary<string, YamlNode> EnvEntries => _envEntries ??= WorkflowStep.EnvEntries(Root);

    private Dictionary<string, YamlNode>? _envEntries;

    /// <summary>Where <paramref name="needle"/> is inside a (possibly multi-line) scalar: the line and column in the file.</summary>
    public (int Line, int Column) Locate(YamlNode node, string needle)
    {
        var start = (int)node.Start.Line;
        for (var line = start; line <= Lines.Length && line <= node.End.Line; line++)
        {
            var index = Lines[line - 1].IndexOf(needle, StringComparison.Ordinal);
            if (index >= 0 && (line > start || index + 1 >= node.Start.Column))
            {
                return (line, index + 1);
            }
        }

        return ((int)node.Start.Line, (int)node.Start.Column);
    }

    /// <summary>
    /// Where character <paramref name="offset"/> of a scalar's value is in the file. The value is not the text
    /// (block indentation, folding, quotes, escapes are gone), so the value's non-blank characters are matched in
    /// order against the scalar's text: exact for block and plain scalars, within a character or two of an escape
    /// in a double-quoted one. Linear in the offset; a character it cannot match is given the nearest position.
    /// </summary>
    public (int Line, int Column) LocateInValue(YamlScalarNode node, int offset)
    {
        var starts = LineStarts;
        var text = NormalizedText;
        var startLine = (int)node.Start.Line;
        if (startLine < 1 || startLine > starts.Length)
        {
            return (startLine, (int)node.Start.Column);
        }

        var p = Math.Min(starts[startLine - 1] + (int)node.Start.Column - 1, text.Length);
        switch (node.Style)
        {
            case ScalarStyle.Literal:
            case ScalarStyle.Folded:
                // The value starts on the line after the | or > header (which may carry a comment).
                var headerEnd = text.IndexOf('\n', p);
                p = headerEnd < 0 ? text.Length : headerEnd + 1;
                break;
            case ScalarStyle.SingleQuoted:
            case ScalarStyle.DoubleQuoted:
                p++;
                break;
        }

        var value = node.Value ?? "";
        for (var v = 0; v < value.Length && v <= offset; v++)
        {
            var c = value[v];
            if (IsBlank(c))
            {
                // A double-quoted \n or \t stands for this blank: step over the escape, not over what follows it.
                if (node.Style == ScalarStyle.DoubleQuoted && p + 1 < text.Length && text[p] == '\\' && !IsBlank(text[p + 1]))
                {
                    p += 2;
                }

                continue;
            }

            while (p < text.Length && IsBlank(text[p]))
            {
                p++;
            }

            // Only quotes and escapes stand between two matching characters, so a short look ahead is enough.
            var q = p;
            var limit = Math.Min(text.Length, p + 16);
            while (q < limit && text[q] != c)
            {
                q++;
            }

            if (q < limit)
            {
                p = q;
            }

            if (v == offset)
            {
                break;
            }

            p = q < limit ? q + 1 : p;
        }

        p = Math.Min(p, Math.Max(0, text.Length - 1));
        var line = Array.BinarySearch(starts, p);
        line = line < 0 ? ~line - 1 : line;
        return (line + 1, p - starts[line] + 1);
    }

    private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';

    /// <summary>The file with \n line ends (as <see cref="Lines"/>), for matching scalars against their text.</summary>
    private string NormalizedText => _normalizedText ??= string.Join("\n", Lines);

    private int[] LineStarts
    {
        get
        {
            if (_lineStarts == null)
            {
                _lineStarts = new int[Lines.Length];
                for (int i = 1, offset = 0; i < Lines.Length; i++)
                {
                    offset += Lines[i - 1].Length + 1;
                    _lineStarts[i] = offset;
                }
            }

            return _lineStarts;
        }
    }

    private List<WorkflowJob> ReadJobs()
    {
        var jobs = new List<WorkflowJob>();
        if (Child(Root, "jobs") is YamlMappingNode jobsNode)
        {
            foreach (var entry in jobsNode.Children)
            {
                if (entry.Key is YamlScalarNode key && entry.Value is YamlMappingNode job)
                {
                    jobs.Add(new WorkflowJob(this, key, job));
                }
            }
        }

        return jobs;
    }
}

/// <summary>One job with what its steps inherit from it and from the workflow.</summary>
internal sealed class WorkflowJob
{
    internal WorkflowJob(WorkflowDocument workflow, YamlScalarNode key, YamlMappingNode node)
    {
        Workflow = workflow;
        Key = key;
        Node = node;
        Steps = WorkflowDocument.Child(node, "steps") is YamlSequenceNode steps
            ? steps.Children.OfType<YamlMappingNode>().Select((s, i) => new WorkflowStep(this, s, i)).ToList()
            : new List<WorkflowStep>();
    }

    public WorkflowDocument Workflow { get; }

    public YamlScalarNode Key { get; }

    public string Id => Key.Value ?? "";

    public YamlMappingNode Node { get; }

    public IReadOnlyList<WorkflowStep> Steps { get; }

    /// <summary>The job's own env entries, read once for all its steps.</summary>
    internal Dictionary<string, YamlNode> EnvEntries => _envEntries ??= WorkflowStep.EnvEntries(Node);

    private Dictionary<string, YamlNode>? _envEntries;

    /// <summary>The runs-on node and its labels (a label, a list, or a group's labels), for the self-hosted runner checks.</summary>
    public (YamlNode? RunsOn, string[] Labels) RunnerLabels
    {
        get
        {
            var runsOn = WorkflowDocument.Child(Node, "runs-on");
            var labels = runsOn switch
            {
                YamlScalarNode scalar => new[] { scalar.Value ?? "" },
                YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToArray(),
                YamlMappingNode mapping => WorkflowDocument.Child(mapping, "labels") switch
                {
                    YamlScalarNode one => new[] { one.Value ?? "" },
                    YamlSequenceNode many => many.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToArray(),
                    _ => new string[0],
                },
                _ => new string[0],
            };
            return (runsOn, labels);
        }
    }

    /// <summary>True when the job runs on a self-hosted runner (the label every self-hosted runner carries).</summary>
    public bool RunsSelfHosted => RunnerLabels.Labels.Any(l => l.Trim() == "self-hosted");

    /// <summary>A job that calls a reusable workflow (jobs.x.uses) has no steps of its own.</summary>
    public string? CallsWorkflow => WorkflowDocument.Text(WorkflowDocument.Child(Node, "uses"));

    /// <summary>Job-level permissions replace workflow-level ones entirely; null when neither is set.</summary>
    public (YamlNode? Permissions, string Where) EffectivePermissions
    {
        get
        {
            var job = WorkflowDocument.Child(Node, "permissions");
            if (job != null)
            {
                return (job, "job permissions");
            }

            var workflow = WorkflowDocument.Child(Workflow.Root, "permissions");
            return workflow != null ? (workflow, "workflow permissions") : (null, "no permissions block, and the default token never has id-token");
        }
    }

    public bool GrantsIdToken
    {
        get
        {
            var (permissions, _) = EffectivePermissions;
            return permissions switch
            {
                YamlScalarNode scalar => scalar.Value == "write-all",
                YamlMappingNode mapping => WorkflowDocument.Text(WorkflowDocument.Child(mapping, "id-token")) == "write",
                _ => false,
            };
        }
    }
}

/// <summary>One step, with the env and working directory it runs with.</summary>
internal sealed class WorkflowStep
{
    internal WorkflowStep(WorkflowJob job, YamlMappingNode node, int index)
    {
        Job = job;
        Node = node;
        Index = index;
    }

    public WorkflowJob Job { get; }

    public YamlMappingNode Node { get; }

    public int Index { get; }

    public string? Uses => WorkflowDocument.Text(WorkflowDocument.Child(Node, "uses"));

    public YamlScalarNode? Run => WorkflowDocument.Child(Node, "run") as YamlScalarNode;

    public YamlMappingNode? With => WorkflowDocument.Child(Node, "with") as YamlMappingNode;

    /// <summary>
    /// Env entries in effect for this step (step over job over workflow), with the key node that set each.
    /// A view over each level's entries, read once per level: copying the workflow's env into every step
    /// made a long env times many steps quadratic.
    /// </summary>
    public IReadOnlyDictionary<string, YamlNode> Env => _env ??= new LayeredEnv(EnvEntries(Node), Job.EnvEntries, Job.Workflow.EnvEntries);

    private LayeredEnv? _env;

    /// <summary>The value set under an env key node that <see cref="Env"/> returned (step, job or workflow level).</summary>
    public YamlNode? EnvValue(YamlNode key)
    {
        foreach (var level in new[] { Node, Job.Node, (YamlNode)Job.Workflow.Root })
        {
            if (WorkflowDocument.Child(level, "env") is YamlMappingNode mapping)
            {
                foreach (var entry in mapping.Children)
                {
                    if (ReferenceEquals(entry.Key, key))
                    {
                        return entry.Value;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The string-keyed entries of a node's env mapping, with the key node of each.</summary>
    internal static Dictionary<string, YamlNode> EnvEntries(YamlNode node)
    {
        var env = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (WorkflowDocument.Child(node, "env") is YamlMappingNode mapping)
        {
            foreach (var entry in mapping.Children)
            {
                if (entry.Key is YamlScalarNode key && key.Value != null)
                {
                    env[key.Value] = entry.Key;
                }
            }
        }

        return env;
    }

    /// <summary>Lookups go to the step's entries, then the job's, then the workflow's.</summary>
    private sealed class LayeredEnv : IReadOnlyDictionary<string, YamlNode>
    {
        private readonly Dictionary<string, YamlNode>[] _levels;
        private Dictionary<string, YamlNode>? _merged;

        public LayeredEnv(params Dictionary<string, YamlNode>[] levels)
        {
            _levels = levels;
        }

        public int Count => Merged.Count;

        public IEnumerable<string> Keys => Merged.Keys;

        public IEnumerable<YamlNode> Values => Merged.Values;

        /// <summary>Only for enumeration, which no rule does per step.</summary>
        private Dictionary<string, YamlNode> Merged
        {
            get
            {
                if (_merged == null)
                {
                    _merged = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
                    for (var i = _levels.Length - 1; i >= 0; i--)
                    {
                        foreach (var entry in _levels[i])
                        {
                            _merged[entry.Key] = entry.Value;
                        }
                    }
                }

                return _merged;
            }
        }

        public YamlNode this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, out YamlNode value)
        {
            foreach (var level in _levels)
            {
                if (level.TryGetValue(key, out value!))
                {
                    return true;
                }
            }

            value = null!;
            return false;
        }

        public IEnumerator<KeyValuePair<string, YamlNode>> GetEnumerator() => Merged.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The working directory (step, job defaults, workflow defaults), normalized: "" for the root, null when it is an expression.</summary>
    public string? WorkingDirectory
    {
        get
        {
            var value = WorkflowDocument.Text(WorkflowDocument.Child(Node, "working-directory"))
                ?? WorkflowDocument.Text(WorkflowDocument.Child(WorkflowDocument.Child(WorkflowDocument.Child(Job.Node, "defaults"), "run"), "working-directory"))
                ?? WorkflowDocument.Text(WorkflowDocument.Child(WorkflowDocument.Child(WorkflowDocument.Child(Job.Workflow.Root, "defaults"), "run"), "working-directory"))
                ?? "";
            if (value.Contains("${{"))
            {
                return null;
            }

            var normalized = value.Replace('\\', '/').Trim();
            while (normalized.StartsWith("./", StringComparison.Ordinal))
            {
                normalized = normalized.Substring(2);
            }

            return normalized.TrimEnd('/') == "." ? "" : normalized.TrimEnd('/');
        }
    }
}
