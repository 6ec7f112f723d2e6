using System;

namespace TrustedPublish.Build.Text;

/// <summary>
/// Character classes for the naming rules. Plain loops instead of regular expressions: these run on
/// every build that generates, and building regexes cost more than the rest of the run (docs/performance.md).
/// </summary>
internal static class Chars
{
    public static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    public static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';

    public static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || IsAsciiDigit(c);

    /// <summary>True when <paramref name="text"/> is not empty and every character is an ASCII letter, digit, or one of <paramref name="others"/>.</summary>
    public static bool OnlyLettersDigitsAnd(string text, string others)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsAsciiLetterOrDigit(c) && others.IndexOf(c) < 0)
            {
                return false;
            }
        }

        return true;
    }

    public static bool AllDigits(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The value of a run of ASCII digits, capped at <paramref name="cap"/> (so '2147483648' or '99999999999' in a
    /// hand-written workflow is just "very large", never an overflow); -1 when it is not ASCII digits.
    /// </summary>
    public static int DigitsValue(string digits, int cap = 1_000_000)
    {
        if (!AllDigits(digits))
        {
            return -1;
        }

        // In long: value * 10 + 9 stays far below long.MaxValue because value never passes cap (an int).
        long value = 0;
        foreach (var c in digits)
        {
            value = Math.Min(cap, (value * 10) + (c - '0'));
        }

        return (int)value;
    }
}
