using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Rules.Npmrc;
using TrustedPublish.Build.Rules.PackageJson;
using TrustedPublish.Build.Rules.Workflows;

namespace TrustedPublish.Build.Rules;

/// <summary>Runs every rule once over the repository and returns the findings in a stable order.</summary>
internal static class RuleRunner
{
    /// <summary>Every rule, in code order; each one raises its own codes (<see cref="IRepositoryRule.Raises"/>).</summary>
    public static IReadOnlyList<IRepositoryRule> Rules { get; } = new IRepositoryRule[]
    {
        new RepositoryUrlMismatchRule(),
        new ProvenanceForcedRule(),
        new ScopedNotPublicRule(),
        new PrereleaseWithoutTagRule(),
        new NameMismatchRule(),
        new DotNetFilesPackedRule(),
        new ScopeRegistryRedirectRule(),
        new RegistryRedirectRule(),
        new NpmrcTokenPlaceholderRule(),
        new NpmrcLiteralTokenRule(),
        new TokenInPublishEnvRule(),
        new TokenWrittenToNpmrcRule(),
        new TokenInputToPublishActionRule(),
        new MissingIdTokenRule(),
        new SelfHostedRunnerRule(),
        new NpmTooOldRule(),
        new NpmLatestRefusedRule(),
        new ReusableWorkflowPublishesRule(),
        new OtherWorkflowPublishesRule(),
        new ConfiguredWorkflowDoesNotPublishRule(),
        new ProvenanceForcedInWorkflowRule(),
        new LeftoverGeneratedWorkflowRule(),
        new PublisherLacksOidcRule(),
        new PnpmSendsTokenPlaceholderRule(),
        new NuGetApiKeySecretRule(),
        new NuGetLoginWithoutIdTokenRule(),
        new NuGetLoginFromOtherRepositoryRule(),
        new NuGetPushOnSelfHostedRunnerRule(),
    };

    /// <summary>
    /// Past this, more lines about one file bury the build log rather than help: a file with this many
    /// findings has one mistake repeated (a copied job, an anchor reused by many jobs).
    /// </summary>
    public const int MaxFindingsPerFile = 50;

    public static List<Diagnostic> Run(RuleContext context)
    {
        var findings = new List<Diagnostic>(context.ParseErrors);
        foreach (var rule in Rules)
        {
            findings.AddRange(rule.Check(context));
        }

        var shown = new List<Diagnostic>();
        foreach (var file in findings.GroupBy(d => d.File))
        {
            // Errors first, so that a hidden error can never let the build pass; then file order.
            var ordered = InFileOrder(file.OrderByDescending(d => d.Severity)).ToList();
            shown.AddRange(ordered.Take(MaxFindingsPerFile));
            var hidden = ordered.Skip(MaxFindingsPerFile).ToList();
            if (hidden.Count > 0)
            {
                var codes = string.Join(", ", hidden.Select(d => d.Code).Distinct().OrderBy(c => c, System.StringComparer.Ordinal));
                shown.Add(DiagnosticCatalog.MoreFindingsNotShown.Create(file.Key, 1, 1, hidden.Count, codes, MaxFindingsPerFile));
            }
        }

        // File, then position, then code: the same repository always gives the same list.
        return InFileOrder(shown.OrderBy(d => d.File, System.StringComparer.Ordinal)).ToList();
    }

    private static IOrderedEnumerable<Diagnostic> InFileOrder(IOrderedEnumerable<Diagnostic> findings) => findings
        .ThenBy(d => d.Line)
        .ThenBy(d => d.Column)
        .ThenBy(d => d.Code, System.StringComparer.Ordinal);
}
