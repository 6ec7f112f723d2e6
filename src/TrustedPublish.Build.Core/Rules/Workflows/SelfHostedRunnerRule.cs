using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB074: a job that publishes runs on a self-hosted runner.</summary>
internal sealed class SelfHostedRunnerRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.SelfHostedRunner };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var job in context.PublishSteps.Select(p => p.Job).Distinct())
        {
            var runsOn = WorkflowDocument.Child(job.Node, "runs-on");
            var labels = runsOn switch
            {
                YamlScalarNode scalar => new[] { scalar.Value ?? "" },
                YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToArray(),
                YamlMappingNode mapping => (WorkflowDocument.Child(mapping, "labels") switch
                {
                    YamlScalarNode one => new[] { one.Value ?? "" },
                    YamlSequenceNode many => many.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToArray(),
                    _ => new string[0],
                }),
                _ => new string[0],
            };
            if (labels.Any(l => l.Trim() == "self-hosted"))
            {
                yield return DiagnosticCatalog.SelfHostedRunner.Create(job.Workflow.File.Path, (int)runsOn!.Start.Line, (int)runsOn.Start.Column, job.Id, "[" + string.Join(", ", labels) + "]");
            }
        }
    }
}
