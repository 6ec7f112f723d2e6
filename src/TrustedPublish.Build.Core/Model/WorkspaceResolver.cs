using System;
using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.PackageJson;

namespace TrustedPublish.Build.Model;

/// <summary>
/// Turns a project's TrustedPublishPackage items into <see cref="WorkspaceSettings"/>: each item checked at its line
/// (TPB100-TPB103), each package's settings resolved as a project of its own would resolve them (every TPB rule for
/// names, access, package manager and workspace: ranges holds per package), then the checks that need all of them:
/// one install for all (TPB104) and an order that publishes dependencies first (TPB105).
/// </summary>
internal static class WorkspaceResolver
{
    public const string ItemType = "TrustedPublishPackage";

    /// <param name="inputs">The project's inputs, with its items and what the task found for each.</param>
    /// <param name="diagnostics">Where every finding goes.</param>
    /// <param name="forGeneration">False for the doctor, as in <see cref="SettingsResolver.Resolve"/>: what only the generated workflow needs is not reported.</param>
    public static WorkspaceSettings? Resolve(TrustedPublishInputs inputs, List<Diagnostic> diagnostics, bool forGeneration = true)
    {
        var errorsBefore = ErrorCount(diagnostics);

        // With items each package is its own folder and name: these two would silently do nothing (TPB108).
        foreach (var (property, value, metadata) in new[] { ("TrustedPublishPackageName", inputs.PackageName, "PackageName metadata"), ("TrustedPublishPackageDirectory", inputs.PackageDirectoryProperty, "Include") })
        {
            if (value.Length > 0)
            {
                diagnostics.Add(DiagnosticCatalog.PropertyIgnoredWithPackageItems.Create(SettingsResolver.PropertyLocation(inputs, property), property, value, metadata));
            }
        }

        var found = new List<ListedPackage>();
        var seen = new Dictionary<string, PackageItem>(StringComparer.Ordinal);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in inputs.Packages)
        {
            occurrences[item.Include] = occurrences.TryGetValue(item.Include, out var count) ? count + 1 : 0;
            var at = Location(inputs, item, occurrences[item.Include]);
            if (CheckItem(inputs, item, at, seen, diagnostics) && ResolvePackage(inputs, item, diagnostics, forGeneration) is { } package)
            {
                found.Add(package);
            }
        }

        if (ErrorCount(diagnostics) > errorsBefore || found.Count == 0)
        {
            return null;
        }

        if (!ShareOneInstall(inputs, found, diagnostics, forGeneration))
        {
            return null;
        }

        var order = PublishOrder.Sort(found.Select(AsNode).ToList(), out var cycle);
        if (order == null)
        {
            var names = string.Join(" -> ", cycle.Select(i => $"{found[i].Settings.PackageName} ({Folder(found[i].Settings.PackageDirectory)})"));
            diagnostics.Add(DiagnosticCatalog.PackageDependencyCycle.Create(Location(inputs, found[cycle[0]].Item, 0), names));
            return null;
        }

