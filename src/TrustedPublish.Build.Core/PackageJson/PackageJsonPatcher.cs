using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TrustedPublish.Build.PackageJson;

/// <summary>
/// Brings the managed fields of package.json to their target values with the smallest byte edit:
/// each changed value is spliced into the original text at its token span, and a new member copies
/// the indentation, separator and line ending of its neighbours. Untouched bytes stay untouched:
/// key order, BOM, escapes, non-ASCII text, the final newline or its absence.
/// </summary>
public static class PackageJsonPatcher
{
    /// <summary>Works out the changes and the patched bytes. <see cref="PackageJsonPatch.Bytes"/> is the input itself when nothing changes.</summary>
    public static PackageJsonPatch Patch(PackageJsonDocument document, PackageJsonTarget target)
    {
        var editor = new Editor(document);
        var root = document.Root;

        if (target.Name != null)
        {
            editor.SetMember(root, "name", JsonText.Quote(target.Name), current => current.IsString && current.Text == target.Name);
        }

        var repository = root.Find("repository");
        var wantedRepository = new List<(string Key, string Json)>
        {
            ("type", JsonText.Quote("git")),
            ("url", JsonText.Quote(target.RepositoryUrl)),
        };
        if (target.RepositoryDirectory != null)
        {
            wantedRepository.Add(("directory", JsonText.Quote(target.RepositoryDirectory)));
        }

        if (repository != null && repository.Value.IsObject)
        {
            foreach (var (key, json) in wantedRepository)
            {
                editor.SetMember(repository.Value, key, json, current => current.IsString && JsonText.Quote(current.Text!) == json, "repository.");
            }

            if (target.RepositoryDirectory == null)
            {
                editor.RemoveMember(repository.Value, "directory", "repository.");
            }
        }
        else
        {
            // Missing, or a string shorthand ("github:owner/repo", "owner/repo", a URL): npm accepts those,
            // but provenance compares repository.url exactly, so write the full object.
            editor.SetMemberToObject(root, "repository", wantedRepository);
        }

        var publishConfig = root.Find("publishConfig");
        var wantedPublishConfig = new List<(string Key, string Json)>
        {
            ("access", JsonText.Quote(target.Access)),
            ("provenance", JsonText.Bool(target.Provenance)),
        };
        if (publishConfig != null && publishConfig.Value.IsObject)
        {
            foreach (var (key, json) in wantedPublishConfig)
            {
                editor.SetMember(publishConfig.Value, key, json, current => editor.RawText(current) == json || (current.IsString && JsonText.Quote(current.Text!) == json), "publishConfig.");
            }
        }
        else
        {
            editor.SetMemberToObject(root, "publishConfig", wantedPublishConfig);
        }

        return new PackageJsonPatch(editor.Changes, editor.Apply());
    }

    /// <summary>Fields whose JSON type makes a safe edit impossible (the file is then left alone).</summary>
    public static IReadOnlyList<(string Message, int Line, int Column)> CheckShape(PackageJsonDocument document)
    {
        var problems = new List<(string, int, int)>();
        void Check(string field, Func<JsonSpanNode, bool> ok, string wanted)
        {
            var member = document.Root.Find(field);
            if (member != null && !ok(member.Value))
            {
                var (line, column) = document.Locate(member.Value.Start);
                problems.Add(($"package.json \"{field}\" must be {wanted}, but it is {PackageJsonDocument.Describe(member.Value)}.", line, column));
            }
        }

        Check("name", n => n.IsString, "a string");
        Check("version", n => n.IsString, "a string");
        Check("repository", n => n.IsString || n.IsObject, "a string or an object");
        Check("publishConfig", n => n.IsObject, "an object");
        Check("scripts", n => n.IsObject, "an object");
        return problems;
    }

    /// <summary>Collects non-overlapping byte edits and the field changes they make.</summary>
    private sealed class Editor
    {
        private readonly PackageJsonDocument _document;
        private readonly byte[] _bytes;
        private readonly int _base;
        private readonly List<(int Start, int End, string Text)> _edits = new();
        private readonly string _indentUnit;
        private readonly Dictionary<JsonSpanNode, List<(string Key, Func<string, string> Render)>> _additions = new();
        private readonly List<JsonSpanNode> _additionOrder = new();

        public Editor(PackageJsonDocument document)
        {
            _document = document;
            _bytes = document.Bytes;
            _base = document.BodyStart;
            _indentUnit = DetectIndentUnit();
        }

