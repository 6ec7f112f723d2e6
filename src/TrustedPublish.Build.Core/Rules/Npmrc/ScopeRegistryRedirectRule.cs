using System;
using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Npmrc;

/// <summary>TPB060: an .npmrc (the repository's or the package's) sends the package's scope to another registry, which --registry does not override.</summary>
internal sealed class ScopeRegistryRedirectRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.ScopeRegistryRedirect };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var name = context.Settings.PackageName;
        if (!context.Settings.IsScoped)
        {
            yield break;
        }

        var scope = name.Substring(0, name.IndexOf('/'));
        foreach (var (file, entry) in context.NpmrcEntries)
        {
            if (string.Equals(entry.Key, scope + ":registry", StringComparison.OrdinalIgnoreCase) && !NpmrcEntry.IsNpmjs(entry.Value))
            {
                yield return DiagnosticCatalog.ScopeRegistryRedirect.Create(file.Path, entry.Line, entry.Column, entry.Where(file), scope, entry.Value);
            }
        }
    }
}
