using System;
using TrustedPublish.Build.Model;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// The repository's package manager as the rules can know it, which is what `changeset publish` publishes with:
/// package.json's `packageManager` (corepack's "pnpm@10.18.3", the only place that also gives the version) of the package
/// or its workspace root, else the workspace root's lockfile.
/// </summary>
internal sealed class WorkspacePackageManager
{
    private WorkspacePackageManager(string? name, string? version)
    {
        Name = name;
        Version = version;
    }

    /// <summary>npm, pnpm, yarn or bun; null when nothing says.</summary>
    public string? Name { get; }

    /// <summary>The version `packageManager` (or TrustedPublishPackageManager) pins; null when nothing does.</summary>
    public string? Version { get; }

    /// <summary>
    /// From the manager the settings detected (<see cref="PackageManagerDetector"/>): its version only when packageManager
    /// or the property named it (a default version says nothing about the workflow under review), and npm only when
    /// it has a lockfile, so a repository with no sign of any manager stays unknown.
    /// </summary>
    public static WorkspacePackageManager From(PackageManager manager) => manager.Kind switch
    {
        PackageManagerKind.Npm => new WorkspacePackageManager(manager.HasLockfile ? "npm" : null, null),
        _ => new WorkspacePackageManager(manager.Command, manager.VersionChosenByUser ? manager.Version : null),
    };

    /// <summary>The manager `packageManager` names, when it is <paramref name="name"/>: its pinned version; else null.</summary>
    public string? VersionOf(string name) => string.Equals(Name, name, StringComparison.Ordinal) ? Version : null;
}
