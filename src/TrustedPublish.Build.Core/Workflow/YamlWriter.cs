using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TrustedPublish.Build.Workflow;

/// <summary>
/// Writes the block-style YAML of the generated workflow. Hand-written instead of YamlDotNet's emitter
/// because the build's first run must stay within a few milliseconds and the emitter's cold start alone
/// cost more (docs/performance.md); the output is pinned by golden files, and tests parse it back with
/// YamlDotNet and GitHub's own workflow parser. The caller says which scalars are
/// fixed words (plain), which are values that must stay strings (double-quoted, escaped per the YAML
/// spec, so no value can add a key or a step), and which are scripts (literal blocks). LF only.
/// </summary>
internal sealed class YamlWriter
{
    private const int Indent = 2;
    private readonly StringBuilder _text = new(8192);
    private readonly Stack<Frame> _frames = new();
    private bool _pendingKey;

    private enum Kind
    {
        Map,
        Sequence,
    }

    public void Comment(string text, bool inline = false)
    {
        if (inline)
        {
            // Follows the scalar just written, on its line.
            _text.Length--;
            _text.Append(" # ").Append(text).Append('\n');
            return;
        }

        _text.Append(new string(' ', CurrentIndent())).Append("# ").Append(text).Append('\n');
    }

    public void BeginMap() => Open(Kind.Map);

    public void EndMap() => _frames.Pop();

    public void BeginSequence() => Open(Kind.Sequence);

    public void EndSequence() => _frames.Pop();

    /// <summary>An empty flow mapping as a value: `key: {}`.</summary>
    public void EmptyMap(string key)
    {
        Key(key);
        WriteScalarText("{}");
    }

    /// <summary>A key: always a fixed word of the workflow syntax.</summary>
    public void Key(string key)
    {
        var frame = _frames.Peek();
        WriteLinePrefix(frame);
        _text.Append(key).Append(':');
        _pendingKey = true;
    }

    /// <summary>A fixed word or expression this generator wrote itself (never a user's value).</summary>
    public void Plain(string value) => WriteScalarText(value);

    /// <summary>A value that must be read back as exactly this string.</summary>
    public void Quoted(string value) => WriteScalarText(DoubleQuoted(value));

    /// <summary>
    /// Text built from a user's value (a script name in a command): plain when YAML reads it back as exactly
    /// this string, double-quoted otherwise (`npm run build:` as a plain scalar is a mapping GitHub refuses).
    /// </summary>
    public void Text(string value) => WriteScalarText(IsSafePlain(value) ? value : DoubleQuoted(value));

    public void TextEntry(string key, string value)
    {
        Key(key);
        Text(value);
    }

    /// <summary>
    /// True when <paramref name="value"/> written as a plain block scalar reads back as the same string: no
    /// indicator first, no ": " or " #" inside, no ':' last, no edge spaces, printable ASCII only, and not a
    /// word YAML would resolve to another type. Conservative: a false here only costs a pair of quotes.
    /// </summary>
    internal static bool IsSafePlain(string value)
    {
        if (value.Length == 0 || value[0] == ' ' || value[value.Length - 1] == ' ' || value[value.Length - 1] == ':')
        {
            return false;
        }

        if ("-?:,[]{}#&*!|>'\"%@`".IndexOf(value[0]) >= 0)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x20 || c > 0x7E || (c == ':' && value[i + 1] == ' ') || (c == '#' && value[i - 1] == ' '))
            {
                return false;
            }
        }

        // Words YAML 1.1 or 1.2 resolves to booleans, null or numbers.
        var lower = value.ToLowerInvariant();
        return lower is not ("true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or "null" or "~")
            && !char.IsDigit(value[0]) && !(value[0] == '.' && value.Length > 1 && char.IsDigit(value[1]));
    }

    /// <summary>A script as a literal block (`|`); the script must not start with a space.</summary>
    public void Literal(string script)
    {
        if (!script.EndsWith("\n", StringComparison.Ordinal))
        {
            script += "\n";
        }

        var indent = new string(' ', CurrentIndent() + Indent);
        PrepareScalar();
        _text.Append("|\n");
        foreach (var line in script.Substring(0, script.Length - 1).Split('\n'))
        {
            if (line.Length > 0)
            {
                _text.Append(indent).Append(line);
            }

            _text.Append('\n');
        }
    }

    public void PlainEntry(string key, string value)
    {
        Key(key);
        Plain(value);
    }

    public void QuotedEntry(string key, string value)
    {
        Key(key);
        Quoted(value);
    }

    public string Finish() => _text.ToString();

    /// <summary>YAML double-quoted style: escapes for \, ", control characters and every YAML line break; other text as is.</summary>
    internal static string DoubleQuoted(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\0': builder.Append("\\0"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\v': builder.Append("\\v"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                case '\u001B': builder.Append("\\e"); break;
                case '\u0085': builder.Append("\\N"); break;
                case '\u00A0': builder.Append("\\_"); break;
                case '\u2028': builder.Append("\\L"); break;
                case '\u2029': builder.Append("\\P"); break;
                default:
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\uFEFF' || c == '\uFFFE' || c == '\uFFFF')
                    {
                        builder.Append(c <= 0xFF ? "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture) : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private void Open(Kind kind)
    {
        if (_frames.Count == 0)
        {
            _frames.Push(new Frame(kind, 0));
            return;
        }

        var parent = _frames.Peek();
        if (parent.Kind == Kind.Sequence && kind == Kind.Map)
        {
            // "- key: value": the map starts on the dash's line, its keys line up after "- ".
            WriteLinePrefix(parent);
            _frames.Push(new Frame(kind, parent.Indent + Indent) { Inline = true });
            return;
        }

        // A block collection as the value of a key: on the next lines, one level deeper
        // (sequences too: the indented-sequence style GitHub's own examples use).
        _text.Append('\n');
        _pendingKey = false;
        _frames.Push(new Frame(kind, parent.Indent + Indent));
    }

    private void WriteLinePrefix(Frame frame)
    {
        if (frame.Kind == Kind.Sequence)
        {
            _text.Append(new string(' ', frame.Indent)).Append("- ");
            return;
        }

        if (frame.Inline)
        {
            // First key of a map inside a sequence item goes right after the dash.
            frame.Inline = false;
            return;
        }

        _text.Append(new string(' ', frame.Indent));
    }

    private void WriteScalarText(string text)
    {
        PrepareScalar();
        _text.Append(text).Append('\n');
    }

    private void PrepareScalar()
    {
        if (_pendingKey)
        {
            _text.Append(' ');
            _pendingKey = false;
            return;
        }

        var frame = _frames.Peek();
        if (frame.Kind == Kind.Sequence)
        {
            WriteLinePrefix(frame);
        }
    }

    private int CurrentIndent() => _frames.Count == 0 ? 0 : _frames.Peek().Indent;

    private sealed class Frame
    {
        public Frame(Kind kind, int indent)
        {
            Kind = kind;
            Indent = indent;
        }

        public Kind Kind { get; }

        public int Indent { get; }

        public bool Inline { get; set; }
    }
}
