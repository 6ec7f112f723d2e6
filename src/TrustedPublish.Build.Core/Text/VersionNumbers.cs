using System;

namespace TrustedPublish.Build.Text;

/// <summary>
/// MAJOR[.MINOR[.PATCH]] as Node.js and npm versions are written, read without throwing: ASCII digits only, each
/// number capped (a '2147483648' in a hand-written workflow is "very new", never an overflow), and a missing or
/// wildcard ('x', '*') minor or patch kept as null, which stands for the newest of its line.
/// </summary>
internal static class VersionNumbers
{
    /// <summary>Where a number saturates: far past any real Node.js or npm version.</summary>
    public const int Cap = 1_000_000;

    /// <summary>
    /// Reads the version at the start of <paramref name="text"/>; anything after it ("-rc.1", " || 24") is ignored.
    /// False when it does not start with a digit.
    /// </summary>
    public static bool TryRead(string text, out int major, out int? minor, out int? patch)
    {
        var i = 0;
        minor = patch = null;
        if (!TryReadNumber(text, ref i, out major))
        {
            return false;
        }

        if (TryReadDotNumber(text, ref i, out var second))
        {
            minor = second;
            if (TryReadDotNumber(text, ref i, out var third))
            {
                patch = third;
            }
        }

        return true;
    }

    /// <summary>
    /// True when MAJOR.MINOR.PATCH is at least the given version, a null minor or patch being the newest of its line
    /// (so "22" is at least 22.14.0, and "24.4" is not at least 24.5.0).
    /// </summary>
    public static bool AtLeast(int major, int? minor, int? patch, int atLeastMajor, int atLeastMinor, int atLeastPatch)
    {
        if (major != atLeastMajor)
        {
            return major > atLeastMajor;
        }

        if (minor is not int m)
        {
            return true;
        }

        if (m != atLeastMinor)
        {
            return m > atLeastMinor;
        }

        return patch is not int p || p >= atLeastPatch;
    }

    private static bool TryReadNumber(string text, ref int i, out int value)
    {
        var start = i;
        while (i < text.Length && Chars.IsAsciiDigit(text[i]))
        {
            i++;
        }

        value = i > start ? Chars.DigitsValue(text.Substring(start, i - start), Cap) : 0;
        return i > start;
    }

    /// <summary>".N" moves past it and gives N; ".x" or ".*" moves past it and gives nothing; otherwise nothing moves.</summary>
    private static bool TryReadDotNumber(string text, ref int i, out int? value)
    {
        value = null;
        if (i + 1 >= text.Length || text[i] != '.')
        {
            return false;
        }

        if (text[i + 1] is 'x' or 'X' or '*')
        {
            i += 2;
            return true;
        }

        var at = i + 1;
        if (!TryReadNumber(text, ref at, out var number))
        {
            return false;
        }

        i = at;
        value = number;
        return true;
    }

    /// <summary>
    /// The newest version a package manager's version spec can install, as MAJOR[.MINOR[.PATCH]] with a missing part
    /// standing for the newest of its line: "10.18.3" (also corepack's "10.18.3+sha512..."), "10" and "^10.2.0" (the
    /// newest 10.x), "~11.1.0" (the newest 11.1.x), and "latest", "next", "stable", "*" or "&gt;=10" (the newest of all).
    /// False for what cannot be read that way: a branch, an expression, a range with an upper bound.
    /// </summary>
    public static bool TryReadNewest(string spec, out int major, out int? minor, out int? patch)
    {
        minor = patch = null;
        major = 0;
        var text = spec.Trim();
        if (text is "latest" or "next" or "stable" or "canary" or "berry" or "rc" or "*" or "x")
        {
            major = Cap;
            return true;
        }

        if (text.IndexOf(' ') >= 0 || text.IndexOf('|') >= 0 || text.IndexOf('<') >= 0)
        {
            return false;
        }

        if (text.StartsWith(">", StringComparison.Ordinal))
        {
            major = Cap;
            return TryRead(text.TrimStart('>', '='), out _, out _, out _);
        }

        var caret = text.StartsWith("^", StringComparison.Ordinal);
        var tilde = text.StartsWith("~", StringComparison.Ordinal);
        text = text.TrimStart('^', '~', '=', 'v');
        if (!TryRead(text, out major, out minor, out patch))
        {
            return false;
        }

        if (caret)
        {
            minor = patch = null;
        }
        else if (tilde)
        {
            patch = null;
        }

        return true;
    }
}
