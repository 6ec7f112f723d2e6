using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace TrustedPublish.Build.RunsForReal;

/// <summary>
/// Every registry credential npm could read when a step starts: the step's environment, and each npmrc npm reads:
/// builtin (npm's own folder), global (`$NPM_CONFIG_PREFIX/etc/npmrc`), user (NPM_CONFIG_USERCONFIG, else `~/.npmrc`) and
/// the project's (an .npmrc in the working folder or any folder above it, a wider net than npm's one project file).
/// </summary>
internal static class AuthConfiguration
{
    private static readonly string[] TokenVariables = { "NODE_AUTH_TOKEN", "NPM_TOKEN", "NPM_CONFIG_TOKEN", "NPM_AUTH_TOKEN", "YARN_NPM_AUTH_TOKEN" };

    private static readonly Regex CredentialKey = new(@"(_authToken|_auth|_password|(^|:)token)$", RegexOptions.IgnoreCase);

    /// <param name="step">The step about to run.</param>
    /// <param name="npmCli">The npm-cli.js the step's npm runs (its folder holds the builtin npmrc).</param>
    public static IReadOnlyList<string> Find(StepContext step, string npmCli)
    {
        var found = new List<string>();
        foreach (var (key, value) in step.Environment)
        {
            var configKey = key.StartsWith("npm_config_", StringComparison.OrdinalIgnoreCase) ? key.Substring("npm_config_".Length) : null;
            if ((TokenVariables.Contains(key, StringComparer.OrdinalIgnoreCase) || (configKey != null && CredentialKey.IsMatch(configKey))) && value.Length > 0)
            {
                found.Add($"environment: {key}");
            }
        }

        var files = new List<string> { Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(npmCli)!)!, "npmrc") };
        if (step.Environment.TryGetValue("NPM_CONFIG_PREFIX", out var prefix))
        {
            files.Add(Path.Combine(prefix, "etc", "npmrc"));
            files.Add(Path.Combine(prefix, "lib", "node_modules", "npm", "npmrc"));
        }

        files.Add(step.Environment.TryGetValue("NPM_CONFIG_USERCONFIG", out var user) ? user : Path.Combine(step.Environment["HOME"], ".npmrc"));
        for (var folder = new DirectoryInfo(step.WorkingDirectory); folder != null; folder = folder.Parent)
        {
            files.Add(Path.Combine(folder.FullName, ".npmrc"));
        }

        foreach (var file in files.Where(File.Exists))
        {
            foreach (var line in File.ReadAllLines(file))
            {
                var text = line.Trim();
                var equals = text.IndexOf('=');
                if (text.StartsWith(';') || text.StartsWith('#') || equals < 0)
                {
                    continue;
                }

                if (CredentialKey.IsMatch(text.Substring(0, equals).Trim()))
                {
                    found.Add($"{file}: {text.Substring(0, equals).Trim()}");
                }
            }
        }

        return found;
    }
}
