using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB073: a job that publishes is not granted id-token: write (job permissions replace workflow ones).</summary>
internal sealed class MissingIdTokenRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.MissingIdToken };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var job in context.PublishSteps.Select(p => p.Job).Distinct())
        {
            if (job.GrantsIdToken)
            {
                continue;
            }

            var (permissions, where) = job.EffectivePermissions;
            var at = WorkflowDocument.KeyNode(job.Node, "permissions") ?? (YamlNode)job.Key;
            var what = permissions == null ? where : $"its {where} do not grant it";
            yield return DiagnosticCatalog.MissingIdToken.Create(job.Workflow.File.Path, (int)at.Start.Line, (int)at.Start.Column, job.Id, what);
        }
    }
}
