using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Model;

/// <summary>
/// A Node.js version as setup-node's node-version names it ("24", "24.x", "22.14", "22.14.0"; in a hand-written
/// workflow also "v22.14", "^22", ">=22.14"), and what it means for trusted publishing (docs/sources.md). The one place
/// that holds these thresholds: the settings (TPB007), the generator's npm upgrade and the workflow rules
/// (TPB075, TPB076) all ask it. Versions compare in full, MAJOR.MINOR.PATCH; a spec without a minor or patch
/// resolves to the newest of its line, as setup-node resolves it.
/// </summary>
internal sealed class NodeVersion
{
    private NodeVersion(string spec, int major, int? minor, int? patch)
    {
        Spec = spec;
        Major = major;
        Minor = minor;
        Patch = patch;
    }

    /// <summary>The text as written: what goes into setup-node's node-version.</summary>
    public string Spec { get; }

    public int Major { get; }

    /// <summary>Null when the spec picks the newest minor of its major.</summary>
    public int? Minor { get; }

    /// <summary>Null when the spec picks the newest patch of its minor.</summary>
    public int? Patch { get; }

    /// <summary>
    /// True when the npm that ships with this Node is 11.5.1 or newer: from 24.5.0 on. Every 22.x and 23.x ships
    /// npm 10, and 24.0-24.4 npm 11.0-11.4; "24" resolves to the newest 24.x, whose npm is new enough.
    /// </summary>
    public bool BundlesTrustedPublishingNpm => AtLeast(24, 5, 0);

    /// <summary>True when a workflow must upgrade npm (to ^11.5.1) before publishing.</summary>
    public bool NeedsNpmUpgrade => !BundlesTrustedPublishingNpm;

    /// <summary>True from 22.14.0, the oldest Node.js npm trusted publishing supports, whatever npm runs on it.</summary>
    public bool SupportsTrustedPublishing => AtLeast(22, 14, 0);

    /// <summary>True when npm 12 (npm@latest since 2026-07-08) installs on it: engines ^22.22.2 || ^24.15.0 || >=26.</summary>
    public bool AcceptedByNpm12 => (Major == 22 && AtLeast(22, 22, 2)) || (Major == 24 && AtLeast(24, 15, 0)) || Major >= 26;

    /// <summary>The TrustedPublishNodeVersion setting: a version that trusted publishing supports, or null and why not.</summary>
    public static NodeVersion? Parse(string spec, out string? error)
    {
        // MAJOR, MAJOR.MINOR or MAJOR.MINOR.PATCH, each 1-3 digits, where MINOR and PATCH may be "x".
        var parts = spec.Split('.');
        var valid = parts.Length <= 3 && parts[0].Length <= 3 && Chars.AllDigits(parts[0]);
        for (var i = 1; valid && i < parts.Length; i++)
        {
            valid = parts[i] == "x" || (parts[i].Length <= 3 && Chars.AllDigits(parts[i]));
        }

        if (!valid || !VersionNumbers.TryRead(spec, out var major, out var minor, out var patch))
        {
            error = "is not a Node.js version such as 24, 24.x or 22.14.0";
            return null;
        }

        var version = new NodeVersion(spec, major, minor, patch);
        if (!version.SupportsTrustedPublishing)
        {
            error = "is older than 22.14.0, the oldest Node.js that npm trusted publishing supports";
            return null;
        }

        error = null;
        return version;
    }

    /// <summary>
    /// A hand-written workflow's node-version, read leniently: a leading v, ^, ~, >= or = is skipped and the first
    /// version read (a range's lower bound). Null for what is not a version: an alias (lts/*, node, latest, current)
    /// or an empty value.
    /// </summary>
    public static NodeVersion? Read(string spec)
    {
        // setup-node resolves an LTS codename to the newest release of that line: lts/iron is Node 20, not "a current Node".
        var trimmed = spec.Trim();
        if (trimmed.StartsWith("lts/", System.StringComparison.OrdinalIgnoreCase))
        {
            var line = LtsCodenameMajor(trimmed.Substring(4).ToLowerInvariant());
            return line == 0 ? null : new NodeVersion(spec, line, null, null);
        }

        var text = trimmed.TrimStart('v', '^', '~', '>', '=');
        return VersionNumbers.TryRead(text, out var major, out var minor, out var patch) ? new NodeVersion(spec, major, minor, patch) : null;
    }

    /// <summary>Node.js's LTS codenames (nodejs/Release schedule); 0 for lts/*, lts/-1 and names not known here.</summary>
    private static int LtsCodenameMajor(string codename) => codename switch
    {
        "fermium" => 14,
        "gallium" => 16,
        "hydrogen" => 18,
        "iron" => 20,
        "jod" => 22,
        "krypton" => 24,
        _ => 0,
    };

    private bool AtLeast(int major, int minor, int patch) => VersionNumbers.AtLeast(Major, Minor, Patch, major, minor, patch);
}
