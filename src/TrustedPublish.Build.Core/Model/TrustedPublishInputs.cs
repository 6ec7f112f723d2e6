namespace TrustedPublish.Build.Model;

/// <summary>
/// Everything the generator reads, as plain values: MSBuild property values (empty means "use the
/// default") and the contents of the files the defaults come from. The MSBuild task fills this in;
/// nothing in the core touches the file system.
/// </summary>
internal sealed class TrustedPublishInputs
{
    /// <summary>The project's path relative to the repository root (forward slashes), named in the header and in diagnostics.</summary>
    public string ProjectPath { get; set; } = "";

    /// <summary>Where MSBuild-property errors point (full path of the project file), and its text to find the property's line.</summary>
    public string? ProjectFile { get; set; }

    public string? ProjectFileText { get; set; }

    public string Owner { get; set; } = "";

    public string Repository { get; set; } = "";

    public string PackageName { get; set; } = "";

    public string NodeVersion { get; set; } = "";

    public string WorkflowFile { get; set; } = "";

    public string Environment { get; set; } = "";

    public string Access { get; set; } = "";

    public string Provenance { get; set; } = "";

    public string TagPattern { get; set; } = "";

    public string DistTag { get; set; } = "";

    public string RunsOn { get; set; } = "";

    public string PinActions { get; set; } = "";

    /// <summary>TrustedPublishTrigger: tag (a pushed tag that matches TagPattern) or release (a published GitHub release); empty for tag.</summary>
    public string Trigger { get; set; } = "";

    /// <summary>
    /// TrustedPublishPackage items, in project order: the packages this project publishes from one workflow. Empty: the one
    /// package in <see cref="PackageDirectory"/>, exactly as before items existed.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<PackageItem> Packages { get; set; } = new PackageItem[0];

    /// <summary>TrustedPublishPackageDirectory as set in the project (the task has already used it to find package.json).</summary>
    public string PackageDirectoryProperty { get; set; } = "";

    /// <summary>Semicolon-separated script names to run before publishing, when package.json has them.</summary>
    public string CheckScripts { get; set; } = "";

    /// <summary>TrustedPublishReplaceWorkflow: "true" lets generation replace a workflow file it did not write.</summary>
    public string ReplaceWorkflow { get; set; } = "";

    /// <summary>TrustedPublishNuGetUser: the nuget.org profile that owns the trusted publishing policy; empty leaves NuGet publishing off.</summary>
    public string NuGetUser { get; set; } = "";

    /// <summary>TrustedPublishNuGetWorkflowFile: the bare file name of the NuGet workflow (default publish-nuget.yml).</summary>
    public string NuGetWorkflowFile { get; set; } = "";

    /// <summary>TrustedPublishNuGetTestProject: the solution or project `dotnet test` runs, relative to the repository root; empty runs it in the root.</summary>
    public string NuGetTestProject { get; set; } = "";

    /// <summary>TrustedPublishDotNetBuild: "true" makes the npm workflow set up .NET and build the project before the check scripts.</summary>
    public string DotNetBuild { get; set; } = "";

    /// <summary>TrustedPublishDotNetVersion: the SDK for actions/setup-dotnet when the repository has no global.json.</summary>
    public string DotNetVersion { get; set; } = "";

    /// <summary>The project's IsPackable property ("false" means dotnet pack refuses it).</summary>
    public string IsPackable { get; set; } = "";

    /// <summary>The project's PackageId property: the id nuget.org knows the package by.</summary>
    public string PackageId { get; set; } = "";

    /// <summary>True when the repository root holds a global.json (setup-dotnet then installs the SDK it names).</summary>
    public bool HasGlobalJson { get; set; }

    /// <summary>The project's RepositoryUrl property.</summary>
    public string RepositoryUrl { get; set; } = "";

    /// <summary>TrustedPublishActionPin items, in project order: pins that replace the package's own (validated into TPB034).</summary>
    public System.Collections.Generic.IReadOnlyList<ActionPinItem> ActionPins { get; set; } = new ActionPinItem[0];

    /// <summary>Text of the git config file that holds remote "origin", or null.</summary>
    public string? GitConfigText { get; set; }

    /// <summary>Where that config file is, for messages.</summary>
    public string? GitConfigPath { get; set; }

    /// <summary>Full path of the repository root, for messages.</summary>
    public string RepositoryRoot { get; set; } = "";

    /// <summary>The package folder relative to the repository root, forward slashes, "" at the root.</summary>
    public string PackageDirectory { get; set; } = "";

    /// <summary>Full path of package.json, for diagnostics.</summary>
    public string PackageJsonPath { get; set; } = "package.json";

