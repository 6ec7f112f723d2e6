using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB071: a step of a publishing job writes an _authToken into .npmrc.</summary>
internal sealed class TokenWrittenToNpmrcRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.TokenWrittenToNpmrc };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var job in context.PublishSteps.Select(p => p.Job).Distinct())
        {
            foreach (var step in job.Steps)
            {
                if (step.Run?.Value is string run && run.IndexOf("_authToken", StringComparison.Ordinal) >= 0)
                {
                    var (line, column) = job.Workflow.Locate(step.Run, "_authToken");
                    yield return DiagnosticCatalog.TokenWrittenToNpmrc.Create(job.Workflow.File.Path, line, column);
                }
            }
        }
    }
}
