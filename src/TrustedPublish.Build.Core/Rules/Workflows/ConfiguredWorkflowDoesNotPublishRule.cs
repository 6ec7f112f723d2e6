using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB079: with a hand-written workflow, the registered workflow file exists but does not publish.</summary>
internal sealed class ConfiguredWorkflowDoesNotPublishRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.ConfiguredWorkflowDoesNotPublish };

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
