using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// TPB076: `npm install -g npm@latest` (npm 12) before a publish step, on a Node.js that npm 12's engines refuse
/// (<see cref="Model.NodeVersion.AcceptedByNpm12"/>). Each upgrade is reported once, however many publish steps follow it.
/// </summary>
internal sealed class NpmLatestRefusedRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.NpmLatestRefused };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        var notReported = new List<(WorkflowStep Step, ToolsBeforePublish.NpmUpgrade Upgrade)>();
        PublishStep? previous = null;
        foreach (var before in context.ToolsBeforePublish)
        {
            if (previous != null && previous.Job != before.Publish.Job)
            {
                notReported.Clear();
            }

            previous = before.Publish;
            notReported.AddRange(before.LatestSincePreviousPublish);
            if (before.Node != null && !before.Node.AcceptedByNpm12)
            {
                var workflow = before.Publish.Workflow;
                foreach (var (step, upgrade) in notReported)
                {
                    var (line, column) = workflow.Locate(step.Run!, upgrade.Text);
                    yield return DiagnosticCatalog.NpmLatestRefused.Create(workflow.File.Path, line, column, upgrade.Text, before.NodeSpec);
                }

                notReported.Clear();
            }
        }
    }
}
