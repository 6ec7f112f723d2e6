using System;
using System.Collections.Generic;
using System.Text.Json;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.PackageJson;

/// <summary>
/// package.json as npm reads it, with the byte position of every value and the formatting facts
/// (BOM, indentation, line ending, final newline) that an edit must keep.
/// </summary>
internal sealed class PackageJsonDocument
{
    private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

    private PackageJsonDocument(byte[] bytes, int bodyStart, JsonSpanNode root)
    {
        Bytes = bytes;
        BodyStart = bodyStart;
        Root = root;
        Lines = new LineMap(bytes, bodyStart);
        NewLine = DetectNewLine(bytes, bodyStart);
    }

    /// <summary>The file's bytes exactly as read.</summary>
    public byte[] Bytes { get; }

    /// <summary>3 when the file starts with a UTF-8 BOM (which Utf8JsonReader rejects), else 0.</summary>
    public int BodyStart { get; }

    public bool HasBom => BodyStart > 0;

    /// <summary>Offsets in every node are relative to <see cref="BodyStart"/>.</summary>
    public JsonSpanNode Root { get; }

    public LineMap Lines { get; }

    /// <summary>"\r\n" when the first line ends so, else "\n" (what npm's own editor does).</summary>
    public string NewLine { get; }

    public string? Name => Root.GetString("name");

    public string? Version => Root.GetString("version");

    /// <summary>Script names defined in "scripts", in file order.</summary>
    public IReadOnlyList<string> ScriptNames
    {
        get
        {
            var scripts = Root.Get("scripts");
            var names = new List<string>();
            if (scripts != null && scripts.IsObject)
            {
                foreach (var member in scripts.Members)
                {
                    if (!names.Contains(member.Name))
                    {
                        names.Add(member.Name);
                    }
                }
            }

            return names;
        }
    }

    public (int Line, int Column) Locate(int offset) => Lines.Locate(offset);

    /// <summary>Parses package.json. Never throws for bad input: the result carries the error and its position.</summary>
    public static PackageJsonParseResult Parse(byte[] bytes)
    {
        var bodyStart = bytes.Length >= 3 && bytes[0] == Utf8Bom[0] && bytes[1] == Utf8Bom[1] && bytes[2] == Utf8Bom[2] ? 3 : 0;
        var body = new ReadOnlySpan<byte>(bytes, bodyStart, bytes.Length - bodyStart);
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 1024 });
        try
        {
            if (!reader.Read())
            {
                return PackageJsonParseResult.Failure("the file is empty.", 1, 1);
            }

            // Trailing content after the root value makes Utf8JsonReader throw (a JsonException with its position).
            var root = ReadValue(ref reader);
            reader.Read();
            var document = new PackageJsonDocument(bytes, bodyStart, root);
            return root.IsObject
                ? PackageJsonParseResult.Success(document)
                : PackageJsonParseResult.WrongShape(document, $"package.json must hold a JSON object, but it holds {Describe(root)}.");
        }
        catch (JsonException ex)
        {
            // LineNumber and BytePositionInLine are 0-based; the column a person sees counts characters.
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = ColumnOf(bytes, bodyStart, line, (int)(ex.BytePositionInLine ?? 0));
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message.Substring(0, cut);
            }

            return PackageJsonParseResult.Failure(message, line, column);
        }
    }

    /// <summary>JavaScript's truthiness of a value: what `if (manifest.private)` sees.</summary>
    internal static bool IsTruthy(JsonSpanNode node) => node.Kind switch
    {
        JsonTokenType.True or JsonTokenType.StartObject or JsonTokenType.StartArray => true,
        JsonTokenType.String => !string.IsNullOrEmpty(node.Text),
        JsonTokenType.Number => double.TryParse(node.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) && n != 0 && !double.IsNaN(n),
        _ => false,
    };

    internal static string Describe(JsonSpanNode node) => node.Kind switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };

    private static JsonSpanNode ReadValue(ref Utf8JsonReader reader)
    {
        var node = new JsonSpanNode(reader.TokenType, (int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var nameStart = (int)reader.TokenStartIndex;
                    var name = StringValue(ref reader);
                    reader.Read();
                    node.Members.Add(new JsonSpanMember(name, nameStart, ReadValue(ref reader)));
                }

                node.End = (int)reader.BytesConsumed;
                break;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    node.Items.Add(ReadValue(ref reader));
                }

                node.End = (int)reader.BytesConsumed;
                break;
            case JsonTokenType.String:
                node.Text = StringValue(ref reader);
                node.End = (int)reader.BytesConsumed;
                break;
            default:
                node.Text = reader.TokenType == JsonTokenType.Number
                    ? System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray())
                    : null;
                node.End = (int)reader.BytesConsumed;
                break;
        }

        return node;
    }

    /// <summary>
    /// A string token's value as JavaScript reads it: a lone surrogate escape (\ud800) stays a lone surrogate,
    /// and an invalid UTF-8 byte becomes U+FFFD, where Utf8JsonReader.GetString throws.
    /// </summary>
    private static string StringValue(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return JsonText.DecodeLeniently(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
        }
    }

    private static string DetectNewLine(byte[] bytes, int start)
    {
        var lf = Array.IndexOf(bytes, (byte)'\n', start);
        return lf > start && bytes[lf - 1] == (byte)'\r' ? "\r\n" : "\n";
    }

    private static int ColumnOf(byte[] bytes, int bodyStart, int line, int bytePositionInLine)
    {
        var lineStart = bodyStart;
        for (var current = 1; current < line && lineStart < bytes.Length; lineStart++)
        {
            if (bytes[lineStart] == (byte)'\n')
            {
                current++;
            }
        }

        var length = Math.Max(0, Math.Min(bytePositionInLine, bytes.Length - lineStart));
        return System.Text.Encoding.UTF8.GetCharCount(bytes, lineStart, length) + 1;
    }
}

/// <summary>The outcome of reading package.json: a document, or an error with its position.</summary>
internal sealed class PackageJsonParseResult
{
    private PackageJsonParseResult(PackageJsonDocument? document, string? error, int line, int column, bool wrongShape)
    {
        Document = document;
        Error = error;
        Line = line;
        Column = column;
        IsWrongShape = wrongShape;
    }

    public PackageJsonDocument? Document { get; }

    public string? Error { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>Valid JSON, but not an object.</summary>
    public bool IsWrongShape { get; }

    public bool Succeeded => Error == null;

    internal static PackageJsonParseResult Success(PackageJsonDocument document) => new(document, null, 0, 0, false);

    internal static PackageJsonParseResult Failure(string error, int line, int column) => new(null, error, line, column, false);

    internal static PackageJsonParseResult WrongShape(PackageJsonDocument document, string error) => new(document, error, 1, 1, true);
}
