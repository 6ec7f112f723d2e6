using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.PackageJson;

namespace TrustedPublish.Build.Model;

/// <summary>
/// Which package manager the workflow uses and where it installs (facts.md, "Package managers and trusted
/// publishing"): TrustedPublishPackageManager, else `packageManager` in package.json (the package's, else the
/// workspace root's), else the lockfile of the workspace root. The workspace root is the nearest folder, from the
/// package folder up to the repository root, with a lockfile; a folder above the package counts only when it declares
/// workspaces, because a lockfile of an unrelated project above would install the wrong dependencies.
/// </summary>
internal static class PackageManagerDetector
{
    public const string PropertyName = "TrustedPublishPackageManager";

    /// <summary>The files detection looks for in each folder; the task reports which exist.</summary>
    public static readonly string[] MarkerFiles =
    {
        "pnpm-lock.yaml", "pnpm-workspace.yaml", "yarn.lock", ".yarnrc.yml", "bun.lock", "bun.lockb", "package-lock.json", "npm-shrinkwrap.json",
    };

    /// <summary>The versions installed when neither packageManager nor the property names one: the ones checked with this package (facts.md).</summary>
    public static string DefaultVersion(PackageManagerKind kind) => kind switch
    {
        PackageManagerKind.Pnpm => "10.18.3",
        PackageManagerKind.YarnBerry => "4.10.3",
        PackageManagerKind.YarnClassic => "1.22.22",
        PackageManagerKind.Bun => "1.4.4",
        _ => "",
    };

    /// <summary>Lockfiles in the order one wins over another when a folder holds several.</summary>
    private static readonly (string File, PackageManagerKind Kind)[] Lockfiles =
    {
        ("pnpm-lock.yaml", PackageManagerKind.Pnpm),
        ("bun.lock", PackageManagerKind.Bun),
        ("bun.lockb", PackageManagerKind.Bun),
        ("yarn.lock", PackageManagerKind.YarnClassic), // Berry or classic: decided by the version or .yarnrc.yml
        ("package-lock.json", PackageManagerKind.Npm),
        ("npm-shrinkwrap.json", PackageManagerKind.Npm),
    };

    public static PackageManager? Detect(TrustedPublishInputs inputs, PackageJsonDocument packageJson, List<Diagnostic> diagnostics)
    {
        var folders = inputs.PackageManagerFolders.Count > 0
            ? inputs.PackageManagerFolders
            : new[] { new PackageManagerFolder(inputs.PackageDirectory, new string[0]) };
        var root = WorkspaceRoot(folders);
        var rootJson = root == folders[0] ? packageJson : Parse(root.PackageJson);

        // What packageManager says: the package's, else the workspace root's (where corepack reads it).
        var (declared, declaredIn, declaredDocument) = Declared(packageJson, inputs.PackageJsonPath, folders[0], rootJson, root);
        Requested? fromPackageJson = null;
        if (declared != null)
        {
            fromPackageJson = Requested.Parse(declared);
            if (fromPackageJson == null)
            {
                var member = declaredDocument!.Root.Find("packageManager")!;
                var (line, column) = declaredDocument.Locate(member.NameStart);
                diagnostics.Add(DiagnosticCatalog.PackageManagerNotSupported.Create(declaredIn, line, column, declared));
                return null;
            }
        }

        Requested? requested = fromPackageJson;
        var property = inputs.PackageManager.Trim();
        if (property.Length > 0)
        {
            var fromProperty = Requested.Parse(property);
            if (fromProperty == null)
            {
                diagnostics.Add(DiagnosticCatalog.PackageManagerPropertyInvalid.Create(SettingsResolver.PropertyLocation(inputs, PropertyName), property));
                return null;
            }

            // pnpm alone keeps packageManager's pnpm version; pnpm@x.y.z or another manager replaces it.
            requested = fromProperty.Version == null && fromPackageJson?.Name == fromProperty.Name ? fromPackageJson : fromProperty;
        }

        var name = requested?.Name ?? FromLockfile(root);
        var kind = name switch
        {
            "pnpm" => PackageManagerKind.Pnpm,
            "bun" => PackageManagerKind.Bun,
            "npm" => PackageManagerKind.Npm,
            _ => IsBerry(requested?.Version, root) ? PackageManagerKind.YarnBerry : PackageManagerKind.YarnClassic,
        };

        var hasLockfile = Lockfiles.Any(l => root.Has(l.File) && SameFamily(l.Kind, kind));
        if (kind == PackageManagerKind.Npm)
        {
            // npm comes with setup-node (upgraded to 11.5.1+ when needed): packageManager's npm version is not installed.
            return new PackageManager(kind, null, false, root.Directory, hasLockfile);
        }

        if (requested?.Version != null)
        {
            return new PackageManager(kind, requested.Version, true, root.Directory, hasLockfile);
        }

        var manager = new PackageManager(kind, DefaultVersion(kind), false, root.Directory, hasLockfile);
        var rootPath = root == folders[0] ? inputs.PackageJsonPath : root.PackageJsonPath;
        diagnostics.Add(DiagnosticCatalog.PackageManagerVersionNotPinned.Create(rootPath, 1, 1, manager.DisplayName, manager.Version, manager.Command, root.Directory.Length == 0 ? "package.json" : root.Directory + "/package.json"));
        return manager;
    }