    public byte[] PackageJson { get; set; } = System.Array.Empty<byte>();

    /// <summary>TrustedPublishPackageManager: npm, pnpm, yarn or bun, optionally @version; empty to detect it.</summary>
    public string PackageManager { get; set; } = "";

    /// <summary>
    /// The package folder and each folder above it up to the repository root, in that order, with the lockfiles and
    /// workspace files they hold (<see cref="PackageManagerDetector"/>). Empty: the package folder alone, with none.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<PackageManagerFolder> PackageManagerFolders { get; set; } = new PackageManagerFolder[0];

    /// <summary>The workflow files in .github/workflows (*.yml, *.yaml), for the rules.</summary>
    public System.Collections.Generic.IReadOnlyList<Rules.RepositoryFile> Workflows { get; set; } = new Rules.RepositoryFile[0];

    /// <summary>The repository's and the package's .npmrc files, for the rules.</summary>
    public System.Collections.Generic.IReadOnlyList<Rules.RepositoryFile> Npmrcs { get; set; } = new Rules.RepositoryFile[0];

    /// <summary>
    /// The package folder as npm's file walker reads it, for TPB028 (what npm would pack); null to skip that check.
    /// The task answers from the disk, one folder at a time and only when the check asks.
    /// </summary>
    public PackageJson.IPackageFolder? PackageFolder { get; set; }

    /// <summary>Projects named in generated workflows' headers whose project files still exist (the task checks the file system).</summary>
    public System.Collections.Generic.IReadOnlyCollection<string> ExistingGeneratingProjects { get; set; } = new string[0];

    /// <summary>False when the workflow and package.json are maintained by hand (TrustedPublishGenerateEnabled=false): only the rules run.</summary>
    public bool GenerateEnabled { get; set; } = true;

    /// <summary>The MSBuild property values with their property names, for checks that apply to all of them.</summary>
    public string[][] NamedValues() => new[]
    {
        new[] { "TrustedPublishOwner", Owner },
        new[] { "TrustedPublishRepository", Repository },
        new[] { "TrustedPublishPackageName", PackageName },
        new[] { "TrustedPublishNodeVersion", NodeVersion },
        new[] { "TrustedPublishWorkflowFile", WorkflowFile },
        new[] { "TrustedPublishEnvironment", Environment },
        new[] { "TrustedPublishAccess", Access },
        new[] { "TrustedPublishProvenance", Provenance },
        new[] { "TrustedPublishTagPattern", TagPattern },
        new[] { "TrustedPublishDistTag", DistTag },
        new[] { "TrustedPublishRunsOn", RunsOn },
        new[] { "TrustedPublishPinActions", PinActions },
        new[] { "TrustedPublishTrigger", Trigger },
        new[] { "TrustedPublishCheckScripts", CheckScripts },
        new[] { "TrustedPublishReplaceWorkflow", ReplaceWorkflow },
        new[] { "TrustedPublishPackageManager", PackageManager },
        new[] { "TrustedPublishNuGetUser", NuGetUser },
        new[] { "TrustedPublishNuGetWorkflowFile", NuGetWorkflowFile },
        new[] { "TrustedPublishNuGetTestProject", NuGetTestProject },
        new[] { "TrustedPublishDotNetVersion", DotNetVersion },
        new[] { "TrustedPublishDotNetBuild", DotNetBuild },
    };

    /// <summary>
    /// These inputs as they are for one listed package: its folder, package.json and package-manager folders, and its
    /// PackageName and Access metadata in the place of the properties (the metadata was validated first, TPB103).
    /// </summary>
    public TrustedPublishInputs ForPackage(PackageItem item)
    {
        var copy = (TrustedPublishInputs)MemberwiseClone();
        copy.PackageDirectory = item.Directory ?? "";
        copy.PackageJsonPath = item.PackageJsonPath;
        copy.PackageJson = item.PackageJson ?? System.Array.Empty<byte>();
        copy.PackageManagerFolders = item.PackageManagerFolders;
        copy.PackageFolder = item.PackageFolder;
        copy.PackageName = item.PackageName;
        copy.Access = item.Access.Length > 0 ? item.Access : Access;
        copy.Packages = new PackageItem[0];
        return copy;
    }

    /// <summary>True when the project lists its packages (TrustedPublishPackage items) instead of being one.</summary>
    public bool ListsPackages => Packages.Count > 0;

    /// <summary>True when the project publishes to nuget.org (TrustedPublishNuGetUser is set; a blank value counts, so TPB017 reports it).</summary>
    public bool PublishesToNuGet => NuGetUser.Length > 0;
}
