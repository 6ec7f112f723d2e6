using System;
using System.Collections.Generic;
using System.Text;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Npmrc;

/// <summary>
/// TPB060-TPB063 over the repository's and the package's .npmrc: registries that send the publish
/// elsewhere, and credentials (_authToken, _auth, _password). A credential's value is never put into a message.
/// </summary>
public sealed class NpmrcRule : IRepositoryRule
{
    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var scope = context.Settings.IsScoped ? context.Settings.PackageName.Substring(0, context.Settings.PackageName.IndexOf('/')) : null;
        foreach (var file in context.Npmrcs)
        {
            foreach (var entry in NpmrcEntry.Read(file.Text))
            {
                var key = entry.Key;
                var value = entry.Value;
                var where = $"{file.RelativePath} line {entry.Line}";
                if (scope != null && string.Equals(key, scope + ":registry", StringComparison.OrdinalIgnoreCase) && !IsNpmjs(value))
                {
                    yield return DiagnosticCatalog.ScopeRegistryRedirect.Create(file.Path, entry.Line, entry.Column, where, scope, value);
                }
                else if (string.Equals(key, "registry", StringComparison.OrdinalIgnoreCase) && !IsNpmjs(value))
                {
                    yield return DiagnosticCatalog.RegistryRedirect.Create(file.Path, entry.Line, entry.Column, where, value);
                }
                else if (Credential(key) is { } credential)
                {
                    var host = key.StartsWith("//", StringComparison.Ordinal) ? key.Substring(2, Math.Max(0, key.IndexOf('/', 2) - 2)) : "the default registry";
                    var placeholder = value.Length == 0 || value.Contains("${");
                    if (!placeholder)
                    {
                        yield return DiagnosticCatalog.NpmrcLiteralToken.Create(file.Path, entry.Line, entry.Column, where, host, credential);
                    }
                    else if (host == "registry.npmjs.org" || host == "the default registry")
                    {
                        yield return DiagnosticCatalog.NpmrcTokenPlaceholder.Create(file.Path, entry.Line, entry.Column, where, credential);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The credential a key sets, bare or for one registry (//host/path/:NAME): _authToken (a token), _auth
    /// (base64 of user:password) or _password (base64 of the password). npm logs in with any of them.
    /// </summary>
    private static string? Credential(string key)
    {
        foreach (var name in new[] { "_authToken", "_auth", "_password" })
        {
            if (key == name || (key.EndsWith(name, StringComparison.Ordinal) && key.Length > name.Length && key[key.Length - name.Length - 1] == ':'))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>http(s)://registry.npmjs.org with or without the final slash, in any case.</summary>
    private static bool IsNpmjs(string url)
    {
        var rest = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url.Substring(8)
            : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? url.Substring(7)
            : null;
        return rest != null && (string.Equals(rest, "registry.npmjs.org", StringComparison.OrdinalIgnoreCase) || string.Equals(rest, "registry.npmjs.org/", StringComparison.OrdinalIgnoreCase));
    }
}

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
