using System;
using System.Collections.Generic;
using System.Text;

namespace TrustedPublish.Build.Rules.Npmrc;

/// <summary>
/// One `key = value` line of an .npmrc, read the way npm's ini parser reads it, in one pass over the text:
/// lines end at \n or \r; a line starting with ; or # is a comment; `[section]` lines and lines without `=`
/// set nothing a rule looks at; key and value are trimmed; a value in matching quotes is taken as it is,
/// otherwise it ends at the first ; or # that is not escaped with a backslash.
/// </summary>
internal readonly struct NpmrcEntry
{
    private NpmrcEntry(string key, string value, int line, int column)
    {
        Key = key;
        Value = value;
        Line = line;
        Column = column;
    }

    public string Key { get; }

    public string Value { get; }

    /// <summary>1-based line, counting \n only (what an editor shows for a file with \n or \r\n endings).</summary>
    public int Line { get; }

    /// <summary>1-based column of the key.</summary>
    public int Column { get; }

    /// <summary>
    /// The credential this entry sets, bare or for one registry (//host/path/:NAME): _authToken (a token), _auth
    /// (base64 of user:password) or _password (base64 of the password). npm logs in with any of them. Null otherwise.
    /// </summary>
    public string? Credential
    {
        get
        {
            foreach (var name in new[] { "_authToken", "_auth", "_password" })
            {
                if (Key == name || (Key.EndsWith(name, StringComparison.Ordinal) && Key.Length > name.Length && Key[Key.Length - name.Length - 1] == ':'))
                {
                    return name;
                }
            }

            return null;
        }
    }

    /// <summary>The registry host a credential is for ("//host/path/:_authToken"), or "the default registry" for a bare key.</summary>
    public string CredentialHost => Key.StartsWith("//", StringComparison.Ordinal) ? Key.Substring(2, Math.Max(0, Key.IndexOf('/', 2) - 2)) : "the default registry";

    /// <summary>True when a credential's value is empty or a ${VAR} placeholder, not a literal secret.</summary>
    public bool IsPlaceholder => Value.Length == 0 || Value.Contains("${");

    /// <summary>"FILE line N", for messages.</summary>
    public string Where(RepositoryFile file) => $"{file.RelativePath} line {Line}";

    /// <summary>http(s)://registry.npmjs.org with or without the final slash, in any case.</summary>
    public static bool IsNpmjs(string url)
    {
        var rest = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url.Substring(8)
            : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? url.Substring(7)
            : null;
        return rest != null && (string.Equals(rest, "registry.npmjs.org", StringComparison.OrdinalIgnoreCase) || string.Equals(rest, "registry.npmjs.org/", StringComparison.OrdinalIgnoreCase));
    }

    public static IEnumerable<NpmrcEntry> Read(string text)
    {
        var line = 1;
        var lineStart = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n' && text[i] != '\r')
            {
                continue;
            }

            if (TryRead(text, start, i, out var key, out var value, out var keyStart))
            {
                yield return new NpmrcEntry(key, value, line, keyStart - lineStart + 1);
            }

            start = i + 1;
            if (i < text.Length && text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
    }

    /// <summary>The entry in text[start..end), if it is one.</summary>
    private static bool TryRead(string text, int start, int end, out string key, out string value, out int keyStart)
    {
        key = value = "";
        keyStart = start;
        while (keyStart < end && char.IsWhiteSpace(text[keyStart]))
        {
            keyStart++;
        }

        if (keyStart == end || text[keyStart] == ';' || text[keyStart] == '#' || text[keyStart] == '[')
        {
            return false;
        }

        var equals = text.IndexOf('=', keyStart, end - keyStart);
        if (equals < 0)
        {
            return false;
        }

        key = Unquote(text, keyStart, equals);
        value = Unquote(text, equals + 1, end);
        return key.Length > 0;
    }

    /// <summary>ini's reading of a key or a value in text[start..end): trimmed, unquoted, or cut at an unescaped ; or #.</summary>
    private static string Unquote(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end - start >= 2 && (text[start] == '"' || text[start] == '\'') && text[end - 1] == text[start])
        {
            return text.Substring(start + 1, end - start - 2);
        }

        var builder = new StringBuilder(end - start);
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < end)
            {
                var next = text[++i];
                if (next != ';' && next != '#' && next != '\\')
                {
                    builder.Append('\\');
                }

                builder.Append(next);
            }
            else if (c == ';' || c == '#')
            {
                break;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }
}
