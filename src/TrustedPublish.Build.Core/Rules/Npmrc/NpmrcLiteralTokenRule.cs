using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Npmrc;

/// <summary>
/// TPB063: an .npmrc holds a literal credential (_authToken, _auth or _password) for any registry: a leaked secret,
/// which npm uses instead of OIDC. The value is never put into the message.
/// </summary>
internal sealed class NpmrcLiteralTokenRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.NpmrcLiteralToken };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var (file, entry) in context.NpmrcEntries)
        {
            if (entry.Credential is { } credential && !entry.IsPlaceholder)
            {
                yield return DiagnosticCatalog.NpmrcLiteralToken.Create(file.Path, entry.Line, entry.Column, entry.Where(file), entry.CredentialHost, credential);
            }
        }
    }
}
