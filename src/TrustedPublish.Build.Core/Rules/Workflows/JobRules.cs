using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>TPB073: a job that publishes is not granted id-token: write (job permissions replace workflow ones).</summary>
public sealed class MissingIdTokenRule : IRepositoryRule
{
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

/// <summary>TPB074: a job that publishes runs on a self-hosted runner.</summary>
public sealed class SelfHostedRunnerRule : IRepositoryRule
{
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

/// <summary>TPB077: a reusable workflow publishes; npm checks the caller's file name.</summary>
public sealed class ReusableWorkflowPublishesRule : IRepositoryRule
{
    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var workflow in context.PublishSteps.Select(p => p.Workflow).Distinct().Where(w => w.IsReusable))
        {
            var at = WorkflowDocument.KeyNode(workflow.Root, "on") ?? workflow.On!;
            yield return DiagnosticCatalog.ReusableWorkflowPublishes.Create(workflow.File.Path, (int)at.Start.Line, (int)at.Start.Column, workflow.File.RelativePath);
        }
    }
}

/// <summary>TPB081: --provenance or NPM_CONFIG_PROVENANCE forces provenance (E422 from private repositories).</summary>
public sealed class ProvenanceForcedInWorkflowRule : IRepositoryRule
{
    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        foreach (var publish in context.PublishSteps)
        {
            if (ForcesProvenance(publish.Command))
            {
                var (line, column) = publish.Step.Run != null ? publish.Workflow.Locate(publish.Step.Run, "--provenance") : (publish.Line, publish.Column);
                yield return DiagnosticCatalog.ProvenanceForcedInWorkflow.Create(publish.Workflow.File.Path, line, column, publish.Workflow.File.RelativePath, "--provenance");
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
