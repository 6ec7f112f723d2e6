using System;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Workflow;

/// <summary>
/// The release named in a pin's comment (<c># v7.0.1</c>), ordered as semantic versions 2.0 order them: MAJOR, MINOR and
/// PATCH as numbers, a prerelease lower than its release (<c>v7.1.0-beta.1</c> &lt; <c>v7.1.0</c>), prerelease
/// identifiers compared one by one (numbers as numbers, below words), build metadata ignored. The <c>v</c> is optional,
/// as tags are written both ways. All three numbers are required: the generator writes them, and Dependabot and
/// Renovate keep the precision of the comment they update, so <c># v7</c> is a hand edit, not a bot's. Numbers are
/// compared as digit strings, so no length overflows.
/// </summary>
internal sealed class ActionVersion : IComparable<ActionVersion>
{
    /// <summary>Longer than any real release name; a longer comment is not a version.</summary>
    private const int MaxLength = 100;

    private ActionVersion(string text, string[] numbers, string[] prerelease)
    {
        Text = text;
        Numbers = numbers;
        Prerelease = prerelease;
    }

    /// <summary>As written, <c>v</c> and build metadata included: what the generator puts back in the comment.</summary>
    public string Text { get; }

    private string[] Numbers { get; }

    private string[] Prerelease { get; }

    public static ActionVersion? TryParse(string? text)
    {
        if (text == null || text.Length == 0 || text.Length > MaxLength)
        {
            return null;
        }

        var rest = text[0] == 'v' || text[0] == 'V' ? text.Substring(1) : text;
        var plus = rest.IndexOf('+');
        if (plus >= 0 && !Identifiers(rest.Substring(plus + 1), prerelease: false))
        {
            return null;
        }

        var core = plus >= 0 ? rest.Substring(0, plus) : rest;
        var dash = core.IndexOf('-');
        var prereleaseText = dash >= 0 ? core.Substring(dash + 1) : null;
        if (prereleaseText != null && !Identifiers(prereleaseText, prerelease: true))
        {
            return null;
        }

        var numbers = (dash >= 0 ? core.Substring(0, dash) : core).Split('.');
        if (numbers.Length != 3)
        {
            return null;
        }

        foreach (var number in numbers)
        {
            if (number.Length == 0 || !Chars.AllDigits(number) || (number.Length > 1 && number[0] == '0'))
            {
                return null;
            }
        }

        return new ActionVersion(text, numbers, prereleaseText?.Split('.') ?? Array.Empty<string>());
    }

    public int CompareTo(ActionVersion? other)
    {
        if (other == null)
        {
            return 1;
        }

        for (var i = 0; i < 3; i++)
        {
            var order = CompareNumbers(Numbers[i], other.Numbers[i]);
            if (order != 0)
            {
                return order;
            }
        }

        // A release is higher than any of its prereleases.
        if (Prerelease.Length == 0 || other.Prerelease.Length == 0)
        {
            return Prerelease.Length == other.Prerelease.Length ? 0 : Prerelease.Length == 0 ? 1 : -1;
        }

        for (var i = 0; i < Prerelease.Length && i < other.Prerelease.Length; i++)
        {
            var order = CompareIdentifiers(Prerelease[i], other.Prerelease[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return Prerelease.Length.CompareTo(other.Prerelease.Length);
    }

    public override string ToString() => Text;

    /// <summary>Numeric identifiers compare as numbers and sort below alphanumeric ones, which compare in ASCII order.</summary>
    private static int CompareIdentifiers(string left, string right)
    {
        var leftNumeric = Chars.AllDigits(left);
        var rightNumeric = Chars.AllDigits(right);
        if (leftNumeric && rightNumeric)
        {
            return CompareNumbers(left, right);
        }

        if (leftNumeric != rightNumeric)
        {
            return leftNumeric ? -1 : 1;
        }

        return Math.Sign(string.CompareOrdinal(left, right));
    }

    /// <summary>Digit strings without leading zeros: the longer is larger, and equal lengths compare digit by digit.</summary>
    private static int CompareNumbers(string left, string right) =>
        left.Length != right.Length ? left.Length.CompareTo(right.Length) : Math.Sign(string.CompareOrdinal(left, right));

    /// <summary>Dot-separated, non-empty, [0-9A-Za-z-]; a numeric prerelease identifier has no leading zero.</summary>
    private static bool Identifiers(string text, bool prerelease)
    {
        foreach (var identifier in text.Split('.'))
        {
            if (identifier.Length == 0 || !Chars.OnlyLettersDigitsAnd(identifier, "-") || (prerelease && identifier.Length > 1 && identifier[0] == '0' && Chars.AllDigits(identifier)))
            {
                return false;
            }
        }

        return true;
    }
}
