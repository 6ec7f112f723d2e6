using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TrustedPublish.Build.PackageJson;

/// <summary>
/// brace-expansion 5 for what ignore files use: comma lists (nested) and numeric or letter sequences.
/// A pattern with a backslash, "${", an unbalanced or one-member group is refused instead of guessed.
/// </summary>
internal static class NpmBraceExpansion
{
    public static List<string>? Expand(string pattern, int max, out string? unsupported)
    {
        unsupported = null;
        if (!HasBracePair(pattern))
        {
            return new List<string> { pattern };
        }

        if (pattern.IndexOf('\\') >= 0 || pattern.IndexOf("${", StringComparison.Ordinal) >= 0 || pattern.StartsWith("{}", StringComparison.Ordinal))
        {
            unsupported = $"the braces in '{pattern}'";
            return null;
        }

        var position = 0;
        var result = Sequence(pattern, ref position, topLevel: true, max);
        if (result == null || position != pattern.Length)
        {
            unsupported = $"the braces in '{pattern}'";
            return null;
        }

        // brace-expansion drops an expansion that is empty as a whole.
        result.RemoveAll(s => s.Length == 0);
        return result;
    }

    /// <summary>minimatch's shortcut: no '{' followed by a '}' with no '{' between means no expansion.</summary>
    private static bool HasBracePair(string pattern)
    {
        var open = -1;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '{')
            {
                open = i;
            }
            else if (pattern[i] == '}' && open >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Text and groups up to a ',' or '}' of the enclosing group (or the end): every combination, in order.</summary>
    private static List<string>? Sequence(string text, ref int position, bool topLevel, int max)
    {
        var results = new List<string> { "" };
        var literal = new StringBuilder();
        while (position < text.Length)
        {
            var c = text[position];
            if (!topLevel && (c == ',' || c == '}'))
            {
                break;
            }

            if (c == '}')
            {
                return null; // a '}' with no group open
            }

            if (c == ',')
            {
                literal.Append(c);
                position++;
                continue;
            }

            if (c != '{')
            {
                literal.Append(c);
                position++;
                continue;
            }

            var values = Group(text, ref position, max);
            if (values == null)
            {
                return null;
            }

            var combined = new List<string>();
            foreach (var prefix in results)
            {
                foreach (var value in values)
                {
                    if (combined.Count >= max)
                    {
                        return null;
                    }

                    combined.Add(prefix + literal + value);
                }
            }

            results = combined;
            literal.Clear();
        }

        for (var i = 0; i < results.Count; i++)
        {
            results[i] += literal.ToString();
        }

        return results;
    }

    /// <summary>A group at '{': its members (a sequence, or comma-separated alternatives), with position past its '}'.</summary>
    private static List<string>? Group(string text, ref int position, int max)
    {
        var close = MatchingClose(text, position);
        if (close < 0)
        {
            return null;
        }

        var body = text.Substring(position + 1, close - position - 1);
        var sequence = SequenceValues(body, max);
        if (sequence != null)
        {
            position = close + 1;
            return sequence;
        }

        position++;
        var alternatives = new List<string>();
        var members = 0;
        while (true)
        {
            var member = Sequence(text, ref position, topLevel: false, max);
            if (member == null || position >= text.Length)
            {
                return null;
            }

            members++;
            alternatives.AddRange(member);
            if (alternatives.Count > max)
            {
                return null;
            }

            if (text[position] == '}')
            {
                position++;
                break;
            }

            position++; // ','
        }

        // "{a}" is not expanded by brace-expansion, and what it does next depends on the text after it: refused.
        return members < 2 ? null : alternatives;
    }

    private static int MatchingClose(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>{1..5}, {01..10..2}, {a..e}: brace-expansion's sequences; null when the body is not one.</summary>
    private static List<string>? SequenceValues(string body, int max)
    {
        var ends = body.Split(new[] { ".." }, StringSplitOptions.None);
        if (ends.Length < 2 || ends.Length > 3)
        {
            return null;
        }

        var numeric = IsInteger(ends[0]) && IsInteger(ends[1]) && (ends.Length == 2 || IsInteger(ends[2]));
        var alpha = ends[0].Length == 1 && IsAsciiLetter(ends[0][0]) && ends[1].Length == 1 && IsAsciiLetter(ends[1][0]) && (ends.Length == 2 || IsInteger(ends[2]));
        if (!numeric && !alpha)
        {
            return null;
        }

        if (!long.TryParse(ends[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x) && numeric)
        {
            return null;
        }

        if (!long.TryParse(ends[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var y) && numeric)
        {
            return null;
        }

        if (alpha)
        {
            x = ends[0][0];
            y = ends[1][0];
        }

        long increment = 1;
        if (ends.Length == 3)
        {
            if (!long.TryParse(ends[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out increment))
            {
                return null;
            }

            increment = Math.Max(Math.Abs(increment), 1);
        }

        var reverse = y < x;
        if (reverse)
        {
            increment = -increment;
        }

        var width = Math.Max(ends[0].Length, ends[1].Length);
        var pad = numeric && Array.Exists(ends, IsPadded);
        var values = new List<string>();
        for (var i = x; reverse ? i >= y : i <= y; i += increment)
        {
            if (values.Count >= max)
            {
                return null;
            }

            string value;
            if (alpha)
            {
                value = i == '\\' ? "" : ((char)i).ToString();
            }
            else
            {
                value = i.ToString(CultureInfo.InvariantCulture);
                if (pad && value.Length < width)
                {
                    value = i < 0 ? "-" + new string('0', width - value.Length) + value.Substring(1) : new string('0', width - value.Length) + value;
                }
            }

            values.Add(value);
        }

        return values;
    }

    private static bool IsInteger(string text)
    {
        var start = text.StartsWith("-", StringComparison.Ordinal) ? 1 : 0;
        if (text.Length == start || text.Length > 18)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (text[i] < '0' || text[i] > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPadded(string text) => text.Length >= 2 && (text[0] == '0' ? char.IsDigit(text[1]) : text[0] == '-' && text.Length >= 3 && text[1] == '0' && char.IsDigit(text[2]));

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
