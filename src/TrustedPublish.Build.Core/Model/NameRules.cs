using System;
using System.Linq;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Model;

/// <summary>
/// The naming rules of GitHub, npm and setup-node, each returning null for a good value or the reason it
/// is not. Anything that passes here is also safe to put in YAML: none of them lets through a newline,
/// a quote, '#', ': ' or '${{'.
/// </summary>
internal static class NameRules
{
    // validate-npm-package-name: names that are never allowed, and Node's built-in modules (refused for new packages).
    private static readonly string[] Blocked = { "node_modules", "favicon.ico" };
    private static readonly string[] BuiltinModules =
    {
        "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server", "_stream_duplex",
        "_stream_passthrough", "_stream_readable", "_stream_transform", "_stream_wrap", "_stream_writable", "_tls_common",
        "_tls_wrap", "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto",
        "dgram", "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2", "https", "inspector", "module",
        "net", "os", "path", "perf_hooks", "process", "punycode", "querystring", "readline", "repl", "stream",
        "string_decoder", "sys", "timers", "tls", "trace_events", "tty", "url", "util", "v8", "vm", "wasi",
        "worker_threads", "zlib",
    };

    public static string? CheckOwner(string value)
    {
        if (value.Length > 39)
        {
            return "it is longer than 39 characters";
        }

        var valid = Chars.OnlyLettersDigitsAnd(value, "-") && value[0] != '-' && value[value.Length - 1] != '-' && value.IndexOf("--", StringComparison.Ordinal) < 0;
        return valid ? null : "it may hold only letters, digits and single hyphens, and may not start or end with a hyphen";
    }

    public static string? CheckRepository(string value)
    {
        if (value.Length > 100 || !Chars.OnlyLettersDigitsAnd(value, "._-"))
        {
            return "it may hold only letters, digits, '.', '-' and '_', 1 to 100 of them";
        }

        if (value == "." || value == "..")
        {
            return "'.' and '..' are reserved";
        }

        return value.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? "drop the '.git' suffix" : null;
    }

    /// <summary>npm's rules for a new package name (validate-npm-package-name's validForNewPackages).</summary>
    public static string? CheckPackageName(string name)
    {
        if (name.Length == 0)
        {
            return "name length must be greater than zero";
        }

        if (name.StartsWith(".", StringComparison.Ordinal))
        {
            return "name cannot start with a period";
        }

        if (name.StartsWith("_", StringComparison.Ordinal))
        {
            return "name cannot start with an underscore";
        }

        if (name.Trim() != name)
        {
            return "name cannot contain leading or trailing spaces";
        }

        if (Blocked.Any(b => string.Equals(b, name, StringComparison.OrdinalIgnoreCase)))
        {
            return $"{name} is not a valid package name";
        }

        if (BuiltinModules.Contains(name.ToLowerInvariant()))
        {
            return $"{name} is a core module name";
        }

        if (name.Length > 214)
        {
            return "name can no longer contain more than 214 characters";
        }

        if (name.ToLowerInvariant() != name)
        {
            return "name can no longer contain capital letters";
        }

        var last = name.Split('/').Last();
        if (last.IndexOfAny(new[] { '~', '\'', '!', '(', ')', '*' }) >= 0)
        {
            return "name can no longer contain special characters (\"~'!()*\")";
        }

        if (!IsUriComponentSafe(name))
        {
            // validate-npm-package-name's ^(?:@([^/]+?)[/])?([^/]+?)$ : "@user/package" with exactly one slash.
            var slash = name.IndexOf('/');
            if (name.StartsWith("@", StringComparison.Ordinal) && slash > 1 && slash < name.Length - 1 && name.IndexOf('/', slash + 1) < 0)
            {
                var user = name.Substring(1, slash - 1);
                var package = name.Substring(slash + 1);
                if (package.StartsWith(".", StringComparison.Ordinal))
                {
                    return "name cannot start with a period";
                }

                if (IsUriComponentSafe(user) && IsUriComponentSafe(package))
                {
                    return null;
                }
            }

            return "name can only contain URL-friendly characters";
        }

        return null;
    }

    /// <summary>True when JavaScript's encodeURIComponent would leave the text as it is.</summary>
    private static bool IsUriComponentSafe(string text) =>
        text.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.!~*'()".IndexOf(c) >= 0);

