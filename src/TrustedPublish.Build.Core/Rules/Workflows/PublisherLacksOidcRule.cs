using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// TPB084: the publish step's tool has no OIDC exchange: Yarn classic's yarn publish and bun publish (none in any
/// release), or yarn npm publish with a Yarn Berry older than 4.10.0. A code of its own rather than TPB075: no npm or
/// Node upgrade helps, the fix is another publishing command (pack with the manager, npm publish the tarball) or
/// another Yarn. An unknown Yarn version is not judged (<see cref="ToolsBeforePublish"/>).
/// </summary>
internal sealed class PublisherLacksOidcRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.PublisherLacksOidc, DiagnosticCatalog.YarnTooOldForOidc };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var before in context.ToolsBeforePublish)
        {
            var publish = before.Publish;
            var command = publish.PublishingCommand;
            if (before.Path == PublishPath.YarnTooOld)
            {
                yield return DiagnosticCatalog.YarnTooOldForOidc.Create(publish.Workflow.File.Path, publish.Line, publish.Column, command, before.ManagerVersion);
            }
            else if (before.Path == PublishPath.NoOidc)
            {
                // Packing with the manager keeps what it does to the package (workspace: versions, publishConfig); npm then publishes the tarball.
                var (manager, fix) = before.Tool == PublishTool.Bun
                    ? ("Bun", "bun pm pack --destination ./out && npm publish ./out/*.tgz")
                    : ("Yarn classic 1.x", "yarn pack --filename package.tgz && npm publish ./package.tgz");
                yield return DiagnosticCatalog.PublisherLacksOidc.Create(publish.Workflow.File.Path, publish.Line, publish.Column, command, manager, fix);
            }
        }
    }
}
