using System;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Model;

/// <summary>An owner/repository pair read from a URL in any form git or npm accepts for github.com.</summary>
internal sealed class GitHubRepository
{
    public GitHubRepository(string owner, string name)
    {
        Owner = owner;
        Name = name;
    }

    public string Owner { get; }

    public string Name { get; }

    /// <summary>The repository.url npm's provenance check expects (git+ and .git are allowed by npm).</summary>
    public string PackageJsonUrl => $"git+https://github.com/{Owner}/{Name}.git";

    public override string ToString() => $"{Owner}/{Name}";

    /// <summary>
    /// Reads a github.com URL: https://github.com/O/R(.git), git+https://, git://, ssh://git@github.com/O/R,
    /// git@github.com:O/R.git, github:O/R, and with <paramref name="allowShorthand"/> npm's bare "O/R".
    /// Null for other hosts or shapes. The tests compare it with npm's hosted-git-info.
    /// </summary>
    public static GitHubRepository? TryParseUrl(string? url, bool allowShorthand = false)
    {
        if (url == null || url.Trim().Length == 0)
        {
            return null;
        }

        var text = url.Trim();
        if (text.StartsWith("git+", StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring(4);
        }

        string? path = null;
        if (text.StartsWith("github:", StringComparison.OrdinalIgnoreCase))
        {
            path = text.Substring("github:".Length);
        }
        else if (AfterScheme(text) is string rest)
        {
            // [user@]github.com[:port]/path
            var slash = rest.IndexOf('/');
            var authority = slash < 0 ? rest : rest.Substring(0, slash);
            var host = authority.Substring(authority.LastIndexOf('@') + 1);
            var colon = host.IndexOf(':');
            if (colon >= 0 && !Chars.AllDigits(host.Substring(colon + 1)))
            {
                return null;
            }

            host = colon >= 0 ? host.Substring(0, colon) : host;
            path = slash >= 0 && string.Equals(host, "github.com", StringComparison.OrdinalIgnoreCase) ? rest.Substring(slash + 1) : null;
        }
        else
        {
            // scp-like: user@github.com:O/R
            var at = text.IndexOf('@');
            var colon = text.IndexOf(':');
            if (at > 0 && colon > at && string.Equals(text.Substring(at + 1, colon - at - 1), "github.com", StringComparison.OrdinalIgnoreCase) && text.IndexOf('/', 0, at) < 0)
            {
                path = text.Substring(colon + 1);
            }
            else if (allowShorthand)
            {
                return Shorthand(text);
            }
        }

        return path == null ? null : FromPath(path);
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
                var inner = line.TrimStart('[').TrimEnd(']').Trim();
                inOrigin = line.EndsWith("]", StringComparison.Ordinal) && inner.StartsWith("remote", StringComparison.Ordinal)
                    && inner.Substring("remote".Length).Trim() == "\"origin\"" && inner.Length > "remote".Length && char.IsWhiteSpace(inner["remote".Length]);
                continue;
            }

            var equals = line.IndexOf('=');
            if (inOrigin && equals > 0 && string.Equals(line.Substring(0, equals).Trim(), "url", StringComparison.OrdinalIgnoreCase))
            {
                return line.Substring(equals + 1).Trim().Trim('"');
            }
        }

        return null;
    }

    /// <summary>The part after https://, http://, git:// or ssh://, or null.</summary>
    private static string? AfterScheme(string text)
    {
        foreach (var scheme in new[] { "https://", "http://", "git://", "ssh://" })
        {
            if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return text.Substring(scheme.Length);
            }
        }

        return null;
    }

    /// <summary>"O/R", "O/R.git", "O/R/", with an optional #fragment or ?query: exactly two non-empty segments.</summary>
    private static GitHubRepository? FromPath(string path)
    {
        var cut = path.IndexOfAny(new[] { '#', '?' });
        if (cut >= 0)
        {
            path = path.Substring(0, cut);
        }

        if (path.EndsWith("/", StringComparison.Ordinal))
        {
            path = path.Substring(0, path.Length - 1);
        }

        var parts = path.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || HasWhiteSpace(parts[0]) || HasWhiteSpace(parts[1]))
        {
            return null;
        }

        var name = parts[1].EndsWith(".git", StringComparison.Ordinal) ? parts[1].Substring(0, parts[1].Length - 4) : parts[1];
        return name.Length == 0 ? null : new GitHubRepository(parts[0], name);
    }

    /// <summary>npm's bare "owner/repo" shorthand means GitHub.</summary>
    private static GitHubRepository? Shorthand(string text)
    {
        var hash = text.IndexOf('#');
        if (hash >= 0)
        {
            text = text.Substring(0, hash);
        }

        var parts = text.Split('/');
        if (parts.Length != 2 || !Chars.OnlyLettersDigitsAnd(parts[0], "-") || parts[0][0] == '-' || !Chars.OnlyLettersDigitsAnd(parts[1], "._-"))
        {
            return null;
        }

        var name = parts[1].EndsWith(".git", StringComparison.Ordinal) ? parts[1].Substring(0, parts[1].Length - 4) : parts[1];
        return name.Length == 0 ? null : new GitHubRepository(parts[0], name);
    }

    private static bool HasWhiteSpace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }
}
