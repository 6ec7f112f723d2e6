using System.Collections.Generic;
using System.Text.Json;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.PackageJson;

/// <summary>TPB024: a hand-maintained package.json forces provenance (publishConfig.provenance: true), E422 from a private repository.</summary>
internal sealed class ProvenanceForcedRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.ProvenanceForced };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        if (!context.HandMaintained)
        {
            yield break;
        }

        var provenance = context.PackageJson.Root.Get("publishConfig")?.Get("provenance");
        if (provenance != null && provenance.Kind == JsonTokenType.True)
        {
            var (line, column) = context.PackageJson.Locate(provenance.Start);
            yield return DiagnosticCatalog.ProvenanceForced.Create(context.PackageJsonPath, line, column, "publishConfig.provenance: true");
        }
    }
}
