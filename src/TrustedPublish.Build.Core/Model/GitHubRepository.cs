using System;
using System.Text.RegularExpressions;

namespace TrustedPublish.Build.Model;

/// <summary>An owner/repository pair read from a URL in any form git or npm accepts for github.com.</summary>
public sealed class GitHubRepository
{
    // https://github.com/O/R(.git), git+https://, git://, ssh://git@github.com/O/R, git@github.com:O/R, github:O/R.
    private static readonly Regex UrlPattern = new(
        @"^(?:git\+)?(?:(?:https?|git|ssh)://(?:[^@/]+@)?github\.com(?::\d+)?/|[^@/\s]+@github\.com:|github:)(?<owner>[^/\s]+)/(?<repo>[^/\s#?]+?)(?:\.git)?/?(?:[#?].*)?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // npm's bare shorthand "owner/repo" means GitHub.
    private static readonly Regex ShorthandPattern = new(@"^(?<owner>[A-Za-z0-9][A-Za-z0-9-]*)/(?<repo>[A-Za-z0-9._-]+?)(?:\.git)?(?:#.*)?$", RegexOptions.CultureInvariant);

    public GitHubRepository(string owner, string name)
    {
        Owner = owner;
        Name = name;
    }

    public string Owner { get; }

    public string Name { get; }

    /// <summary>The repository.url npm's provenance check expects (git+ and .git are allowed by npm).</summary>
    public string PackageJsonUrl => $"git+https://github.com/{Owner}/{Name}.git";

    public string WebUrl => $"https://github.com/{Owner}/{Name}";

    public override string ToString() => $"{Owner}/{Name}";

    /// <summary>Reads a github.com URL; null for other hosts or shapes.</summary>
    public static GitHubRepository? TryParseUrl(string? url, bool allowShorthand = false)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var text = url!.Trim();
        var match = UrlPattern.Match(text);
        if (!match.Success && allowShorthand)
        {
            match = ShorthandPattern.Match(text);
        }

        return match.Success ? new GitHubRepository(match.Groups["owner"].Value, match.Groups["repo"].Value) : null;
    }

    /// <summary>The url of remote "origin" in the text of a git config file, or null.</summary>
    public static string? ReadOriginUrl(string? gitConfig)
    {
        if (gitConfig == null)
        {
            return null;
        }

        var inOrigin = false;
        foreach (var rawLine in gitConfig.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith("[", StringComparison.Ordinal))
            {
                inOrigin = Regex.IsMatch(line, @"^\[\s*remote\s+""origin""\s*\]$");
                continue;
            }

            if (inOrigin)
            {
                var match = Regex.Match(line, @"^url\s*=\s*(?<url>.+?)\s*$", RegexOptions.IgnoreCase);
                if (match.Success)
                {
                    return match.Groups["url"].Value.Trim('"');
                }
            }
        }

        return null;
    }
}
