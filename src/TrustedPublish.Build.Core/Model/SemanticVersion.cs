using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Model;

/// <summary>
/// Whether a package.json version is one npm publishes: semver 2.0 (MAJOR.MINOR.PATCH, optional -prerelease and
/// +build), after the clean-up npm's normalize-package-data applies (surrounding spaces, a leading "v" or "=").
/// </summary>
internal static class SemanticVersion
{
    public static bool IsValid(string version)
    {
        var text = version.Trim();
        if (text.StartsWith("=", System.StringComparison.Ordinal) || text.StartsWith("v", System.StringComparison.Ordinal))
        {
            text = text.Substring(1);
        }

        var plus = text.IndexOf('+');
        if (plus >= 0 && !Identifiers(text.Substring(plus + 1), numericRule: false))
        {
            return false;
        }

        var core = plus >= 0 ? text.Substring(0, plus) : text;
        var dash = core.IndexOf('-');
        if (dash >= 0 && !Identifiers(core.Substring(dash + 1), numericRule: true))
        {
            return false;
        }

        var numbers = (dash >= 0 ? core.Substring(0, dash) : core).Split('.');
        foreach (var number in numbers)
        {
            if (!Chars.AllDigits(number) || (number.Length > 1 && number[0] == '0') || number.Length > 16)
            {
                return false;
            }
        }

        return numbers.Length == 3;
    }

    /// <summary>Dot-separated, non-empty, [0-9A-Za-z-]; a numeric prerelease identifier has no leading zero.</summary>
    private static bool Identifiers(string text, bool numericRule)
    {
        foreach (var identifier in text.Split('.'))
        {
            if (!Chars.OnlyLettersDigitsAnd(identifier, "-") || (numericRule && identifier.Length > 1 && identifier[0] == '0' && Chars.AllDigits(identifier)))
            {
                return false;
            }
        }

        return true;
    }
}
