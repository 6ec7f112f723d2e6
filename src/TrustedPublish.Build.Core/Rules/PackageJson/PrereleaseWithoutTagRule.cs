using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.PackageJson;

/// <summary>TPB026: a hand-maintained package.json has a prerelease version, and neither publishConfig.tag nor the publish command's --tag sets a dist-tag.</summary>
internal sealed class PrereleaseWithoutTagRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.PrereleaseWithoutTag };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var version = context.PackageJson.Version;
        if (!context.HandMaintained || version == null || version.IndexOf('-') <= 0)
        {
            yield break;
        }

        if (context.PackageJson.Root.Get("publishConfig")?.GetString("tag") == null && !PackageJsonFacts.HasOption(PackageJsonFacts.CommandsPublishingThisPackage(context), "--tag", v => v.Length > 0))
        {
            var (line, column) = PackageJsonFacts.Locate(context.PackageJson, "version");
            yield return DiagnosticCatalog.PrereleaseWithoutTag.Create(context.PackageJsonPath, line, column, version);
        }
    }
}
