using System;
using System.Text;

namespace TrustedPublish.Build.Text;

/// <summary>
/// Hides credentials in text shown to the user: every diagnostic argument goes through here
/// (<see cref="Diagnostics.DiagnosticDescriptor.Create(string?, int, int, object?[])"/>), because a registry URL
/// or a command copied from a repository file can carry one. Each pass is a single scan, so hostile text costs
/// its length. What is hidden:
/// <list type="bullet">
/// <item>URL user information: https://user:password@host and https://token@host become https://***@host;</item>
/// <item>the value of NAME=value when NAME is a credential's name: _authToken, _auth, _password, query
/// parameters and variables named like token, password, secret or auth (NPM_TOKEN=…, ?access_token=…);
/// a ${VAR} or ${{ expression }} placeholder is kept, since it names where the value comes from;</item>
/// <item>the value of `config set KEY VALUE` (npm, pnpm, yarn; also `npm set`) when KEY names a credential
/// (`//registry.npmjs.org/:_authToken VALUE`, `npmAuthToken VALUE`): npm and Yarn take the space form as readily as KEY=VALUE;</item>
/// <item>npm and GitHub tokens by their shape (npm_…, ghp_…, github_pat_…), wherever they are.</item>
/// </list>
/// </summary>
internal static class Secrets
{
    public const string Mask = "***";

    public static string Redact(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        return RedactTokenShapes(RedactConfigSetValues(RedactAssignments(RedactUserInfo(text))));
    }

