using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Rules.Npmrc;
using TrustedPublish.Build.Rules.PackageJson;
using TrustedPublish.Build.Rules.Workflows;

namespace TrustedPublish.Build.Rules;

/// <summary>Runs every rule once over the repository and returns the findings in a stable order.</summary>
public static class RuleRunner
{
    public static IReadOnlyList<IRepositoryRule> Rules { get; } = new IRepositoryRule[]
    {
        new PackageJsonRule(),
        new NpmrcRule(),
        new TokenInPublishEnvRule(),
        new TokenWrittenToNpmrcRule(),
        new TokenInputToPublishActionRule(),
        new MissingIdTokenRule(),
        new SelfHostedRunnerRule(),
        new NpmVersionRule(),
        new ReusableWorkflowPublishesRule(),
        new OtherWorkflowPublishesRule(),
        new ConfiguredWorkflowDoesNotPublishRule(),
        new ProvenanceForcedInWorkflowRule(),
        new LeftoverGeneratedWorkflowRule(),
    };

    public static List<Diagnostic> Run(RuleContext context)
    {
        var findings = new List<Diagnostic>(context.ParseErrors);
        foreach (var rule in Rules)
        {
            findings.AddRange(rule.Check(context));
        }

        // File, then position, then code: the same repository always gives the same list.
        return findings
            .OrderBy(d => d.File, System.StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ThenBy(d => d.Code, System.StringComparer.Ordinal)
            .ToList();
    }
}