        public List<PackageJsonChange> Changes { get; } = new();

        public string RawText(JsonSpanNode node) => Encoding.UTF8.GetString(_bytes, _base + node.Start, node.End - node.Start);

        public void SetMember(JsonSpanNode parent, string key, string json, Func<JsonSpanNode, bool> isCurrent, string prefix = "")
        {
            var member = parent.Find(key);
            if (member != null)
            {
                if (!isCurrent(member.Value))
                {
                    Record(prefix + key, RawText(member.Value), json, member.Value.Start);
                    _edits.Add((member.Value.Start, member.Value.End, json));
                }

                return;
            }

            Record(prefix + key, "missing", json, parent.End - 1);
            AddMember(parent, key, _ => json);
        }

        public void SetMemberToObject(JsonSpanNode parent, string key, List<(string Key, string Json)> members)
        {
            var member = parent.Find(key);
            var compact = "{" + string.Join(",", members.Select(m => JsonText.Quote(m.Key) + ":" + m.Json)) + "}";
            if (member != null)
            {
                Record(key, RawText(member.Value), compact, member.Value.Start);
                var style = StyleOf(parent);
                _edits.Add((member.Value.Start, member.Value.End, RenderObject(members, style, MemberIndent(member.NameStart))));
                return;
            }

            Record(key, "missing", compact, parent.End - 1);
            AddMember(parent, key, indent => RenderObject(members, StyleOf(parent), indent));
        }

        public void RemoveMember(JsonSpanNode parent, string key, string prefix)
        {
            var index = parent.Members.FindLastIndex(m => m.Name == key);
            if (index < 0)
            {
                return;
            }

            var member = parent.Members[index];
            Record(prefix + key, RawText(member.Value), "missing", member.Value.Start);
            if (index > 0)
            {
                _edits.Add((parent.Members[index - 1].Value.End, member.Value.End, ""));
            }
            else if (parent.Members.Count > 1)
            {
                _edits.Add((member.NameStart, parent.Members[1].NameStart, ""));
            }
            else
            {
                _edits.Add((parent.Start + 1, parent.End - 1, ""));
            }
        }

        public byte[] Apply()
        {
            FlushAdditions();
            if (_edits.Count == 0)
            {
                return _bytes;
            }

            var output = new List<byte>(_bytes.Length + 256);
            output.AddRange(new ArraySegment<byte>(_bytes, 0, _base));
            var position = 0;
            foreach (var edit in _edits.OrderBy(e => e.Start).ThenBy(e => e.End))
            {
                output.AddRange(new ArraySegment<byte>(_bytes, _base + position, edit.Start - position));
                output.AddRange(Encoding.UTF8.GetBytes(edit.Text));
                position = edit.End;
            }

            output.AddRange(new ArraySegment<byte>(_bytes, _base + position, _bytes.Length - _base - position));
            return output.ToArray();
        }

        private void Record(string field, string actual, string expected, int offset)
        {
            var (line, column) = _document.Locate(offset);
            Changes.Add(new PackageJsonChange(field, actual, expected, line, column));
        }

        /// <summary>Queues a new member; all members added to one object become one edit (an empty object is opened once).</summary>
        private void AddMember(JsonSpanNode parent, string key, Func<string, string> renderValue)
        {
            if (!_additions.TryGetValue(parent, out var list))
            {
                list = new List<(string, Func<string, string>)>();
                _additions.Add(parent, list);
                _additionOrder.Add(parent);
            }

            list.Add((key, renderValue));
        }

        private void FlushAdditions()
        {
            foreach (var parent in _additionOrder)
            {
                var additions = _additions[parent];
                var style = StyleOf(parent);
                var text = new StringBuilder();
                if (parent.Members.Count > 0)
                {
                    var last = parent.Members[parent.Members.Count - 1];
                    var whitespace = WhitespaceBefore(last.NameStart);
                    var indent = MemberIndent(last.NameStart);
                    foreach (var (key, render) in additions)
                    {
                        text.Append(',').Append(whitespace).Append(JsonText.Quote(key)).Append(style.Colon).Append(render(indent));
                    }

                    _edits.Add((last.Value.End, last.Value.End, text.ToString()));
                    continue;
                }

                // An empty object: open it up one level deeper than the line it starts on.
                var outer = LineIndentAt(parent.Start);
                var inner = style.Multiline ? outer + _indentUnit : "";
                var separator = style.Multiline ? _document.NewLine + inner : style.Inline;
                text.Append(separator);
                text.Append(string.Join("," + separator, additions.Select(a => JsonText.Quote(a.Key) + style.Colon + a.Render(inner))));
                text.Append(style.Multiline ? _document.NewLine + outer : style.Inline);
                _edits.Add((parent.Start + 1, parent.End - 1, text.ToString()));
            }

            _additionOrder.Clear();
        }

