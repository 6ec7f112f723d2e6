using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// TPB082: a workflow whose header says this project generated it, under a file name that is no longer
/// TrustedPublishWorkflowFile (the setting changed and the old file stayed). It is not judged as a publisher:
/// its steps are right for the name it was generated under, and TPB078 would send the user to the wrong fix.
/// </summary>
internal sealed class LeftoverGeneratedWorkflowRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.LeftoverGeneratedWorkflow };

    public IEnumerable<Diagnostic> Check(RuleContext context) =>
        context.LeftoverWorkflows.Select(leftover => DiagnosticCatalog.LeftoverGeneratedWorkflow.Create(
            leftover.File.Path, 1, 1, leftover.File.RelativePath, leftover.Project, context.Settings.WorkflowPath));
}
