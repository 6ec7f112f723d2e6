using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB078: a workflow other than the registered one publishes this package (npm accepts one workflow file).</summary>
internal sealed class OtherWorkflowPublishesRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.OtherWorkflowPublishes };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var configured = context.Settings.WorkflowFile;
        foreach (var group in context.PublishStepsOfThisPackage.GroupBy(p => p.Workflow))
        {
            var workflow = group.Key;
            if (workflow.IsReusable || string.Equals(workflow.File.FileName, configured, StringComparison.Ordinal))
            {
                continue; // A reusable workflow is judged by its caller (TPB077).
            }

            var first = group.First();
            yield return DiagnosticCatalog.OtherWorkflowPublishes.Create(workflow.File.Path, first.Line, first.Column, workflow.File.FileName, context.Settings.PackageName, configured);
        }
    }
}
