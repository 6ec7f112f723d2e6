using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.PackageJson;

namespace TrustedPublish.Build.Model;

/// <summary>
/// A project that lists its packages (TrustedPublishPackage items), resolved: the workflow-level settings, the packages in
/// the order they are published (dependencies first), and the check scripts that run once at the workspace root.
/// </summary>
internal sealed class WorkspaceSettings
{
    public WorkspaceSettings(IReadOnlyList<ListedPackage> packages, IReadOnlyList<string> rootCheckScripts)
    {
        Packages = packages;
        RootCheckScripts = rootCheckScripts;
    }

    /// <summary>The listed packages, dependencies first; each one's settings hold its name, access, folder and (without root scripts) its own check scripts.</summary>
    public IReadOnlyList<ListedPackage> Packages { get; }

    /// <summary>
    /// The workflow-level settings (file, trigger, tag pattern, Node, runner, environment, pins, package manager): the
    /// project's, the same in every package's settings, so the first package's serve.
    /// </summary>
    public PublishSettings Workflow => Packages[0].Settings;

    /// <summary>The workspace root's check scripts (run there, once, before anything is packed); empty when it has none, and each package then runs its own.</summary>
    public IReadOnlyList<string> RootCheckScripts { get; }

    /// <summary>The same workspace, as if another project generated it (the header names that project).</summary>
    public WorkspaceSettings WithProjectPath(string projectPath) =>
        new(Packages.Select(p => p.WithSettings(p.Settings.WithProjectPath(projectPath))).ToList(), RootCheckScripts);
}

/// <summary>One listed package: its settings (the project's, with its own folder, name and access), its package.json as read, and its item.</summary>
internal sealed class ListedPackage
{
    public ListedPackage(PackageItem item, TrustedPublishInputs inputs, PackageJsonDocument document, PublishSettings settings)
    {
        Item = item;
        Inputs = inputs;
        Document = document;
        Settings = settings;
    }

    public PackageItem Item { get; }

    /// <summary>The project's inputs as they are for this package (<see cref="TrustedPublishInputs.ForPackage"/>).</summary>
    public TrustedPublishInputs Inputs { get; }

    public PackageJsonDocument Document { get; }

    public PublishSettings Settings { get; }

    public ListedPackage WithSettings(PublishSettings settings) => new(Item, Inputs, Document, settings);
}
