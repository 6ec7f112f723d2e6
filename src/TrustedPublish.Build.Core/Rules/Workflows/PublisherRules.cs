using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB078: a workflow other than the registered one publishes this package (npm accepts one workflow file).</summary>
public sealed class OtherWorkflowPublishesRule : IRepositoryRule
{
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

/// <summary>TPB079: with a hand-written workflow, the registered workflow file exists but does not publish.</summary>
public sealed class ConfiguredWorkflowDoesNotPublishRule : IRepositoryRule
{
    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        if (!context.HandMaintained)
        {
            yield break;
        }

        var configured = context.Settings.WorkflowFile;
        var workflow = context.Workflows.FirstOrDefault(w => w.File.FileName == configured);
        if (workflow == null)
        {
            // Another workflow that publishes already gets TPB078, which names the registered file.
            yield break;
        }

        var callsPublisher = workflow.Jobs.Any(j => j.CallsWorkflow != null);
        if (!context.PublishStepsOfThisPackage.Any(p => p.Workflow == workflow) && !callsPublisher)
        {
            yield return DiagnosticCatalog.ConfiguredWorkflowDoesNotPublish.Create(workflow.File.Path, 1, 1, configured, "no step in it publishes the package");
        }
    }
}