        private string RenderObject(List<(string Key, string Json)> members, Style style, string indent)
        {
            if (!style.Multiline)
            {
                var inline = style.Inline;
                return "{" + inline + string.Join("," + inline, members.Select(m => JsonText.Quote(m.Key) + style.Colon + m.Json)) + inline + "}";
            }

            var newLine = _document.NewLine;
            var inner = indent + _indentUnit;
            return "{" + newLine + string.Join("," + newLine, members.Select(m => inner + JsonText.Quote(m.Key) + style.Colon + m.Json)) + newLine + indent + "}";
        }

        /// <summary>How members of this object (or, when it is empty, of the root) are laid out.</summary>
        private Style StyleOf(JsonSpanNode parent)
        {
            var sample = parent.Members.Count > 0 ? parent : _document.Root;
            if (sample.Members.Count == 0)
            {
                return new Style(multiline: true, inline: "", colon: ": ");
            }

            var first = sample.Members[0];
            var whitespace = WhitespaceBefore(first.NameStart);
            var colonAt = first.Value.Start - 1;
            while (colonAt > first.NameStart && _bytes[_base + colonAt] != (byte)':')
            {
                colonAt--;
            }

            var nameEnd = colonAt;
            while (nameEnd > first.NameStart && IsWhitespace(_bytes[_base + nameEnd - 1]))
            {
                nameEnd--;
            }

            var colon = Encoding.UTF8.GetString(_bytes, _base + nameEnd, first.Value.Start - nameEnd);
            var multiline = whitespace.IndexOf('\n') >= 0;
            return new Style(multiline, multiline ? "" : whitespace, colon);
        }

        private string DetectIndentUnit()
        {
            var root = _document.Root;
            if (root.Members.Count > 0)
            {
                var indent = MemberIndent(root.Members[0].NameStart);
                if (indent.Length > 0)
                {
                    return indent;
                }
            }

            return "  ";
        }

        private string WhitespaceBefore(int offset)
        {
            var start = offset;
            while (start > 0 && IsWhitespace(_bytes[_base + start - 1]))
            {
                start--;
            }

            return Encoding.UTF8.GetString(_bytes, _base + start, offset - start);
        }

        /// <summary>The spaces or tabs between the last line break and <paramref name="offset"/>.</summary>
        private string MemberIndent(int offset)
        {
            var whitespace = WhitespaceBefore(offset);
            var lf = whitespace.LastIndexOf('\n');
            return lf >= 0 ? whitespace.Substring(lf + 1) : "";
        }

        /// <summary>The indentation of the line that holds <paramref name="offset"/>.</summary>
        private string LineIndentAt(int offset)
        {
            var lineStart = offset;
            while (lineStart > 0 && _bytes[_base + lineStart - 1] != (byte)'\n')
            {
                lineStart--;
            }

            var end = lineStart;
            while (end < offset && (_bytes[_base + end] == (byte)' ' || _bytes[_base + end] == (byte)'\t'))
            {
                end++;
            }

            return Encoding.UTF8.GetString(_bytes, _base + lineStart, end - lineStart);
        }

        private static bool IsWhitespace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\n' || b == (byte)'\r';

        private readonly struct Style
        {
            public Style(bool multiline, string inline, string colon)
            {
                Multiline = multiline;
                Inline = inline;
                Colon = colon;
            }

            public bool Multiline { get; }

            /// <summary>Whitespace between members when the object is on one line ("" when minified).</summary>
            public string Inline { get; }

            /// <summary>What sits between a key and its value, e.g. ": ".</summary>
            public string Colon { get; }
        }
    }
}

/// <summary>The result of <see cref="PackageJsonPatcher.Patch"/>.</summary>
public sealed class PackageJsonPatch
{
    public PackageJsonPatch(IReadOnlyList<PackageJsonChange> changes, byte[] bytes)
    {
        Changes = changes;
        Bytes = bytes;
    }

    /// <summary>Each managed field that differs, in the order checked.</summary>
    public IReadOnlyList<PackageJsonChange> Changes { get; }

    public byte[] Bytes { get; }

    public bool IsUpToDate => Changes.Count == 0;
}
