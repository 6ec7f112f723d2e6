using System.Globalization;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Model;

/// <summary>
/// A setup-node version spec ("24", "24.x", "22.14", "22.14.0") and what trusted publishing needs
/// with it: npm 11.5.1 or newer, on Node 22.14 or newer (docs/sources.md).
/// </summary>
public sealed class NodeVersion
{
    private NodeVersion(string spec, int major, int? minor)
    {
        Spec = spec;
        Major = major;
        Minor = minor;
    }

    /// <summary>The text that goes into setup-node's node-version.</summary>
    public string Spec { get; }

    public int Major { get; }

    /// <summary>Null when the spec picks the newest minor.</summary>
    public int? Minor { get; }

    /// <summary>
    /// True when the npm that ships with this Node is older than 11.5.1: every 22.x and 23.x, and 24.0-24.4.
    /// "24" resolves to the newest 24.x, whose npm is new enough.
    /// </summary>
    public bool NeedsNpmUpgrade => Major < 24 || (Major == 24 && Minor is int minor && minor < 5);

    /// <summary>Parses a spec; the error says why it cannot be used.</summary>
    public static NodeVersion? Parse(string spec, out string? error)
    {
        // MAJOR, MAJOR.MINOR or MAJOR.MINOR.PATCH, each 1-3 digits, where MINOR and PATCH may be "x".
        var parts = spec.Split('.');
        var valid = parts.Length <= 3 && parts[0].Length <= 3 && Chars.AllDigits(parts[0]);
        for (var i = 1; valid && i < parts.Length; i++)
        {
            valid = parts[i] == "x" || (parts[i].Length <= 3 && Chars.AllDigits(parts[i]));
        }

        if (!valid)
        {
            error = "is not a Node.js version such as 24, 24.x or 22.14.0";
            return null;
        }

        var major = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int? minor = parts.Length > 1 && parts[1] != "x" ? int.Parse(parts[1], CultureInfo.InvariantCulture) : null;
        if (major < 22 || (major == 22 && minor is int m && m < 14))
        {
            error = "is older than 22.14.0, the oldest Node.js that npm trusted publishing supports (npm >= 11.5.1 needs it)";
            return null;
        }

        error = null;
        return new NodeVersion(spec, major, minor);
    }
}