    public static string? CheckWorkflowFile(string value)
    {
        if (value.IndexOf('/') >= 0 || value.IndexOf('\\') >= 0)
        {
            return "it is a path; npm's Trusted Publisher and this property take the bare file name, without .github/workflows/";
        }

        if (!value.EndsWith(".yml", StringComparison.Ordinal) && !value.EndsWith(".yaml", StringComparison.Ordinal))
        {
            return "it must end with .yml or .yaml";
        }

        return Chars.OnlyLettersDigitsAnd(value, "._-") ? null : "it may hold only letters, digits, '.', '-' and '_'";
    }

    /// <summary>GitHub's environment names, kept to characters that need no escaping anywhere.</summary>
    public static string? CheckEnvironment(string value)
    {
        if (value.Length > 255)
        {
            return "it is longer than 255 characters";
        }

        if (value.Trim() != value)
        {
            return "it has leading or trailing spaces";
        }

        if (value.Any(c => char.IsControl(c)))
        {
            return "it holds a control character or line break";
        }

        return Chars.OnlyLettersDigitsAnd(value, " ._-")
            ? null
            : "use only letters, digits, spaces, '.', '-' and '_'";
    }

    public static string? CheckTagPattern(string value)
    {
        // '@' and '/' are what changesets' tags hold (@scope/name@1.2.3); git allows both in a tag (not '@{', and '{' is refused
        // here), and neither is special in GitHub's filter syntax. A tag is never '@' alone, or ends in '/' or '.lock'.
        if (!Chars.OnlyLettersDigitsAnd(value, "._/+*-@"))
        {
            return "it may hold only letters, digits, '.', '-', '_', '/', '@', '+' and '*'";
        }

        if (value == "@" || value.EndsWith("/", StringComparison.Ordinal) || value.StartsWith("/", StringComparison.Ordinal) || value.Contains("//") || value.Contains(".."))
        {
            return "no tag can match it (git refuses a tag that is '@' alone, starts or ends with '/', or holds '//' or '..')";
        }

        return value.Trim('*').Length == 0 && value != "*" && value != "**" ? "it matches nothing" : null;
    }

    public static string? CheckDistTag(string value)
    {
        if (value.Length > 128 || !Chars.OnlyLettersDigitsAnd(value, "._-") || !Chars.IsAsciiLetter(value[0]))
        {
            return "it must start with a letter and hold only letters, digits, '.', '-' and '_'";
        }

        return value.Length > 1 && value[0] == 'v' && Chars.IsAsciiDigit(value[1]) ? "npm refuses tags that look like a version" : null;
    }

