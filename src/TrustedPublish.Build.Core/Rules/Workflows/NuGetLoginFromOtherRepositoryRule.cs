using System;
using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// TPB092: a job publishes to nuget.org through a reusable workflow of another repository. nuget.org matches the OIDC
/// token's job_workflow_ref, which names the called workflow, against a policy of this repository: it never matches.
/// The called workflow is not in this repository, so what it does is judged from the call: a job that calls another
/// repository's workflow whose path or inputs speak of NuGet (nuget, NuGet/login, a NUGET_ secret).
/// </summary>
internal sealed class NuGetLoginFromOtherRepositoryRule : IRepositoryRule
{
    public IReadOnlyList<DiagnosticDescriptor> Raises { get; } = new[] { DiagnosticCatalog.NuGetLoginFromOtherRepository };

    public IEnumerable<Diagnostic> Check(RuleContext context)
    {
        if (!context.ChecksNuGet)
        {
            yield break;
        }

        var thisRepository = context.Settings.Repository.ToString();
        foreach (var workflow in context.Workflows)
        {
            foreach (var job in workflow.Jobs)
            {
                var called = job.CallsWorkflow;
                if (called == null || called.StartsWith("./", StringComparison.Ordinal) || !IsNuGetRelated(called, job.Node))
                {
                    continue;
                }

                // owner/repo/.github/workflows/file.yml@ref: the first two parts name its repository (GitHub names ignore case).
                var parts = called.Split('/');
                if (parts.Length < 3 || string.Equals(parts[0] + "/" + parts[1], thisRepository, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var at = WorkflowDocument.Child(job.Node, "uses")!;
                yield return DiagnosticCatalog.NuGetLoginFromOtherRepository.Create(workflow.File.Path, (int)at.Start.Line, (int)at.Start.Column, job.Id, called);
            }
        }
    }

    /// <summary>The call's path, or any key or value of its with: and secrets:, mentions NuGet.</summary>
    private static bool IsNuGetRelated(string called, YamlMappingNode job)
    {
        if (NuGetStepFinder.MayAppearIn(called))
        {
            return true;
        }

        foreach (var section in new[] { "with", "secrets" })
        {
            if (WorkflowDocument.Child(job, section) is YamlMappingNode mapping)
            {
                foreach (var entry in mapping.Children)
                {
                    if (NuGetStepFinder.MayAppearIn(WorkflowDocument.Text(entry.Key) ?? "") || NuGetStepFinder.MayAppearIn(WorkflowDocument.Text(entry.Value) ?? ""))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
