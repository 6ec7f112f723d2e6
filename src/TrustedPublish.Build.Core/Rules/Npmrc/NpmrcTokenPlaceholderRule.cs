using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Npmrc;

/// <summary>
/// TPB062: an .npmrc configures a credential (_authToken, _auth or _password) for registry.npmjs.org from a
/// ${VAR} placeholder (or an empty value): when OIDC fails, npm takes this token path and reports a misleading error.
/// A literal value is TPB063.
/// </summary>
internal sealed class NpmrcTokenPlaceholderRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.NpmrcTokenPlaceholder };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var (file, entry) in context.NpmrcEntries)
        {
            if (entry.Credential is { } credential && entry.IsPlaceholder && entry.CredentialHost is "registry.npmjs.org" or "the default registry")
            {
                yield return DiagnosticCatalog.NpmrcTokenPlaceholder.Create(file.Path, entry.Line, entry.Column, entry.Where(file), credential);
            }
        }
    }
}