    public static string? CheckRunsOn(string value)
    {
        if (value.IndexOf("self-hosted", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return "is a self-hosted runner, which npm trusted publishing refuses";
        }

        return IsHostedRunner(value) ? null : "is not a GitHub-hosted runner label (ubuntu-latest, ubuntu-24.04, windows-latest, macos-latest, ...)";
    }

    /// <summary>ubuntu|windows|macos, then latest or a version (24.04, 2025, 15), then optionally -arm, -arm64, -large, -xlarge or -intel.</summary>
    private static bool IsHostedRunner(string value)
    {
        var parts = value.Split('-');
        if (parts.Length < 2 || parts.Length > 3 || (parts[0] != "ubuntu" && parts[0] != "windows" && parts[0] != "macos"))
        {
            return false;
        }

        var version = parts[1].Split('.');
        var versionOk = parts[1] == "latest" || (version.Length <= 2 && Array.TrueForAll(version, Chars.AllDigits));
        return versionOk && (parts.Length == 2 || Array.IndexOf(new[] { "arm", "arm64", "xlarge", "large", "intel" }, parts[2]) >= 0);
    }

    /// <summary>
    /// A nuget.org profile name, the <c>user</c> input of NuGet/login. nuget.org's registration form (NuGetGallery,
    /// RegisterRequest.Username) takes at most 64 characters: letters, digits, '_', '.' and '-', starting and ending with
    /// a letter or digit. Older accounts may predate the start-and-end rule, so only the characters and the length are
    /// enforced; an e-mail address, the usual mistake, is named as such.
    /// </summary>
    public static string? CheckNuGetUser(string value)
    {
        if (value.IndexOf('@') >= 0)
        {
            return "it looks like an e-mail address; NuGet/login takes the profile name shown on nuget.org (https://www.nuget.org/profiles/NAME), not the account's e-mail";
        }

        if (value.Length > 64)
        {
            return "it is longer than the 64 characters a nuget.org profile name can have";
        }

        return Chars.OnlyLettersDigitsAnd(value, "._-") ? null : "a nuget.org profile name holds only letters, digits, '.', '-' and '_'";
    }

    /// <summary>
    /// A NuGet package id as NuGet's own PackageIdValidator takes it (at most 100 characters; word characters separated by
    /// single '.' or '-'), restricted to ASCII letters and digits: the id is put in the workflow and lower-cased by the preflight.
    /// </summary>
    public static string? CheckNuGetPackageId(string value)
    {
        if (value.Length == 0)
        {
            return "it is empty";
        }

        if (value.Length > 100)
        {
            return "it is longer than the 100 characters nuget.org takes";
        }

        if (!Chars.OnlyLettersDigitsAnd(value, "._-"))
        {
            return "it may hold only ASCII letters, digits, '.', '-' and '_'";
        }

        var separators = ".-";
        for (var i = 0; i < value.Length; i++)
        {
            var separator = separators.IndexOf(value[i]) >= 0;
            if (separator && (i == 0 || i == value.Length - 1 || separators.IndexOf(value[i - 1]) >= 0))
            {
                return "a '.' or '-' must stand between letters or digits (not first, last or doubled)";
            }
        }

        return null;
    }

    /// <summary>
    /// An SDK version for actions/setup-dotnet's dotnet-version: '10.0.x', '10.0', '10.0.100', '10.x', or a prerelease
    /// such as '10.0.100-rc.1.25451.107'. Digits, '.', 'x' and a prerelease part of letters, digits, '.' and '-'.
    /// </summary>
    public static string? CheckDotNetVersion(string value)
    {
        var dash = value.IndexOf('-');
        var release = dash < 0 ? value : value.Substring(0, dash);
        var parts = release.Split('.');
        if (parts.Length < 1 || parts.Length > 3 || !Chars.AllDigits(parts[0]) || parts[0].Length == 0)
        {
            return "it is not an SDK version such as 10.0.x or 10.0.100";
        }

        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || (parts[i] != "x" && parts[i] != "X" && !Chars.AllDigits(parts[i])))
            {
                return "it is not an SDK version such as 10.0.x or 10.0.100";
            }
        }

        if (dash >= 0 && (dash == value.Length - 1 || !Chars.OnlyLettersDigitsAnd(value.Substring(dash + 1), ".-")))
        {
            return "its prerelease part may hold only letters, digits, '.' and '-'";
        }

        return Chars.DigitsValue(parts[0]) < 6 ? "it is older than .NET 6, which dotnet nuget push and setup-dotnet v6 expect" : null;
    }

    /// <summary>
    /// A solution or project path relative to the repository root, as `dotnet test` takes it: forward slashes, no '..',
    /// not absolute, no leading '-' (an option), and only characters that need no quoting.
    /// </summary>
    public static string? CheckRelativeProjectPath(string value)
    {
        if (value.StartsWith("/", StringComparison.Ordinal) || value.IndexOf(':') >= 0 || value.IndexOf('\\') >= 0)
        {
            return "it must be relative to the repository root, with forward slashes";
        }

        foreach (var segment in value.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == ".." || segment[0] == '-')
            {
                return "each folder in it must be a plain name (no empty part, '.', '..' or leading '-')";
            }
        }

        if (!Chars.OnlyLettersDigitsAnd(value, "._-/"))
        {
            return "it may hold only letters, digits, '.', '-', '_' and '/'";
        }

        return value.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase) || value.EndsWith("proj", StringComparison.OrdinalIgnoreCase)
            ? null
            : "it must name a solution (.sln, .slnx) or a project file (.csproj, .fsproj, .vbproj, .proj)";
    }

    /// <summary>The part of a tag filter before its first wildcard: what the preflight strips from a tag to get the version.</summary>
    public static string LiteralPrefix(string tagPattern)
    {
        var star = tagPattern.IndexOf('*');
        return star < 0 ? tagPattern : tagPattern.Substring(0, star);
    }
}
