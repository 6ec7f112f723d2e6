namespace TrustedPublish.Build.Model;

/// <summary>
/// Validated settings of the NuGet workflow: every value here has passed <see cref="NameRules"/> and is safe to emit.
/// Owner, repository, environment, tag pattern, runner and pins mean the same as for the npm workflow and are resolved
/// by the same code (<see cref="SettingsResolver"/>); the rest is NuGet's own. Immutable once resolved.
/// </summary>
internal sealed class NuGetSettings
{
    private NuGetSettings(Draft draft)
    {
        ProjectPath = draft.ProjectPath;
        Repository = draft.Repository;
        User = draft.User;
        PackageId = draft.PackageId;
        WorkflowFile = draft.WorkflowFile;
        Environment = draft.Environment;
        TagPattern = draft.TagPattern;
        Trigger = draft.Trigger;
        RunsOn = draft.RunsOn;
        PinActions = draft.PinActions;
        Pins = draft.Pins;
        ReplaceWorkflow = draft.ReplaceWorkflow;
        UseGlobalJson = draft.UseGlobalJson;
        DotNetVersion = draft.DotNetVersion;
        TestProject = draft.TestProject;
    }

    /// <summary>The project to pack, relative to the repository root (forward slashes); the header names it too.</summary>
    public string ProjectPath { get; private set; }

    public GitHubRepository Repository { get; }

    /// <summary>The nuget.org profile that owns the trusted publishing policy (NuGet/login's user).</summary>
    public string User { get; }

    /// <summary>The id nuget.org knows the package by (the project's PackageId).</summary>
    public string PackageId { get; }

    public string WorkflowFile { get; }

    public string? Environment { get; }

    public string TagPattern { get; }

    /// <summary>TrustedPublishTrigger, as for the npm workflow: tag or release.</summary>
    public string Trigger { get; }

    public string RunsOn { get; }

    public bool PinActions { get; }

    public Workflow.ActionPinSet Pins { get; }

    public bool ReplaceWorkflow { get; }

    /// <summary>True when the repository root has a global.json: setup-dotnet installs the SDK it names.</summary>
    public bool UseGlobalJson { get; }

    /// <summary>The SDK for setup-dotnet when there is no global.json.</summary>
    public string DotNetVersion { get; }

    /// <summary>The solution or project `dotnet test` runs, relative to the repository root; null runs it in the root.</summary>
    public string? TestProject { get; }

    /// <summary>Where the workflow lives, relative to the repository root.</summary>
    public string WorkflowPath => ".github/workflows/" + WorkflowFile;

    /// <summary>The same settings, as if another project generated them (the header and the pack command name that project).</summary>
    public NuGetSettings WithProjectPath(string projectPath)
    {
        var copy = (NuGetSettings)MemberwiseClone();
        copy.ProjectPath = projectPath;
        return copy;
    }

    /// <summary>The settings while the resolver works them out; <see cref="Build"/> freezes them.</summary>
    internal sealed class Draft
    {
        public string ProjectPath { get; set; } = "";
        public GitHubRepository Repository { get; set; } = new("", "");
        public string User { get; set; } = "";
        public string PackageId { get; set; } = "";
        public string WorkflowFile { get; set; } = NuGetSettingsResolver.DefaultWorkflowFile;
        public string? Environment { get; set; }
        public string TagPattern { get; set; } = SettingsResolver.DefaultTagPattern;
        public string Trigger { get; set; } = PublishSettings.TagTrigger;
        public string RunsOn { get; set; } = SettingsResolver.DefaultRunsOn;
        public bool PinActions { get; set; } = true;
        public Workflow.ActionPinSet Pins { get; set; } = Workflow.ActionPinSet.Packaged;
        public bool ReplaceWorkflow { get; set; }
        public bool UseGlobalJson { get; set; }
        public string DotNetVersion { get; set; } = DotNetSdk.DefaultVersion;
        public string? TestProject { get; set; }

        public NuGetSettings Build() => new(this);
    }
}
