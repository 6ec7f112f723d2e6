using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.PackageJson;
using TrustedPublish.Build.Rules.Workflows;

namespace TrustedPublish.Build.Rules;

/// <summary>What the rules look at: the resolved settings and the repository's files, each parsed once.</summary>
public sealed class RuleContext
{
    public RuleContext(PublishSettings settings, PackageJsonDocument packageJson, string packageJsonPath, IEnumerable<RepositoryFile> workflows, IEnumerable<RepositoryFile> npmrcs, bool handMaintained)
    {
        Settings = settings;
        PackageJson = packageJson;
        PackageJsonPath = packageJsonPath;
        Npmrcs = npmrcs.ToList();
        HandMaintained = handMaintained;
        var parsed = new List<WorkflowDocument>();
        foreach (var file in workflows)
        {
            // Every rule is about publishing; a workflow that cannot publish is not parsed at all.
            if (!MayPublish(file.Text))
            {
                continue;
            }

            var document = WorkflowDocument.Parse(file, out var error);
            if (document == null)
            {
                ParseErrors.Add(DiagnosticCatalog.WorkflowUnreadable.Create(file.Path, 1, 1, file.RelativePath, error));
            }
            else
            {
                parsed.Add(document);
            }
        }

        Workflows = parsed;
        PublishSteps = parsed.SelectMany(PublishStepFinder.Find).ToList();
    }

    public PublishSettings Settings { get; }

    public PackageJsonDocument PackageJson { get; }

    public string PackageJsonPath { get; }

    public IReadOnlyList<WorkflowDocument> Workflows { get; }

    public IReadOnlyList<RepositoryFile> Npmrcs { get; }

    /// <summary>Every step in every workflow that publishes to npm.</summary>
    public IReadOnlyList<PublishStep> PublishSteps { get; }

    /// <summary>Publish steps that publish this package (by working directory; unknown counts as this package).</summary>
    public IEnumerable<PublishStep> PublishStepsOfThisPackage => PublishSteps.Where(p => p.Directory == null || p.Directory == Settings.PackageDirectory || p.AllWorkspaces);

    /// <summary>True when package.json and the workflow are maintained by hand (generation off): the package.json rules apply.</summary>
    public bool HandMaintained { get; }

    public List<Diagnostic> ParseErrors { get; } = new();

    /// <summary>Every publish command and action the rules know contains one of these words.</summary>
    internal static bool MayPublish(string text) =>
        text.IndexOf("publish", System.StringComparison.Ordinal) >= 0 || text.IndexOf("semantic-release", System.StringComparison.Ordinal) >= 0;
}
