using System.Collections.Generic;

namespace TrustedPublish.Build.Model;

/// <summary>Validated settings: every value here has passed <see cref="NameRules"/> and is safe to emit.</summary>
public sealed class PublishSettings
{
    public string ProjectPath { get; set; } = "";

    public GitHubRepository Repository { get; set; } = new("", "");

    public string PackageName { get; set; } = "";

    /// <summary>True when TrustedPublishPackageName was set, so package.json's name is managed too.</summary>
    public bool ManagePackageName { get; set; }

    public NodeVersion Node { get; set; } = NodeVersion.Parse("24", out _)!;

    public string WorkflowFile { get; set; } = "publish.yml";

    public string? Environment { get; set; }

    public string Access { get; set; } = "public";

    public bool Provenance { get; set; } = true;

    public string TagPattern { get; set; } = "v*";

    /// <summary>A fixed dist-tag, or null to derive it from the version at publish time.</summary>
    public string? DistTag { get; set; }

    public string RunsOn { get; set; } = "ubuntu-latest";

    public bool PinActions { get; set; } = true;

    /// <summary>The commit and release written for each action when <see cref="PinActions"/> is on: the package's, a project item's, or the committed workflow's newer one.</summary>
    public Workflow.ActionPinSet Pins { get; set; } = Workflow.ActionPinSet.Packaged;

    /// <summary>True when the user chose to replace a workflow file this package did not write (TrustedPublishReplaceWorkflow).</summary>
    public bool ReplaceWorkflow { get; set; }

    /// <summary>The scripts package.json has, among those asked for, in the order asked.</summary>
    public IReadOnlyList<string> CheckScripts { get; set; } = new string[0];

    public string PackageDirectory { get; set; } = "";

    public LockfileKind Lockfile { get; set; }

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
}
