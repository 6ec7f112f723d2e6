using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// TPB081: --provenance or NPM_CONFIG_PROVENANCE forces provenance (E422 from private repositories). Yarn's
/// yarn npm publish makes none unless asked, so there the message says the flag is needed in a public repository.
/// </summary>
internal sealed class ProvenanceForcedInWorkflowRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.ProvenanceForcedInWorkflow, DiagnosticCatalog.ProvenanceForcedUnderYarn };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var publish in context.PublishSteps)
        {
            if (ForcesProvenance(publish.Command))
            {
                var (line, column) = publish.Step.Run != null ? publish.Workflow.Locate(publish.Step.Run, "--provenance") : (publish.Line, publish.Column);
                var descriptor = publish.Tool == PublishTool.YarnBerry ? DiagnosticCatalog.ProvenanceForcedUnderYarn : DiagnosticCatalog.ProvenanceForcedInWorkflow;
                yield return descriptor.Create(publish.Workflow.File.Path, line, column, publish.Workflow.File.RelativePath, "--provenance");
            }

            if (publish.Step.Env.TryGetValue("NPM_CONFIG_PROVENANCE", out var key))
            {
                yield return DiagnosticCatalog.ProvenanceForcedInWorkflow.Create(publish.Workflow.File.Path, (int)key.Start.Line, (int)key.Start.Column, publish.Workflow.File.RelativePath, "NPM_CONFIG_PROVENANCE");
            }
        }
    }

    /// <summary>--provenance or --provenance=VALUE other than false; npm also reads a following "false" as the flag's value.</summary>
    private static bool ForcesProvenance(string command)
    {
        var words = ShellCommands.Read(command).SelectMany(c => c.Words).Select(w => w.Value).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == "--provenance")
            {
                return i + 1 >= words.Count || words[i + 1] != "false";
            }

            if (words[i].StartsWith("--provenance=", StringComparison.Ordinal))
            {
                return words[i] != "--provenance=false";
            }
        }

        return false;
    }
}
