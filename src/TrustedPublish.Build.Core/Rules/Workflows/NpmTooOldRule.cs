using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// TPB075: a publish step runs with npm or Node.js too old for trusted publishing, from the node-version its job sets
/// up and the npm upgrades before it (<see cref="NpmBeforePublish"/>). Two causes, each with its own message and fix:
/// Node below 22.14.0, which no npm upgrade helps; or npm older than 11.5.1 with no step upgrading it.
/// </summary>
internal sealed class NpmTooOldRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.NpmTooOld, DiagnosticCatalog.NodeTooOldForTrustedPublishing };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var before in NpmBeforePublish.Walk(context))
        {
            var publish = before.Publish;
            if (before.Node != null && !before.Node.SupportsTrustedPublishing)
            {
                yield return DiagnosticCatalog.NodeTooOldForTrustedPublishing.Create(publish.Workflow.File.Path, publish.Line, publish.Column, publish.Job.Id, before.What);
            }
            else if (((before.SetupNode == null && !before.OtherSetup) || before.Node?.NeedsNpmUpgrade == true) && !before.Upgraded)
            {
                yield return DiagnosticCatalog.NpmTooOld.Create(publish.Workflow.File.Path, publish.Line, publish.Column, publish.Job.Id, before.What);
            }
        }
    }
}