    /// <summary>
    /// TPB037: a workspace: or catalog: range in a dependency field of a package that npm or Yarn classic would pack.
    /// Neither rewrites them, so the published package.json would keep them and nobody could install it.
    /// </summary>
    public static void CheckUnresolvedRanges(TrustedPublishInputs inputs, PackageJsonDocument packageJson, PackageManager manager, List<Diagnostic> diagnostics)
    {
        if (manager.Kind is not (PackageManagerKind.Npm or PackageManagerKind.YarnClassic))
        {
            return;
        }

        foreach (var field in new[] { "dependencies", "optionalDependencies", "peerDependencies" })
        {
            if (packageJson.Root.Get(field) is not { IsObject: true } dependencies)
            {
                continue;
            }

            foreach (var member in dependencies.Members)
            {
                var range = member.Value.IsString ? member.Value.Text ?? "" : "";
                if (range.StartsWith("workspace:", StringComparison.Ordinal) || range.StartsWith("catalog:", StringComparison.Ordinal))
                {
                    var (line, column) = packageJson.Locate(member.NameStart);
                    diagnostics.Add(DiagnosticCatalog.UnresolvedDependencyRange.Create(inputs.PackageJsonPath, line, column, member.Name, range, field, manager.DisplayName));
                    return;
                }
            }
        }
    }

    /// <summary>The nearest folder with a lockfile (above the package folder only a declared workspace root), else the nearest declared workspace root, else the package folder.</summary>
    private static PackageManagerFolder WorkspaceRoot(IReadOnlyList<PackageManagerFolder> folders)
    {
        for (var i = 0; i < folders.Count; i++)
        {
            if (Lockfiles.Any(l => folders[i].Has(l.File)) && (i == 0 || DeclaresWorkspaces(folders[i])))
            {
                return folders[i];
            }
        }

        return folders.Skip(1).FirstOrDefault(DeclaresWorkspaces) ?? folders[0];
    }

    private static bool DeclaresWorkspaces(PackageManagerFolder folder) =>
        folder.Has("pnpm-workspace.yaml") || Parse(folder.PackageJson)?.Root.Find("workspaces") != null;

    private static (string? Value, string File, PackageJsonDocument? Document) Declared(PackageJsonDocument packageJson, string packageJsonPath, PackageManagerFolder packageFolder, PackageJsonDocument? rootJson, PackageManagerFolder root)
    {
        if (packageJson.Root.Find("packageManager") != null)
        {
            return (packageJson.Root.GetString("packageManager") ?? "", packageJsonPath, packageJson);
        }

        if (root != packageFolder && rootJson?.Root.Find("packageManager") != null)
        {
            return (rootJson.Root.GetString("packageManager") ?? "", root.PackageJsonPath, rootJson);
        }

        return (null, packageJsonPath, null);
    }

    private static string FromLockfile(PackageManagerFolder root)
    {
        foreach (var (file, kind) in Lockfiles)
        {
            if (root.Has(file))
            {
                return kind switch { PackageManagerKind.Pnpm => "pnpm", PackageManagerKind.Bun => "bun", PackageManagerKind.Npm => "npm", _ => "yarn" };
            }
        }

        return root.Has("pnpm-workspace.yaml") ? "pnpm" : "npm";
    }

    /// <summary>Yarn 2 and later, by the version when known (1.x is classic), else by Berry's settings file .yarnrc.yml.</summary>
    private static bool IsBerry(string? version, PackageManagerFolder root) =>
        version != null ? !version.StartsWith("1.", StringComparison.Ordinal) : root.Has(".yarnrc.yml");

    private static bool SameFamily(PackageManagerKind lockfile, PackageManagerKind kind) =>
        lockfile == kind || (lockfile == PackageManagerKind.YarnClassic && kind == PackageManagerKind.YarnBerry);

    private static PackageJsonDocument? Parse(byte[]? bytes)
    {
        if (bytes == null)
        {
            return null;
        }

        var result = PackageJsonDocument.Parse(bytes);
        return result.Succeeded ? result.Document : null;
    }

    /// <summary>A manager name and an optional exact version: `pnpm`, `pnpm@10.18.3`, corepack's `pnpm@10.18.3+sha512.…`.</summary>
    private sealed class Requested
    {
        private Requested(string name, string? version)
        {
            Name = name;
            Version = version;
        }

        public string Name { get; }

        public string? Version { get; }

        /// <summary>Null when it is not a manager this package sets up, or the version is not exact (a range or a tag would float).</summary>
        public static Requested? Parse(string text)
        {
            var at = text.IndexOf('@');
            var name = at < 0 ? text : text.Substring(0, at);
            if (name is not ("npm" or "pnpm" or "yarn" or "bun"))
            {
                return null;
            }

            if (at < 0)
            {
                return new Requested(name, null);
            }

            // corepack's integrity suffix (+sha512.…) checks the download; the version before it is what npm installs.
            var version = text.Substring(at + 1);
            var plus = version.IndexOf('+');
            version = plus >= 0 ? version.Substring(0, plus) : version;
            var exact = version.Length > 0 && version[0] >= '0' && version[0] <= '9' && SemanticVersion.IsValid(version);
            return exact ? new Requested(name, version) : null;
        }
    }
}
