using System;
using System.Collections.Generic;
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
        var wantedRepository = new List<Member>
        {
            new("type", JsonText.Quote("git")),
            new("url", JsonText.Quote(target.RepositoryUrl)),
        };
        if (target.RepositoryDirectory != null)
        {
            wantedRepository.Add(new Member("directory", JsonText.Quote(target.RepositoryDirectory)));
        }

        if (repository != null && repository.Value.IsObject)
        {
            foreach (var member in wantedRepository)
            {
                editor.SetMember(repository.Value, member.Key, member.Json, current => current.IsString && JsonText.Quote(current.Text!) == member.Json, "repository.");
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
        var wantedPublishConfig = new List<Member>
        {
            new("access", JsonText.Quote(target.Access)),
            new("provenance", JsonText.Bool(target.Provenance)),
        };
        if (publishConfig != null && publishConfig.Value.IsObject)
        {
            foreach (var member in wantedPublishConfig)
            {
                editor.SetMember(publishConfig.Value, member.Key, member.Json, current => editor.RawText(current) == member.Json || (current.IsString && JsonText.Quote(current.Text!) == member.Json), "publishConfig.");
            }
        }
        else
        {
            editor.SetMemberToObject(root, "publishConfig", wantedPublishConfig);
        }

        return new PackageJsonPatch(editor.Changes, editor.Apply());
    }

    /// <summary>Fields whose JSON type makes a safe edit impossible (the file is then left alone).</summary>
    public static IReadOnlyList<ShapeProblem> CheckShape(PackageJsonDocument document)
    {
        var problems = new List<ShapeProblem>();
        void Check(string field, Func<JsonSpanNode, bool> ok, string wanted)
        {
            var member = document.Root.Find(field);
            if (member != null && !ok(member.Value))
            {
                var (line, column) = document.Locate(member.Value.Start);
                problems.Add(new ShapeProblem($"package.json \"{field}\" must be {wanted}, but it is {PackageJsonDocument.Describe(member.Value)}.", line, column));
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
        private readonly List<Edit> _edits = new();
        private readonly string _indentUnit;
        private readonly Dictionary<JsonSpanNode, List<Addition>> _additions = new();
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
                    _edits.Add(new Edit(member.Value.Start, member.Value.End, json));
                }

                return;
            }

            Record(prefix + key, "missing", json, parent.End - 1);
            AddMember(parent, key, _ => json);
        }

        public void SetMemberToObject(JsonSpanNode parent, string key, List<Member> members)
        {
            var member = parent.Find(key);
            var compact = new StringBuilder("{");
            for (var i = 0; i < members.Count; i++)
            {
                compact.Append(i == 0 ? "" : ",").Append(JsonText.Quote(members[i].Key)).Append(':').Append(members[i].Json);
            }

            compact.Append('}');
            if (member != null)
            {
                Record(key, RawText(member.Value), compact.ToString(), member.Value.Start);
                var style = StyleOf(parent);
                _edits.Add(new Edit(member.Value.Start, member.Value.End, RenderObject(members, style, MemberIndent(member.NameStart))));
                return;
            }

            Record(key, "missing", compact.ToString(), parent.End - 1);
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
                _edits.Add(new Edit(parent.Members[index - 1].Value.End, member.Value.End, ""));
            }
            else if (parent.Members.Count > 1)
            {
                _edits.Add(new Edit(member.NameStart, parent.Members[1].NameStart, ""));
            }
            else
            {
                _edits.Add(new Edit(parent.Start + 1, parent.End - 1, ""));
            }
        }

        public byte[] Apply()
        {
            FlushAdditions();
            if (_edits.Count == 0)
            {
                return _bytes;
            }

            // By position; edits at the same position keep the order they were made in (a stable sort).
            var ordered = new List<Edit>(_edits);
            for (var i = 1; i < ordered.Count; i++)
            {
                var edit = ordered[i];
                var j = i - 1;
                while (j >= 0 && (ordered[j].Start > edit.Start || (ordered[j].Start == edit.Start && ordered[j].End > edit.End)))
                {
                    ordered[j + 1] = ordered[j];
                    j--;
                }

                ordered[j + 1] = edit;
            }

            using var output = new System.IO.MemoryStream(_bytes.Length + 256);
            output.Write(_bytes, 0, _base);
            var position = 0;
            foreach (var edit in ordered)
            {
                output.Write(_bytes, _base + position, edit.Start - position);
                var text = Encoding.UTF8.GetBytes(edit.Text);
                output.Write(text, 0, text.Length);
                position = edit.End;
            }

            output.Write(_bytes, _base + position, _bytes.Length - _base - position);
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
                list = new List<Addition>();
                _additions.Add(parent, list);
                _additionOrder.Add(parent);
            }

            list.Add(new Addition(key, renderValue));
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
                    foreach (var addition in additions)
                    {
                        text.Append(',').Append(whitespace).Append(JsonText.Quote(addition.Key)).Append(style.Colon).Append(addition.Render(indent));
                    }

                    _edits.Add(new Edit(last.Value.End, last.Value.End, text.ToString()));
                    continue;
                }

                // An empty object: open it up one level deeper than the line it starts on.
                var outer = LineIndentAt(parent.Start);
                var inner = style.Multiline ? outer + _indentUnit : "";
                var separator = style.Multiline ? _document.NewLine + inner : style.Inline;
                text.Append(separator);
                for (var i = 0; i < additions.Count; i++)
                {
                    text.Append(i == 0 ? "" : "," + separator).Append(JsonText.Quote(additions[i].Key)).Append(style.Colon).Append(additions[i].Render(inner));
                }

                text.Append(style.Multiline ? _document.NewLine + outer : style.Inline);
                _edits.Add(new Edit(parent.Start + 1, parent.End - 1, text.ToString()));
            }

            _additionOrder.Clear();
        }

        private string RenderObject(List<Member> members, Style style, string indent)
        {
            var open = style.Multiline ? _document.NewLine + indent + _indentUnit : style.Inline;
            var close = style.Multiline ? _document.NewLine + indent : style.Inline;
            var text = new StringBuilder("{");
            for (var i = 0; i < members.Count; i++)
            {
                text.Append(i == 0 ? open : "," + open).Append(JsonText.Quote(members[i].Key)).Append(style.Colon).Append(members[i].Json);
            }

            return text.Append(close).Append('}').ToString();
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

        private sealed class Edit
        {
            public Edit(int start, int end, string text)
            {
                Start = start;
                End = end;
                Text = text;
            }

            public int Start { get; }

            public int End { get; }

            public string Text { get; }
        }

        private sealed class Addition
        {
            public Addition(string key, Func<string, string> render)
            {
                Key = key;
                Render = render;
            }

            public string Key { get; }

            public Func<string, string> Render { get; }
        }

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

/// <summary>A managed key and the JSON text of its value.</summary>
internal sealed class Member
{
    public Member(string key, string json)
    {
        Key = key;
        Json = json;
    }

    public string Key { get; }

    public string Json { get; }
}

/// <summary>A field whose JSON type makes a safe edit impossible, and where it is.</summary>
public sealed class ShapeProblem
{
    public ShapeProblem(string message, int line, int column)
    {
        Message = message;
        Line = line;
        Column = column;
    }

    public string Message { get; }

    public int Line { get; }

    public int Column { get; }
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
