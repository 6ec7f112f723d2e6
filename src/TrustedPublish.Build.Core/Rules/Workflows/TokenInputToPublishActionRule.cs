using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB072: a publish action is handed a token input.</summary>
internal sealed class TokenInputToPublishActionRule : IRepositoryRule
{
    private static readonly string[] TokenInputs = { "token", "npm-token", "npm_token", "NPM_TOKEN", "auth-token" };

    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.TokenInputToPublishAction };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var publish in context.PublishSteps.Where(p => p.IsAction && p.Step.With != null))
        {
            foreach (var input in TokenInputs)
            {
                var key = WorkflowDocument.KeyNode(publish.Step.With, input);
                if (key != null)
                {
                    yield return DiagnosticCatalog.TokenInputToPublishAction.Create(publish.Workflow.File.Path, (int)key.Start.Line, (int)key.Start.Column, publish.Command, input);
                }
            }
        }
    }
}
