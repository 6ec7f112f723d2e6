using System;
using TrustedPublish.Build.Model;

namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// The repository's package manager as the rules can know it, which is what `changeset publish` publishes with:
/// package.json's `packageManager` (corepack's "pnpm@10.18.3", the only place that also gives the version), else the
/// pnpm, Yarn or Bun file the build found in the package folder or above it, else an npm lockfile beside package.json.
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

    /// <summary>The version `packageManager` pins (corepack's hash left on: version readers stop before it); null when it does not.</summary>
    public string? Version { get; }

    /// <param name="packageManagerField">package.json's `packageManager`, or null.</param>
    /// <param name="managerFile">The pnpm, Yarn or Bun file found (pnpm-lock.yaml, .yarnrc.yml, bun.lock, ...), relative to the root, or null.</param>
    /// <param name="lockfile">The npm lockfile beside package.json.</param>
    public static WorkspacePackageManager Read(string? packageManagerField, string? managerFile, LockfileKind lockfile)
    {
        var at = packageManagerField?.IndexOf('@', 1) ?? -1;
        if (packageManagerField != null && at > 0)
        {
            var name = packageManagerField.Substring(0, at);
            if (name is "npm" or "pnpm" or "yarn" or "bun")
            {
                return new WorkspacePackageManager(name, packageManagerField.Substring(at + 1));
            }
        }

        var file = managerFile?.Substring(managerFile.LastIndexOf('/') + 1);
        var fromFile = file switch
        {
            "pnpm-lock.yaml" or "pnpm-workspace.yaml" => "pnpm",
            "yarn.lock" or ".yarnrc.yml" => "yarn",
            "bun.lock" or "bun.lockb" => "bun",
            _ => lockfile != LockfileKind.None ? "npm" : null,
        };
        return new WorkspacePackageManager(fromFile, null);
    }

    /// <summary>The manager `packageManager` names, when it is <paramref name="name"/>: its pinned version; else null.</summary>
    public string? VersionOf(string name) => string.Equals(Name, name, StringComparison.Ordinal) ? Version : null;
}
