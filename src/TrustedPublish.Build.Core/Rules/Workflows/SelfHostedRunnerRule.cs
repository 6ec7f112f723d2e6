using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB074: a job that publishes runs on a self-hosted runner.</summary>
internal sealed class SelfHostedRunnerRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.SelfHostedRunner };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var job in context.PublishSteps.Select(p => p.Job).Distinct())
        {
            var (runsOn, labels) = job.RunnerLabels;
            if (job.RunsSelfHosted)
            {
                yield return DiagnosticCatalog.SelfHostedRunner.Create(job.Workflow.File.Path, (int)runsOn!.Start.Line, (int)runsOn.Start.Column, job.Id, "[" + string.Join(", ", labels) + "]");
            }
        }
    }
}
