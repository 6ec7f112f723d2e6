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
        if (!Chars.OnlyLettersDigitsAnd(value, "._/+*-"))
        {
            return "it may hold only letters, digits, '.', '-', '_', '/', '+' and '*'";
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

    /// <summary>The part of a tag filter before its first wildcard: what the preflight strips from a tag to get the version.</summary>
    public static string LiteralPrefix(string tagPattern)
    {
        var star = tagPattern.IndexOf('*');
        return star < 0 ? tagPattern : tagPattern.Substring(0, star);
    }
}
