using System.Globalization;
using System.Text.RegularExpressions;

namespace TrustedPublish.Build.Model;

/// <summary>
/// A setup-node version spec ("24", "24.x", "22.14", "22.14.0") and what trusted publishing needs
/// with it: npm 11.5.1 or newer, on Node 22.14 or newer (facts.md).
/// </summary>
public sealed class NodeVersion
{
    private static readonly Regex Pattern = new(@"^(?<major>\d{1,3})(?:\.(?<minor>\d{1,3}|x))?(?:\.(?<patch>\d{1,3}|x))?$", RegexOptions.CultureInvariant);

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
        var match = Pattern.Match(spec);
        if (!match.Success)
        {
            error = "is not a Node.js version such as 24, 24.x or 22.14.0";
            return null;
        }

        var major = int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture);
        int? minor = match.Groups["minor"].Success && match.Groups["minor"].Value != "x"
            ? int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture)
            : null;
        if (major < 22 || (major == 22 && minor is int m && m < 14))
        {
            error = "is older than 22.14.0, the oldest Node.js that npm trusted publishing supports (npm >= 11.5.1 needs it)";
            return null;
        }

        error = null;
        return new NodeVersion(spec, major, minor);
    }
}
