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
}
