using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.PackageJson;

/// <summary>
/// TPB025: a hand-maintained scoped package meant to be public has no access set, so npm publishes it private (E402).
/// Restricted chosen anywhere (TrustedPublishAccess, publishConfig.access, --access restricted) is deliberate: a paid
/// organization's private package. The mistake is a package meant to be public (TrustedPublishAccess, public by
/// default) with no access configured at all.
/// </summary>
internal sealed class ScopedNotPublicRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.ScopedNotPublic };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var settings = context.Settings;
        if (!context.HandMaintained || !settings.IsScoped || settings.Access != "public")
        {
            yield break;
        }

        var accessChosen = context.PackageJson.Root.Get("publishConfig")?.GetString("access") is "public" or "restricted"
            || PackageJsonFacts.HasOption(PackageJsonFacts.CommandsPublishingThisPackage(context), "--access", v => v is "public" or "restricted");
        if (!accessChosen)
        {
            var (line, column) = PackageJsonFacts.Locate(context.PackageJson, "name");
            yield return DiagnosticCatalog.ScopedNotPublic.Create(context.PackageJsonPath, line, column, settings.PackageName);
        }
    }
}
