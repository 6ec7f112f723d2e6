using System;
using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Npmrc;

/// <summary>TPB061: an .npmrc sets registry= to another registry; a publish without --registry goes there.</summary>
internal sealed class RegistryRedirectRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.RegistryRedirect };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var (file, entry) in context.NpmrcEntries)
        {
            if (string.Equals(entry.Key, "registry", StringComparison.OrdinalIgnoreCase) && !NpmrcEntry.IsNpmjs(entry.Value))
            {
                yield return DiagnosticCatalog.RegistryRedirect.Create(file.Path, entry.Line, entry.Column, entry.Where(file), entry.Value);
            }
        }
    }
}
