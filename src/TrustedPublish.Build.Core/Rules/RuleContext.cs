using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.PackageJson;
using TrustedPublish.Build.Rules.Npmrc;
using TrustedPublish.Build.Rules.Workflows;
using TrustedPublish.Build.Text;
using TrustedPublish.Build.Workflow;

namespace TrustedPublish.Build.Rules;

/// <summary>What the rules look at: the resolved settings and the repository's files, each parsed once.</summary>
internal sealed class RuleContext
{
    private List<(RepositoryFile File, NpmrcEntry Entry)>? _npmrcEntries;
    private List<ToolsBeforePublish>? _toolsBeforePublish;

    /// <summary>
    /// Parses the workflows that may matter once. <paramref name="checksNuGet"/> adds the checks of workflows that push to
    /// nuget.org; <paramref name="checksNpm"/> is false for a project that publishes to nuget.org only (no npm step is looked for).
    /// </summary>
    public RuleContext(PublishSettings settings, PackageJsonDocument packageJson, string packageJsonPath, IEnumerable<RepositoryFile> workflows, IEnumerable<RepositoryFile> npmrcs, bool handMaintained, bool checksNuGet = false, bool checksNpm = true)
    {
        Settings = settings;
        PackageJson = packageJson;
        PackageJsonPath = packageJsonPath;
        Npmrcs = npmrcs.ToList();
        HandMaintained = handMaintained;
        ChecksNuGet = checksNuGet;
        var scripts = new PackageScripts(packageJson);
        var thisProject = TextSafety.ForComment(settings.ProjectPath);
        var parsed = new List<WorkflowDocument>();
        var leftovers = new List<(RepositoryFile, string)>();
        foreach (var file in workflows)
        {
            // This project's header on a file that is not its workflow: the file name changed and the old file stayed.
            // It is reported as that, not judged as a publisher (its publish step is correct for the old name).
            // Another project's generated workflow is that project's: the rules read it like any other.
            // This project's NuGet workflow is its other generated file, not a leftover.
            var generatedBy = WorkflowGenerator.ReadGeneratingProject(file.Text);
            if (checksNpm && generatedBy == thisProject && !string.Equals(file.RelativePath, settings.WorkflowPath, System.StringComparison.Ordinal) && !NuGetWorkflowGenerator.IsNuGetWorkflow(file.Text))
            {
                leftovers.Add((file, generatedBy));
                continue;
            }

            // Every rule is about publishing; a workflow that cannot publish is not parsed at all.
            if (!(checksNpm && (scripts.MayPublish || MayPublish(file.Text))) && !(checksNuGet && NuGetStepFinder.MayAppearIn(file.Text)))
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
        LeftoverWorkflows = leftovers;
        PublishSteps = checksNpm ? parsed.SelectMany(w => PublishStepFinder.Find(w, scripts, settings.PackageDirectory)).ToList() : new List<PublishStep>();
        NuGetSteps = checksNuGet ? parsed.SelectMany(NuGetStepFinder.Find).ToList() : new List<NuGetStep>();
    }

    /// <summary>
    /// The rules' view of a project that publishes to nuget.org only (no package.json): no npm publish step, no .npmrc and
    /// no package folder is looked at, so only the NuGet checks can find anything. The npm-side settings are the defaults
    /// with this project's repository, which the NuGet checks use.
    /// </summary>
    public static RuleContext ForNuGetOnly(string projectPath, GitHubRepository repository, IEnumerable<RepositoryFile> workflows)
    {
        var settings = new PublishSettings.Draft { ProjectPath = projectPath, Repository = repository }.Build();
        var empty = PackageJsonDocument.Parse(new byte[] { (byte)'{', (byte)'}' }).Document!;
        return new RuleContext(settings, empty, "", workflows, new RepositoryFile[0], handMaintained: false, checksNuGet: true, checksNpm: false);
    }

    public PublishSettings Settings { get; }

    public PackageJsonDocument PackageJson { get; }

    public string PackageJsonPath { get; }

    public IReadOnlyList<WorkflowDocument> Workflows { get; }

    public IReadOnlyList<RepositoryFile> Npmrcs { get; }

    /// <summary>Every entry of every .npmrc, read once for all the .npmrc rules.</summary>
    internal IReadOnlyList<(RepositoryFile File, NpmrcEntry Entry)> NpmrcEntries =>
        _npmrcEntries ??= Npmrcs.SelectMany(file => NpmrcEntry.Read(file.Text).Select(entry => (file, entry))).ToList();

    /// <summary>Workflows this project generated under a file name that is no longer the configured one, with the project their header names.</summary>
    public IReadOnlyList<(RepositoryFile File, string Project)> LeftoverWorkflows { get; }

    /// <summary>Every step in every workflow that publishes to npm.</summary>
    public IReadOnlyList<PublishStep> PublishSteps { get; }

    /// <summary>True when the NuGet checks run: the project publishes to nuget.org, or the doctor runs (TPB090-TPB093).</summary>
    public bool ChecksNuGet { get; }

    /// <summary>Every step that pushes to nuget.org or runs NuGet/login, when <see cref="ChecksNuGet"/>.</summary>
    public IReadOnlyList<NuGetStep> NuGetSteps { get; }

    /// <summary>Publish steps that publish this package (by working directory; unknown counts as this package).</summary>
    public IEnumerable<PublishStep> PublishStepsOfThisPackage => PublishSteps.Where(p => p.Directory == null || p.Directory == Settings.PackageDirectory || p.AllWorkspaces);

    /// <summary>The package folder, for the rule about what npm would pack (TPB028); null when there is none to look at.</summary>
    public IPackageFolder? PackageFolder { get; set; }

    /// <summary>The repository's package manager as detected for the settings (packageManager of the package or the workspace root, else the lockfile).</summary>
    internal PackageManager PackageManager => Settings.PackageManager;

    /// <summary>What each publish step runs with, walked once for the four rules that ask (TPB075, TPB076, TPB084, TPB085).</summary>
    internal IReadOnlyList<ToolsBeforePublish> ToolsBeforePublish => _toolsBeforePublish ??= Rules.Workflows.ToolsBeforePublish.Walk(this).ToList();

    /// <summary>True when package.json and the workflow are maintained by hand (generation off): the package.json rules apply.</summary>
    public bool HandMaintained { get; }

    public List<Diagnostic> ParseErrors { get; } = new();

    /// <summary>A cheap pre-filter, never the decision: false when no publish command or action the rules know can be in the text.</summary>
    internal static bool MayPublish(string text) => PublishCommands.MayAppearIn(text);

    /// <summary>
    /// The build's pre-filter over the repository's workflows: false when no rule can find anything in a workflow, which is
    /// then not even parsed. When a script in package.json may publish, any workflow may run it.
    /// </summary>
    internal static System.Func<RepositoryFile, bool> MayMatter(PackageJsonDocument packageJson, bool checksNuGet = false)
    {
        var scriptsMayPublish = new PackageScripts(packageJson).MayPublish;
        return file => scriptsMayPublish || MayPublish(file.Text) || WorkflowGenerator.ReadGeneratingProject(file.Text) != null || (checksNuGet && NuGetStepFinder.MayAppearIn(file.Text));
    }
}
