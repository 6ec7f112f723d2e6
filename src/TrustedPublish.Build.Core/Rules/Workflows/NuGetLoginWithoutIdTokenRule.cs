using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB091: NuGet/login runs in a job that is not granted id-token: write (job permissions replace workflow ones).</summary>
internal sealed class NuGetLoginWithoutIdTokenRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.NuGetLoginWithoutIdToken };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var job in context.NuGetSteps.Where(s => s.IsLogin).Select(s => s.Job).Distinct())
        {
            if (job.GrantsIdToken)
            {
                continue;
            }

            var (permissions, where) = job.EffectivePermissions;
            var at = WorkflowDocument.KeyNode(job.Node, "permissions") ?? (YamlNode)job.Key;
            var what = permissions == null ? "the job has " + where : $"its {where} do not grant it";
            yield return DiagnosticCatalog.NuGetLoginWithoutIdToken.Create(job.Workflow.File.Path, (int)at.Start.Line, (int)at.Start.Column, job.Id, what);
        }
    }
}
