using System.Collections.Generic;

namespace TrustedPublish.Build.Model;

/// <summary>
/// Validated settings: every value here has passed <see cref="NameRules"/> and is safe to emit. Immutable once
/// resolved: <see cref="SettingsResolver"/> fills a <see cref="Draft"/> and builds it, so nothing downstream (the
/// generator, the rules, RenderAs) can change what was validated.
/// </summary>
internal sealed class PublishSettings
{
    private PublishSettings(Draft draft)
    {
        ProjectPath = draft.ProjectPath;
        Repository = draft.Repository;
        PackageName = draft.PackageName;
        ManagePackageName = draft.ManagePackageName;
        Node = draft.Node;
        WorkflowFile = draft.WorkflowFile;
        Environment = draft.Environment;
        Access = draft.Access;
        Provenance = draft.Provenance;
        TagPattern = draft.TagPattern;
        Trigger = draft.Trigger;
        DistTag = draft.DistTag;
        RunsOn = draft.RunsOn;
        PinActions = draft.PinActions;
        Pins = draft.Pins;
        ReplaceWorkflow = draft.ReplaceWorkflow;
        CheckScripts = draft.CheckScripts;
        PackageDirectory = draft.PackageDirectory;
        PackageManager = draft.PackageManager;
        RunsPrepublishOnly = draft.RunsPrepublishOnly;
        DotNetBuild = draft.DotNetBuild;
        UseGlobalJson = draft.UseGlobalJson;
        DotNetVersion = draft.DotNetVersion;
    }

    public string ProjectPath { get; private set; }

    public GitHubRepository Repository { get; }

    public string PackageName { get; }

    /// <summary>True when TrustedPublishPackageName was set, so package.json's name is managed too.</summary>
    public bool ManagePackageName { get; }

    public NodeVersion Node { get; }

    public string WorkflowFile { get; }

    public string? Environment { get; }

    public string Access { get; }

    public bool Provenance { get; }

    public string TagPattern { get; }

    /// <summary>What starts the workflow besides workflow_dispatch: <see cref="TagTrigger"/> (a pushed tag matching <see cref="TagPattern"/>) or <see cref="ReleaseTrigger"/>.</summary>
    public string Trigger { get; }

    public const string TagTrigger = "tag";

    public const string ReleaseTrigger = "release";

    /// <summary>A fixed dist-tag, or null to derive it from the version at publish time.</summary>
    public string? DistTag { get; }

    public string RunsOn { get; }

    public bool PinActions { get; }

    /// <summary>The commit and release written for each action when <see cref="PinActions"/> is on: the package's, a project item's, or the committed workflow's newer one.</summary>
    public Workflow.ActionPinSet Pins { get; }

    /// <summary>True when the user chose to replace a workflow file this package did not write (TrustedPublishReplaceWorkflow).</summary>
    public bool ReplaceWorkflow { get; }

    /// <summary>The scripts package.json has, among those asked for, in the order asked.</summary>
    public IReadOnlyList<string> CheckScripts { get; }

    public string PackageDirectory { get; }

    /// <summary>The manager that installs, runs the check scripts and packs; npm publishes in every case.</summary>
    public PackageManager PackageManager { get; }

    /// <summary>
    /// True when the package has a prepublishOnly script and another manager packs: `npm publish` of a folder runs it,
    /// `npm publish` of a tarball runs no script, so the workflow runs it as a step of its own.
    /// </summary>
    public bool RunsPrepublishOnly { get; }

    /// <summary>
    /// True when the npm package comes out of the .NET build (TrustedPublishDotNetBuild): the workflow sets up .NET and
    /// builds the project before the check scripts, so package.json's version and content are what that build made.
    /// </summary>
    public bool DotNetBuild { get; }

    /// <summary>With <see cref="DotNetBuild"/>: set up the SDK that the repository's global.json names.</summary>
    public bool UseGlobalJson { get; }

    /// <summary>With <see cref="DotNetBuild"/> and no global.json: the SDK version for actions/setup-dotnet.</summary>
    public string DotNetVersion { get; }

    public bool IsScoped => PackageName.StartsWith("@", System.StringComparison.Ordinal);

    /// <summary>The same settings, as if another project generated them (the header names that project).</summary>
    public PublishSettings WithProjectPath(string projectPath)
    {
        var copy = (PublishSettings)MemberwiseClone();
        copy.ProjectPath = projectPath;
        return copy;
    }

    /// <summary>Where the workflow lives, relative to the repository root.</summary>
    public string WorkflowPath => ".github/workflows/" + WorkflowFile;

    /// <summary>The settings while the resolver works them out; <see cref="Build"/> freezes them.</summary>
    internal sealed class Draft
    {
        public string ProjectPath { get; set; } = "";
        public GitHubRepository Repository { get; set; } = new("", "");
        public string PackageName { get; set; } = "";
        public bool ManagePackageName { get; set; }
        public NodeVersion Node { get; set; } = NodeVersion.Parse("24", out _)!;
        public string WorkflowFile { get; set; } = "publish.yml";
        public string? Environment { get; set; }
        public string Access { get; set; } = "public";
        public bool Provenance { get; set; } = true;
        public string TagPattern { get; set; } = "v*";
        public string Trigger { get; set; } = TagTrigger;
        public string? DistTag { get; set; }
        public string RunsOn { get; set; } = "ubuntu-latest";
        public bool PinActions { get; set; } = true;

        public Workflow.ActionPinSet Pins { get; set; } = Workflow.ActionPinSet.Packaged;
        public bool ReplaceWorkflow { get; set; }
        public IReadOnlyList<string> CheckScripts { get; set; } = new string[0];
        public string PackageDirectory { get; set; } = "";
        public PackageManager PackageManager { get; set; } = new(PackageManagerKind.Npm, null, false, "", false);
        public bool RunsPrepublishOnly { get; set; }
        public bool DotNetBuild { get; set; }
        public bool UseGlobalJson { get; set; }
        public string DotNetVersion { get; set; } = DotNetSdk.DefaultVersion;

        public PublishSettings Build() => new(this);
    }
}
