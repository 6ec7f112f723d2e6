using System.Collections.Generic;
using System.Text.Json;

namespace TrustedPublish.Build.PackageJson;

/// <summary>
/// A JSON value with the byte range it occupies in the original text, so an edit can replace
/// exactly that range and leave every other byte alone.
/// </summary>
internal sealed class JsonSpanNode
{
    internal JsonSpanNode(JsonTokenType kind, int start)
    {
        Kind = kind;
        Start = start;
    }

    /// <summary>StartObject, StartArray, String, Number, True, False or Null.</summary>
    public JsonTokenType Kind { get; }

    /// <summary>Offset of the first byte of the value.</summary>
    public int Start { get; }

    /// <summary>Offset one past the last byte of the value.</summary>
    public int End { get; internal set; }

    /// <summary>The decoded value of a string; the raw text of a number.</summary>
    public string? Text { get; internal set; }

    /// <summary>Members of an object in file order; duplicates kept (the last one is what npm reads).</summary>
    public List<JsonSpanMember> Members { get; } = new();

    public List<JsonSpanNode> Items { get; } = new();

    public bool IsObject => Kind == JsonTokenType.StartObject;

    public bool IsString => Kind == JsonTokenType.String;

    /// <summary>The member npm sees (JSON.parse keeps the last duplicate).</summary>
    public JsonSpanMember? Find(string name)
    {
        for (var i = Members.Count - 1; i >= 0; i--)
        {
            if (Members[i].Name == name)
            {
                return Members[i];
            }
        }

        return null;
    }

    public JsonSpanNode? Get(string name) => Find(name)?.Value;

    public string? GetString(string name)
    {
        var value = Get(name);
        return value != null && value.IsString ? value.Text : null;
    }
}

/// <summary>An object member: its name, where the name starts, and its value.</summary>
internal sealed class JsonSpanMember
{
    internal JsonSpanMember(string name, int nameStart, JsonSpanNode value)
    {
        Name = name;
        NameStart = nameStart;
        Value = value;
    }

    public string Name { get; }

    public int NameStart { get; }

    public JsonSpanNode Value { get; }
}
