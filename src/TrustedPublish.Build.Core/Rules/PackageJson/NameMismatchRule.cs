using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.PackageJson;

/// <summary>TPB027: a hand-maintained package.json's name differs from TrustedPublishPackageName (when that property is set).</summary>
internal sealed class NameMismatchRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.NameMismatch };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var settings = context.Settings;
        var document = context.PackageJson;
        if (context.HandMaintained && settings.ManagePackageName && document.Name != settings.PackageName)
        {
            var (line, column) = PackageJsonFacts.Locate(document, "name");
            yield return DiagnosticCatalog.NameMismatch.Create(context.PackageJsonPath, line, column, document.Name ?? "", settings.PackageName);
        }
    }
}
