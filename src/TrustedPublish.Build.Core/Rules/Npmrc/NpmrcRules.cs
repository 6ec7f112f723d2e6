using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Npmrc;

/// <summary>
/// TPB060-TPB063 over the repository's and the package's .npmrc: registries that send the publish
/// elsewhere, and tokens. A token's value is never put into a message.
/// </summary>
public sealed class NpmrcRule : IRepositoryRule
{
    private static readonly Regex Entry = new(@"^\s*(?<key>[^=;#\s][^=]*?)\s*=\s*(?<value>.*?)\s*$", RegexOptions.CultureInvariant);

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var scope = context.Settings.IsScoped ? context.Settings.PackageName.Substring(0, context.Settings.PackageName.IndexOf('/')) : null;
        foreach (var file in context.Npmrcs)
        {
            var lines = file.Text.Replace("\r\n", "\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var match = Entry.Match(lines[i]);
                if (!match.Success)
                {
                    continue;
                }

                var key = match.Groups["key"].Value;
                var value = match.Groups["value"].Value.Trim('"', '\'');
                var column = match.Groups["key"].Index + 1;
                var where = $"{file.RelativePath} line {i + 1}";
                if (scope != null && string.Equals(key, scope + ":registry", StringComparison.OrdinalIgnoreCase) && !IsNpmjs(value))
                {
                    yield return DiagnosticCatalog.ScopeRegistryRedirect.Create(file.Path, i + 1, column, where, scope, value);
                }
                else if (string.Equals(key, "registry", StringComparison.OrdinalIgnoreCase) && !IsNpmjs(value))
                {
                    yield return DiagnosticCatalog.RegistryRedirect.Create(file.Path, i + 1, column, where, value);
                }
                else if (key.EndsWith(":_authToken", StringComparison.Ordinal) || key == "_authToken")
                {
                    var host = key.StartsWith("//", StringComparison.Ordinal) ? key.Substring(2, Math.Max(0, key.IndexOf('/', 2) - 2)) : "the default registry";
                    var placeholder = value.Length == 0 || value.Contains("${");
                    if (!placeholder)
                    {
                        yield return DiagnosticCatalog.NpmrcLiteralToken.Create(file.Path, i + 1, column, where, host);
                    }
                    else if (host == "registry.npmjs.org" || host == "the default registry")
                    {
                        yield return DiagnosticCatalog.NpmrcTokenPlaceholder.Create(file.Path, i + 1, column, where);
                    }
                }
            }
        }
    }

    private static bool IsNpmjs(string url) => Regex.IsMatch(url, @"^https?://registry\.npmjs\.org/?$", RegexOptions.IgnoreCase);
}
