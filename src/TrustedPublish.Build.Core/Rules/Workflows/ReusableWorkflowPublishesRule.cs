using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB077: a reusable workflow publishes; npm checks the caller's file name.</summary>
internal sealed class ReusableWorkflowPublishesRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.ReusableWorkflowPublishes };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var workflow in context.PublishSteps.Select(p => p.Workflow).Distinct().Where(w => w.IsReusable))
        {
            var at = WorkflowDocument.KeyNode(workflow.Root, "on") ?? workflow.On!;
            yield return DiagnosticCatalog.ReusableWorkflowPublishes.Create(workflow.File.Path, (int)at.Start.Line, (int)at.Start.Column, workflow.File.RelativePath);
        }
    }
}