        var ordered = order.Select(i => found[i]).ToList();
        return new WorkspaceSettings(ordered, RootCheckScripts(inputs, ordered[0]));
    }

    /// <summary>TPB100-TPB103 for one item; true when it names a package folder that can be resolved.</summary>
    private static bool CheckItem(TrustedPublishInputs inputs, PackageItem item, SourceSpan at, Dictionary<string, PackageItem> seen, List<Diagnostic> diagnostics)
    {
        if (item.Directory == null)
        {
            diagnostics.Add(DiagnosticCatalog.PackageItemOutsideRepository.Create(at, item.Include, item.FullDirectory, inputs.RepositoryRoot));
            return false;
        }

        if (item.PackageJson == null)
        {
            var why = item.FolderExists ? "holds no package.json" : "does not exist";
            diagnostics.Add(DiagnosticCatalog.PackageItemFolderMissing.Create(at, item.Include, item.FullDirectory, why));
            return false;
        }

        if (seen.TryGetValue(item.Directory, out var first))
        {
            diagnostics.Add(DiagnosticCatalog.PackageItemListedTwice.Create(at, item.Include, Folder(item.Directory), first.Include));
            return false;
        }

        seen[item.Directory] = item;
        var valid = true;
        if (item.PackageName.Length > 0 && NameRules.CheckPackageName(item.PackageName) is string nameError)
        {
            diagnostics.Add(DiagnosticCatalog.PackageItemMetadataInvalid.Create(at, item.Include, $"PackageName '{item.PackageName}', which is not a valid npm package name: {nameError}"));
            valid = false;
        }

        if (item.Access.Length > 0 && item.Access is not ("public" or "restricted"))
        {
            diagnostics.Add(DiagnosticCatalog.PackageItemMetadataInvalid.Create(at, item.Include, $"Access '{item.Access}', which is neither 'public' nor 'restricted'"));
            valid = false;
        }

        return valid;
    }

    /// <summary>One package's settings, resolved from the project's inputs with its folder, package.json and metadata.</summary>
    private static ListedPackage? ResolvePackage(TrustedPublishInputs inputs, PackageItem item, List<Diagnostic> diagnostics, bool forGeneration)
    {
        var packageInputs = inputs.ForPackage(item);
        var document = TrustedPublishEngine.Read(packageInputs, diagnostics);
        if (document == null)
        {
            return null;
        }

        var settings = SettingsResolver.Resolve(packageInputs, document, diagnostics, forGeneration);
        return settings == null ? null : new ListedPackage(item, packageInputs, document, settings);
    }

    /// <summary>TPB104: one workflow installs once, so every listed package must install at one workspace root with one manager.</summary>
    private static bool ShareOneInstall(TrustedPublishInputs inputs, List<ListedPackage> packages, List<Diagnostic> diagnostics, bool forGeneration)
    {
        var first = packages[0].Settings.PackageManager;
        if (!forGeneration || packages.All(p => p.Settings.PackageManager.SameInstallAs(first)))
        {
            return true;
        }

        var different = packages.First(p => !p.Settings.PackageManager.SameInstallAs(first));
        var listing = string.Join("; ", packages.Select(p => $"{Folder(p.Settings.PackageDirectory)}: {p.Settings.PackageManager.Describe()}"));
        diagnostics.Add(DiagnosticCatalog.PackagesDoNotShareWorkspace.Create(Location(inputs, different.Item, 0), listing));
        return false;
    }

    private static PublishOrder.Node AsNode(ListedPackage package)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { package.Settings.PackageName };
        if (package.Document.Name is string own)
        {
            names.Add(own);
        }

        var dependsOn = new List<string>();
        foreach (var field in PublishOrder.OrderingFields)
        {
            if (package.Document.Root.Get(field) is { IsObject: true } dependencies)
            {
                dependsOn.AddRange(dependencies.Members.Select(m => m.Name));
            }
        }

        return new PublishOrder.Node(names, package.Settings.PackageDirectory, dependsOn);
    }

    /// <summary>
    /// The workspace root's check scripts, which run once there before anything is packed: in a workspace the packages
    /// are usually built and tested from the root (tsc --build, turbo run build, pnpm -r build) and their own scripts are
    /// empty, so running only theirs would publish unbuilt packages. TrustedPublishCheckScripts names the root's scripts.
    /// </summary>
    private static IReadOnlyList<string> RootCheckScripts(TrustedPublishInputs inputs, ListedPackage any)
    {
        var root = any.Settings.PackageManager.WorkspaceDirectory;
        var folder = any.Item.PackageManagerFolders.FirstOrDefault(f => f.Directory == root);
        var bytes = folder?.PackageJson;
        if (bytes == null)
        {
            return Array.Empty<string>();
        }

        var parsed = PackageJsonDocument.Parse(bytes);
        if (!parsed.Succeeded)
        {
            return Array.Empty<string>();
        }

        var document = parsed.Document!;
        if (inputs.CheckScripts.Length == 0)
        {
            return CheckScripts.Default(document);
        }

        // Names were checked (TPB016) when each package was resolved; here only the ones the root has are kept.
        var scripts = document.ScriptNames;
        return inputs.CheckScripts.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim())
            .Where(s => s.Length > 0 && s.Length <= 100 && Text.Chars.OnlyLettersDigitsAnd(s, "._:-") && scripts.Contains(s)).Distinct().ToList();
    }

    /// <summary>Where an item is written: its line in the project, or in the imported file that defines it.</summary>
    internal static SourceSpan Location(TrustedPublishInputs inputs, PackageItem item, int occurrence) =>
        item.File == null
            ? ProjectFileLocator.FindItem(inputs.ProjectFile, inputs.ProjectFileText, ItemType, item.Include, occurrence)
            : ProjectFileLocator.FindItem(item.File, item.FileText, ItemType, item.Include, occurrence);

    /// <summary>A folder relative to the repository root as messages show it.</summary>
    internal static string Folder(string directory) => directory.Length == 0 ? "(the repository root)" : directory;

    private static int ErrorCount(List<Diagnostic> diagnostics) => diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
}
