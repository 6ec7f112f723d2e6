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
internal static class PackageJsonPatcher
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

        var bytes = editor.Apply();
        if (editor.Changes.Count > 0 && Reread(bytes, target) is string problem)
        {
            // Never hand out bytes that do not parse or do not say what was asked: the file stays as it is.
            throw new InvalidOperationException($"the package.json patch was not applied ({problem}).");
        }

        return new PackageJsonPatch(editor.Changes, bytes);
    }

    /// <summary>Reads patched bytes back the way npm does (the last duplicate wins): null when every managed field holds its target.</summary>
    internal static string? Reread(byte[] bytes, PackageJsonTarget target)
    {
        var parse = PackageJsonDocument.Parse(bytes);
        if (!parse.Succeeded)
        {
            return "the result is not valid JSON: " + parse.Error;
        }

        var root = parse.Document!.Root;
        var repository = root.Get("repository");
        var publishConfig = root.Get("publishConfig");
        if (target.Name != null && root.GetString("name") != target.Name)
        {
            return "name";
        }

        if (repository == null || !repository.IsObject || repository.GetString("type") != "git" || repository.GetString("url") != target.RepositoryUrl
            || (target.RepositoryDirectory == null ? repository.Find("directory") != null : repository.GetString("directory") != target.RepositoryDirectory))
        {
            return "repository";
        }

        var provenance = publishConfig?.Get("provenance");
        if (publishConfig == null || !publishConfig.IsObject || publishConfig.GetString("access") != target.Access
            || provenance == null || provenance.Kind != (target.Provenance ? System.Text.Json.JsonTokenType.True : System.Text.Json.JsonTokenType.False))
        {
            return "publishConfig";
        }

        return null;
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
        private readonly Dictionary<JsonSpanNode, PendingObjectEdits> _objectEdits = new();
        private readonly List<JsonSpanNode> _objectEditOrder = new();

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

        /// <summary>Removes every member named <paramref name="key"/> (a duplicate left behind would be what npm reads).</summary>
        public void RemoveMember(JsonSpanNode parent, string key, string prefix)
        {
            var last = parent.Find(key);
            if (last == null)
            {
                return;
            }

            Record(prefix + key, RawText(last.Value), "missing", last.Value.Start);
            var removed = ObjectEdits(parent).Removed;
            for (var i = 0; i < parent.Members.Count; i++)
            {
                if (parent.Members[i].Name == key)
                {
                    removed.Add(i);
                }
            }
        }

        public byte[] Apply()
        {
            FlushObjectEdits();
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
                if (edit.Start < position)
                {
                    // Two edits over one range would splice text into text that is being removed: never write that.
                    throw new InvalidOperationException($"overlapping package.json edits at byte {edit.Start}.");
                }

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
        private void AddMember(JsonSpanNode parent, string key, Func<string, string> renderValue) =>
            ObjectEdits(parent).Additions.Add(new Addition(key, renderValue));

        private PendingObjectEdits ObjectEdits(JsonSpanNode parent)
        {
            if (!_objectEdits.TryGetValue(parent, out var pending))
            {
                pending = new PendingObjectEdits();
                _objectEdits.Add(parent, pending);
                _objectEditOrder.Add(parent);
            }

            return pending;
        }

        /// <summary>
        /// Turns the members removed from and added to each object into byte edits, worked out together so that
        /// they never overlap: additions go after the last member that stays, and an object whose members are
        /// all removed is opened up as if it were empty.
        /// </summary>
        private void FlushObjectEdits()
        {
            foreach (var parent in _objectEditOrder)
            {
                var pending = _objectEdits[parent];
                var members = parent.Members;
                var survivors = new List<int>();
                for (var i = 0; i < members.Count; i++)
                {
                    if (!pending.Removed.Contains(i))
                    {
                        survivors.Add(i);
                    }
                }

                if (survivors.Count == 0)
                {
                    // Nothing stays: the object's whole inside is rewritten (an empty object, or only the additions).
                    _edits.Add(new Edit(parent.Start + 1, parent.End - 1, pending.Additions.Count == 0 ? "" : OpenEmptyObject(parent, pending.Additions)));
                    continue;
                }

                // A leading run of removed members goes up to the first member that stays; any other removed
                // member goes together with the separator before it.
                var firstSurvivor = survivors[0];
                if (firstSurvivor > 0)
                {
                    _edits.Add(new Edit(members[0].NameStart, members[firstSurvivor].NameStart, ""));
                }

                for (var i = firstSurvivor + 1; i < members.Count; i++)
                {
                    if (pending.Removed.Contains(i))
                    {
                        _edits.Add(new Edit(members[i - 1].Value.End, members[i].Value.End, ""));
                    }
                }

                if (pending.Additions.Count == 0)
                {
                    continue;
                }

                var style = StyleOf(parent);
                var last = members[survivors[survivors.Count - 1]];
                var whitespace = WhitespaceBefore(last.NameStart);
                var indent = MemberIndent(last.NameStart);
                var text = new StringBuilder();
                foreach (var addition in pending.Additions)
                {
                    text.Append(',').Append(whitespace).Append(JsonText.Quote(addition.Key)).Append(style.Colon).Append(addition.Render(indent));
                }

                // Zero-length, at the end of the last member that stays: sorts before a removal starting there.
                _edits.Add(new Edit(last.Value.End, last.Value.End, text.ToString()));
            }

            _objectEditOrder.Clear();
        }

        /// <summary>The inside of an object holding only <paramref name="additions"/>, one level deeper than the line it starts on.</summary>
        private string OpenEmptyObject(JsonSpanNode parent, List<Addition> additions)
        {
            var style = StyleOf(parent);
            var outer = LineIndentAt(parent.Start);
            var inner = style.Multiline ? outer + _indentUnit : "";
            var separator = style.Multiline ? _document.NewLine + inner : style.Inline;
            var text = new StringBuilder(separator);
            for (var i = 0; i < additions.Count; i++)
            {
                text.Append(i == 0 ? "" : "," + separator).Append(JsonText.Quote(additions[i].Key)).Append(style.Colon).Append(additions[i].Render(inner));
            }

            return text.Append(style.Multiline ? _document.NewLine + outer : style.Inline).ToString();
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

        /// <summary>What happens to one object's members: indices removed, members added at its end.</summary>
        private sealed class PendingObjectEdits
        {
            public HashSet<int> Removed { get; } = new();

            public List<Addition> Additions { get; } = new();
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
internal sealed class ShapeProblem
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
internal sealed class PackageJsonPatch
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
