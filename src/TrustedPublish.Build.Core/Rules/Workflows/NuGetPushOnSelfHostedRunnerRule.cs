using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB093: a job that pushes to nuget.org or runs NuGet/login is on a self-hosted runner, which keeps state between jobs.</summary>
internal sealed class NuGetPushOnSelfHostedRunnerRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.NuGetPushOnSelfHostedRunner };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var job in context.NuGetSteps.Select(s => s.Job).Distinct())
        {
            if (job.RunsSelfHosted)
            {
                var (runsOn, labels) = job.RunnerLabels;
                yield return DiagnosticCatalog.NuGetPushOnSelfHostedRunner.Create(job.Workflow.File.Path, (int)runsOn!.Start.Line, (int)runsOn.Start.Column, job.Id, "[" + string.Join(", ", labels) + "]");
            }
        }
    }
}