    /// <summary>scheme://USERINFO@host: everything between // and the last @ of the authority.</summary>
    private static string RedactUserInfo(string text)
    {
        var result = new StringBuilder(text.Length);
        var copied = 0;
        var i = text.IndexOf("//", StringComparison.Ordinal);
        while (i >= 0)
        {
            var authority = i + 2;
            var end = authority;
            var at = -1;
            while (end < text.Length && !EndsAuthority(text[end]))
            {
                if (text[end] == '@')
                {
                    at = end;
                }

                end++;
            }

            if (at >= 0)
            {
                result.Append(text, copied, authority - copied).Append(Mask);
                copied = at;
            }

            i = end < text.Length ? text.IndexOf("//", end, StringComparison.Ordinal) : -1;
        }

        return copied == 0 ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool EndsAuthority(char c) => c is '/' or '?' or '#' or '\\' or '"' or '\'' or '<' or '>' or '`' || char.IsWhiteSpace(c);

    /// <summary>NAME=value (spaces allowed around =) where NAME names a credential.</summary>
    private static string RedactAssignments(string text)
    {
        var result = new StringBuilder(text.Length);
        var copied = 0;
        var equals = text.IndexOf('=');
        var lastExpressionClose = equals < 0 ? -1 : text.LastIndexOf("}}", StringComparison.Ordinal);
        while (equals >= 0)
        {
            var nameEnd = equals;
            while (nameEnd > copied && (text[nameEnd - 1] == ' ' || text[nameEnd - 1] == '\t'))
            {
                nameEnd--;
            }

            var nameStart = nameEnd;
            while (nameStart > copied && IsNameChar(text[nameStart - 1]))
            {
                nameStart--;
            }

            var valueStart = equals + 1;
            while (valueStart < text.Length && (text[valueStart] == ' ' || text[valueStart] == '\t'))
            {
                valueStart++;
            }

            var next = equals + 1;
            if (nameEnd > nameStart && IsCredentialName(text.Substring(nameStart, nameEnd - nameStart)) && valueStart < text.Length)
            {
                next = Math.Max(next, MaskValue(text, valueStart, lastExpressionClose, result, ref copied));
            }

            equals = next < text.Length ? text.IndexOf('=', next) : -1;
        }

        return copied == 0 ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// `set KEY VALUE` where KEY names a credential: the word after the key is masked (a placeholder is kept). Options
    /// between `set` and the key (`--location=user`) are skipped. One scan: each search starts past what was read.
    /// </summary>
    private static string RedactConfigSetValues(string text)
    {
        var result = new StringBuilder(text.Length);
        var copied = 0;
        var lastExpressionClose = text.LastIndexOf("}}", StringComparison.Ordinal);
        var set = text.IndexOf("set", StringComparison.Ordinal);
        while (set >= 0)
        {
            var next = set + 3;
            if ((set == 0 || char.IsWhiteSpace(text[set - 1])) && next < text.Length && char.IsWhiteSpace(text[next]))
            {
                var key = SkipSpaces(text, next);
                while (key < text.Length && text[key] == '-')
                {
                    key = SkipSpaces(text, WordEnd(text, key));
                }

                var keyEnd = WordEnd(text, key);
                var valueStart = SkipSpaces(text, keyEnd);
                next = Math.Max(next, keyEnd);
                var keyText = text.Substring(key, keyEnd - key);
                if (keyEnd > key && keyText.IndexOf('=') < 0 && IsCredentialName(keyText) && valueStart > keyEnd && valueStart < text.Length)
                {
                    next = Math.Max(next, MaskValue(text, valueStart, lastExpressionClose, result, ref copied));
                }
            }

            set = next < text.Length ? text.IndexOf("set", next, StringComparison.Ordinal) : -1;
        }

        return copied == 0 ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// Masks the value that starts at <paramref name="valueStart"/> (quoted or a bare word) unless it is a placeholder
    /// such as ${NPM_TOKEN} or ${{ secrets.X }}, which names a secret without holding it. Returns where the value ends.
    /// </summary>
    private static int MaskValue(string text, int valueStart, int lastExpressionClose, StringBuilder result, ref int copied)
    {
        var quote = text[valueStart] is '"' or '\'' ? text[valueStart] : '\0';
        var start = quote == '\0' ? valueStart : valueStart + 1;
        var end = PlaceholderEnd(text, start, lastExpressionClose);
        if (end >= 0)
        {
            return end;
        }

        end = start;
        while (end < text.Length && (quote == '\0' ? !EndsValue(text[end]) : text[end] != quote))
        {
            end++;
        }

        if (end > start)
        {
            result.Append(text, copied, start - copied).Append(Mask);
            copied = end;
        }

        return end;
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t'))
        {
            i++;
        }

        return i;
    }

    /// <summary>The end of the word at <paramref name="i"/>: the next whitespace, or past a quoted key's closing quote.</summary>
    private static int WordEnd(string text, int i)
    {
        if (i < text.Length && text[i] is '"' or '\'')
        {
            var close = text.IndexOf(text[i], i + 1);
            return close < 0 ? text.Length : close + 1;
        }

        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsNameChar(char c) => Chars.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    private static bool EndsValue(char c) => c is '&' or ';' or ',' or '#' or '"' or '\'' or '<' or '>' or '`' or ')' or ']' or '}' || char.IsWhiteSpace(c);

    private static bool IsCredentialName(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower.Contains("token") || lower.Contains("passw") || lower.Contains("secret") || lower.Contains("credential")
            || lower.Contains("apikey") || lower.Contains("api_key") || lower.Contains("api-key")
            || lower.EndsWith("auth", StringComparison.Ordinal) || lower is "key" or "sig" or "pwd" or "pass";
    }

    /// <summary>
    /// Where a ${VAR} or ${{ expression }} at <paramref name="start"/> ends, or -1 when the value is not one:
    /// a placeholder names where the secret comes from, it is not the secret. (An expression holds spaces, so
    /// it is judged by whether any }} follows, known once for the whole text.)
    /// </summary>
    private static int PlaceholderEnd(string text, int start, int lastExpressionClose)
    {
        if (string.CompareOrdinal(text, start, "${{", 0, 3) == 0)
        {
            return lastExpressionClose > start ? start + 3 : -1;
        }

        if (string.CompareOrdinal(text, start, "${", 0, 2) != 0)
        {
            return -1;
        }

        var end = start + 2;
        while (end < text.Length && IsNameChar(text[end]))
        {
            end++;
        }

        return end > start + 2 && end < text.Length && text[end] == '}' && (end + 1 == text.Length || EndsValue(text[end + 1])) ? end + 1 : -1;
    }

    private static readonly (string Prefix, int MinimumLength)[] TokenShapes =
    {
        ("npm_", 36), ("ghp_", 36), ("gho_", 36), ("ghu_", 36), ("ghs_", 36), ("ghr_", 36), ("github_pat_", 22),
    };

    /// <summary>A known token prefix at the start of a word followed by enough token characters.</summary>
    private static string RedactTokenShapes(string text)
    {
        var result = new StringBuilder(text.Length);
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            var matched = false;
            if (i == 0 || !IsTokenChar(text[i - 1]))
            {
                foreach (var (prefix, minimum) in TokenShapes)
                {
                    if (string.CompareOrdinal(text, i, prefix, 0, prefix.Length) != 0)
                    {
                        continue;
                    }

                    var end = i + prefix.Length;
                    while (end < text.Length && IsTokenChar(text[end]))
                    {
                        end++;
                    }

                    if (end - i - prefix.Length >= minimum)
                    {
                        result.Append(text, copied, i + prefix.Length - copied).Append(Mask);
                        copied = end;
                        i = end;
                        matched = true;
                    }

                    break;
                }
            }

            if (!matched)
            {
                i++;
            }
        }

        return copied == 0 ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool IsTokenChar(char c) => Chars.IsAsciiLetterOrDigit(c) || c == '_';
}
