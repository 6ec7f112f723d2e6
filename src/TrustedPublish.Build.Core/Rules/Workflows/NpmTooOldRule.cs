using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// TPB075: a publish step runs with npm or Node.js too old for trusted publishing, from the node-version its job sets
/// up and the npm upgrades before it (<see cref="ToolsBeforePublish"/>). Two causes, each with its own message and fix:
/// Node below 22.14.0, which no npm upgrade helps; or npm older than 11.5.1 with no step upgrading it. Only where the
/// npm on PATH publishes (npm publish, and pnpm before 11, which hands npm the tarball); semantic-release brings its
/// own npm, so only Node counts there; pnpm 11 and Yarn 4.10 exchange the token themselves, and an unknown tool or
/// version is not judged.
/// </summary>
internal sealed class NpmTooOldRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.NpmTooOld, DiagnosticCatalog.NodeTooOldForTrustedPublishing, DiagnosticCatalog.NpmTooOldUnderPnpm };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var before in context.ToolsBeforePublish)
        {
            var publish = before.Publish;
            if (before.Path is not (PublishPath.NpmOnPath or PublishPath.PnpmThroughNpm or PublishPath.BundledNpm))
            {
                continue;
            }

            if (before.Node != null && !before.Node.SupportsTrustedPublishing)
            {
                yield return DiagnosticCatalog.NodeTooOldForTrustedPublishing.Create(publish.Workflow.File.Path, publish.Line, publish.Column, publish.Job.Id, before.What);
            }
            else if (before.Path != PublishPath.BundledNpm && ((before.SetupNode == null && !before.OtherSetup) || before.Node?.NeedsNpmUpgrade == true) && !before.Upgraded)
            {
                var descriptor = before.Path == PublishPath.PnpmThroughNpm ? DiagnosticCatalog.NpmTooOldUnderPnpm : DiagnosticCatalog.NpmTooOld;
                yield return descriptor.Create(publish.Workflow.File.Path, publish.Line, publish.Column, publish.Job.Id, before.What, before.ManagerVersion);
            }
        }
    }
}
