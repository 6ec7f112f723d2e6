using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB090: a push to nuget.org takes its API key from a secret, a long-lived key where trusted publishing needs none.</summary>
internal sealed class NuGetApiKeySecretRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.NuGetApiKeySecret };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var push in context.NuGetSteps)
        {
            if (!push.IsLogin && NuGetStepFinder.SecretBehind(push) is string secret)
            {
                yield return DiagnosticCatalog.NuGetApiKeySecret.Create(push.Workflow.File.Path, push.Line, push.Column, push.Workflow.File.RelativePath, secret);
            }
        }
    }
}
