using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// TPB085: pnpm 11.0.0-11.1.2 publishes after setup-node wrote an .npmrc for registry.npmjs.org
/// (`registry-url`): that pnpm sends the `${NODE_AUTH_TOKEN}` placeholder setup-node exports as a token instead of
/// exchanging the OIDC token, and npm answers 404. pnpm 11.1.3 fixed it; before 11, npm publishes and OIDC wins.
/// </summary>
internal sealed class PnpmSendsTokenPlaceholderRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.PnpmSendsTokenPlaceholder };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var before in context.ToolsBeforePublish)
        {
            if (before.Path == PublishPath.PnpmSendsPlaceholder)
            {
                var publish = before.Publish;
                yield return DiagnosticCatalog.PnpmSendsTokenPlaceholder.Create(publish.Workflow.File.Path, publish.Line, publish.Column, publish.PublishingCommand, before.ManagerVersion, before.RegistryUrl);
            }
        }
    }
}
