using System.Collections.Generic;
using System.Linq;
using System.Text;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.PackageJson;
using TrustedPublish.Build.Rules;
using TrustedPublish.Build.Workflow;

namespace TrustedPublish.Build;

/// <summary>
/// The whole job as one pure function, like a source generator: inputs in, file contents and
/// diagnostics out. Generate and verify both call this; only the task decides whether to write.
/// </summary>
internal static class TrustedPublishEngine
{
    public static TrustedPublishResult Run(TrustedPublishInputs inputs)
    {
        if (!inputs.GenerateEnabled)
        {
            return Diagnose(inputs);
        }

        if (inputs.ListsPackages)
        {
            return RunWorkspace(inputs);
        }

        var result = Generate(inputs);
        if (result.Settings == null)
        {
            return result;
        }

        if (PackageJsonKeptElsewhere(inputs, result.Settings) is Diagnostic conflict)
        {
            // Writing would undo the other project's package.json, and its next build would undo this one.
            return new TrustedPublishResult(result.Diagnostics.Concat(new[] { conflict }).ToList(), result.Settings, null, null) { Document = result.Document, PackageJsonPath = result.PackageJsonPath };
        }

        // The rules look at the other workflows: the generated one passes every rule by construction
        // (tests check it), so it is not parsed again, which keeps the build's first run cheap.
        // So does the NuGet workflow of a project that publishes to nuget.org too.
        var relative = result.Settings.WorkflowPath;
        var nuget = inputs.PublishesToNuGet ? ".github/workflows/" + SettingsResolver.Default(inputs.NuGetWorkflowFile, NuGetSettingsResolver.DefaultWorkflowFile) : null;
        var mayMatter = RuleContext.MayMatter(result.Document!, inputs.PublishesToNuGet);
        var workflows = inputs.Workflows.Where(w => w.RelativePath != relative && w.RelativePath != nuget && mayMatter(w)).ToList();
        if (workflows.Count == 0 && inputs.Npmrcs.Count == 0 && inputs.PackageFolder == null)
        {
            return result; // Nothing for the rules to read: no rule runs, nothing is parsed again.
        }

        // With generation on, the package.json rules do not run (the patch guarantees those fields), so the
        // document as read serves the rules; the patched bytes are not parsed again (the patch changes nothing npm packs).
        // A repository's existing workflows never break a developer's build before they choose to migrate: what is
        // wrong in a workflow this package does not generate is a warning here (an error in TrustedPublishDoctor and
        // with generation off). What makes the generated workflow itself fail (.npmrc) stays an error.
        var context = new RuleContext(result.Settings, result.Document!, inputs.PackageJsonPath, workflows, inputs.Npmrcs, handMaintained: false, checksNuGet: inputs.PublishesToNuGet) { PackageFolder = inputs.PackageFolder };
        var findings = RuleRunner.Run(context)
            .Select(d => workflows.Any(w => w.Path == d.File) ? d.AsWarning() : d)
            .ToList();
        return new TrustedPublishResult(result.Diagnostics.Concat(findings).ToList(), result.Settings, result.Workflow, result.PackageJson) { Document = result.Document, PackageJsonPath = result.PackageJsonPath };
    }

    /// <summary>
    /// TPB046: another existing project's generated workflow (under another file name) keeps the same package.json
    /// with other values. The same workflow file is the task's TPB042, since the header line differs there too.
    /// </summary>
    private static Diagnostic? PackageJsonKeptElsewhere(TrustedPublishInputs inputs, PublishSettings settings)
    {
        var ours = WorkflowGenerator.PackageJsonLine(settings);
        foreach (var workflow in inputs.Workflows)
        {
            var owner = WorkflowGenerator.ReadGeneratingProject(workflow.Text);
            if (workflow.RelativePath == settings.WorkflowPath || owner == null || owner == inputs.ProjectPath || !inputs.ExistingGeneratingProjects.Contains(owner))
            {
                continue;
            }

            // A workspace's workflow keeps one line per listed package; a single package's workflow keeps one.
            var listsPackages = WorkspaceWorkflowGenerator.IsWorkspaceWorkflow(workflow.Text);
            foreach (var theirs in WorkflowGenerator.ReadPackageJsonLines(workflow.Text))
            {
                if (!WorkflowGenerator.SamePackageJson(theirs, ours) || (theirs == ours && !listsPackages))
                {
                    continue;
                }

                var file = settings.PackageDirectory.Length == 0 ? "package.json" : settings.PackageDirectory + "/package.json";
                return theirs != ours
                    ? DiagnosticCatalog.PackageJsonKeptByTwoProjects.Create(inputs.PackageJsonPath, 1, 1, file, owner, inputs.ProjectPath, workflow.RelativePath, theirs, ours)
                    : DiagnosticCatalog.PackageListedByTwoProjects.Create(inputs.PackageJsonPath, 1, 1, file, owner, workflow.RelativePath, inputs.ProjectPath);
            }
        }

        return null;
    }

    /// <summary>The rules alone, over the files as they are (TrustedPublishDoctor, and builds with generation off). Writes nothing.</summary>
    public static TrustedPublishResult Diagnose(TrustedPublishInputs inputs)
    {
        var diagnostics = new List<Diagnostic>();
        if (inputs.ListsPackages)
        {
            // Every listed package is checked as a project of its own would be (the workflows are read once per package, each finding said once).
            var workspace = WorkspaceResolver.Resolve(inputs, diagnostics, forGeneration: false);
            foreach (var package in workspace?.Packages ?? new ListedPackage[0])
            {
                var packageContext = new RuleContext(package.Settings, package.Document, package.Inputs.PackageJsonPath, inputs.Workflows, NpmrcsOf(inputs, package), handMaintained: !inputs.GenerateEnabled, checksNuGet: true) { PackageFolder = package.Inputs.PackageFolder };
                diagnostics.AddRange(RuleRunner.Run(packageContext));
            }

            return new TrustedPublishResult(Distinct(diagnostics), workspace?.Workflow, null, null) { Workspace = workspace };
        }

        var document = Read(inputs, diagnostics);
        if (document == null)
        {
            return new TrustedPublishResult(diagnostics, null, null, null);
        }

        var settings = SettingsResolver.Resolve(inputs, document, diagnostics, forGeneration: false);
        if (settings != null)
        {
            // The doctor also reads workflows that push to nuget.org, whether or not this project publishes there.
            var context = new RuleContext(settings, document, inputs.PackageJsonPath, inputs.Workflows, inputs.Npmrcs, handMaintained: !inputs.GenerateEnabled, checksNuGet: true) { PackageFolder = inputs.PackageFolder };
            diagnostics.AddRange(RuleRunner.Run(context));
        }

        return new TrustedPublishResult(diagnostics, settings, null, null);
    }

    /// <summary>package.json parsed and checked for shape and for whether npm would publish it (TPB020, TPB021, TPB029); null with the errors added.</summary>
    internal static PackageJsonDocument? Read(TrustedPublishInputs inputs, List<Diagnostic> diagnostics)
    {
        // Only what this read finds counts: the list may already hold other findings (a workspace's warnings).
        var before = diagnostics.Count;
        var parse = PackageJsonDocument.Parse(inputs.PackageJson);
        if (!parse.Succeeded)
        {
            var descriptor = parse.IsWrongShape ? DiagnosticCatalog.PackageJsonWrongShape : DiagnosticCatalog.PackageJsonInvalid;
            diagnostics.Add(descriptor.Create(inputs.PackageJsonPath, parse.Line, parse.Column, parse.Error));
            return null;
        }

        var document = parse.Document!;
        foreach (var problem in PackageJsonPatcher.CheckShape(document))
        {
            diagnostics.Add(DiagnosticCatalog.PackageJsonWrongShape.Create(inputs.PackageJsonPath, problem.Line, problem.Column, problem.Message));
        }

        if (diagnostics.Count == before && PublishRefusal(document) is (string why, int offset))
        {
            var (line, column) = document.Locate(offset);
            diagnostics.Add(DiagnosticCatalog.PackageNotPublishable.Create(inputs.PackageJsonPath, line, column, why));
        }

        return diagnostics.Count > before ? null : document;
    }

    /// <summary>Why npm publish would refuse this package.json (and where), or null: "private" truthy, or no valid version.</summary>
    private static (string Why, int Offset)? PublishRefusal(PackageJsonDocument document)
    {
        // npm publish refuses any truthy "private" (lib/commands/publish.js), not only true.
        var isPrivate = document.Root.Find("private");
        if (isPrivate != null && PackageJsonDocument.IsTruthy(isPrivate.Value))
        {
            return ("is marked \"private\" (npm refuses to publish it; a workspace root usually is)", isPrivate.NameStart);
        }

        var version = document.Root.Find("version");
        if (version == null)
        {
            return ("has no \"version\"", 0);
        }

        return SemanticVersion.IsValid(version.Value.Text ?? "") ? null : ($"has \"version\": '{version.Value.Text}', which is not a semantic version such as 1.2.0", version.Value.Start);
    }

    /// <summary>Settings, workflow text and package.json patch, without the rules.</summary>
    public static TrustedPublishResult Generate(TrustedPublishInputs inputs)
    {
        var diagnostics = new List<Diagnostic>();
        var document = Read(inputs, diagnostics);
        if (document == null)
        {
            return new TrustedPublishResult(diagnostics, null, null, null);
        }

        var settings = SettingsResolver.Resolve(inputs, document, diagnostics);
        if (settings == null)
        {
            return new TrustedPublishResult(diagnostics, null, null, null);
        }

        var workflow = WorkflowGenerator.Generate(settings);
        var patch = Patch(document, settings);
        return new TrustedPublishResult(diagnostics, settings, workflow, patch) { Document = document, PackageJsonPath = inputs.PackageJsonPath };
    }

    /// <summary>What the build keeps in a package.json: name (when chosen), repository with its folder, access, provenance.</summary>
    private static PackageJsonPatch Patch(PackageJsonDocument document, PublishSettings settings) =>
        PackageJsonPatcher.Patch(document, new PackageJsonTarget
        {
            Name = settings.ManagePackageName ? settings.PackageName : null,
            RepositoryUrl = settings.Repository.PackageJsonUrl,
            RepositoryDirectory = settings.PackageDirectory.Length > 0 ? settings.PackageDirectory : null,
            Access = settings.Access,
            Provenance = settings.Provenance,
        });

    /// <summary>
    /// A project with TrustedPublishPackage items: one workflow for all listed packages, every listed package.json
    /// patched with its own folder, the rules run for each package, and the ownership checks over every package.json.
    /// </summary>
    private static TrustedPublishResult RunWorkspace(TrustedPublishInputs inputs)
    {
        var diagnostics = new List<Diagnostic>();
        var workspace = WorkspaceResolver.Resolve(inputs, diagnostics);
        if (workspace == null)
        {
            return new TrustedPublishResult(Distinct(diagnostics), null, null, null);
        }

        var settings = workspace.Workflow;
        var patches = workspace.Packages.Select(p => new PackageJsonFile(p.Inputs.PackageJsonPath, Patch(p.Document, p.Settings))).ToList();
        if (ListedElsewhere(inputs, workspace) is Diagnostic conflict)
        {
            diagnostics.Add(conflict);
            return new TrustedPublishResult(Distinct(diagnostics), settings, null, null) { Workspace = workspace };
        }

        var relative = settings.WorkflowPath;
        var nuget = inputs.PublishesToNuGet ? ".github/workflows/" + SettingsResolver.Default(inputs.NuGetWorkflowFile, NuGetSettingsResolver.DefaultWorkflowFile) : null;
        foreach (var package in workspace.Packages)
        {
            // As for one package: the generated workflow passes the rules by construction, and findings in a workflow this
            // package does not generate are warnings while generating.
            var mayMatter = RuleContext.MayMatter(package.Document, inputs.PublishesToNuGet);
            var workflows = inputs.Workflows.Where(w => w.RelativePath != relative && w.RelativePath != nuget && mayMatter(w)).ToList();
            var context = new RuleContext(package.Settings, package.Document, package.Inputs.PackageJsonPath, workflows, NpmrcsOf(inputs, package), handMaintained: false, checksNuGet: inputs.PublishesToNuGet) { PackageFolder = package.Inputs.PackageFolder };
            diagnostics.AddRange(RuleRunner.Run(context).Select(d => workflows.Any(w => w.Path == d.File) ? d.AsWarning() : d));
        }

        var workflow = WorkspaceWorkflowGenerator.Generate(workspace);
        return new TrustedPublishResult(Distinct(diagnostics), settings, workflow, patches[0].Patch) { Workspace = workspace, PackageJsonFiles = patches };
    }

    /// <summary>The repository's .npmrc and the listed package's own (the inputs hold the repository's and the project folder's).</summary>
    private static IReadOnlyList<RepositoryFile> NpmrcsOf(TrustedPublishInputs inputs, ListedPackage package)
    {
        var repositoryNpmrc = inputs.Npmrcs.Where(n => n.RelativePath == ".npmrc");
        return package.Item.Npmrc == null ? repositoryNpmrc.ToList() : repositoryNpmrc.Concat(new[] { package.Item.Npmrc }).ToList();
    }

    /// <summary>Each finding once: the project's settings are resolved once per listed package, and their findings are the same each time.</summary>
    private static IReadOnlyList<Diagnostic> Distinct(List<Diagnostic> diagnostics) =>
        diagnostics.GroupBy(d => (d.Code, d.File, d.Line, d.Column, d.Message)).Select(g => g.First()).ToList();

    /// <summary>
    /// TPB046 or TPB107: another existing project's generated workflow (under another file name) keeps one of the listed
    /// package.json files. With other values it is TPB046, as for one package; with the same values it is still two
    /// workflows publishing one package, of which npm trusts one (TPB107).
    /// </summary>
    private static Diagnostic? ListedElsewhere(TrustedPublishInputs inputs, WorkspaceSettings workspace)
    {
        foreach (var workflow in inputs.Workflows)
        {
            var owner = WorkflowGenerator.ReadGeneratingProject(workflow.Text);
            if (workflow.RelativePath == workspace.Workflow.WorkflowPath || owner == null || owner == inputs.ProjectPath || !inputs.ExistingGeneratingProjects.Contains(owner))
            {
                continue;
            }

            foreach (var theirs in WorkflowGenerator.ReadPackageJsonLines(workflow.Text))
            {
                foreach (var package in workspace.Packages)
                {
                    var ours = WorkflowGenerator.PackageJsonLine(package.Settings);
                    if (!WorkflowGenerator.SamePackageJson(theirs, ours))
                    {
                        continue;
                    }

                    var file = package.Settings.PackageDirectory.Length == 0 ? "package.json" : package.Settings.PackageDirectory + "/package.json";
                    return theirs != ours
                        ? DiagnosticCatalog.PackageJsonKeptByTwoProjects.Create(package.Inputs.PackageJsonPath, 1, 1, file, owner, inputs.ProjectPath, workflow.RelativePath, theirs, ours)
                        : DiagnosticCatalog.PackageListedByTwoProjects.Create(WorkspaceResolver.Location(inputs, package.Item, 0), file, owner, workflow.RelativePath, inputs.ProjectPath);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The workflow as another project (the one named in the file's header) would write it with these settings:
    /// several projects with the same settings agree on one file, whichever of them wrote it.
    /// </summary>
    public static string RenderAs(PublishSettings settings, string projectPath) =>
        WorkflowGenerator.Generate(settings.WithProjectPath(projectPath));

    /// <summary><see cref="RenderAs(PublishSettings, string)"/> for a result: a workspace's workflow for a project with items.</summary>
    public static string RenderAs(TrustedPublishResult result, string projectPath) =>
        result.Workspace != null ? WorkspaceWorkflowGenerator.Generate(result.Workspace.WithProjectPath(projectPath)) : RenderAs(result.Settings!, projectPath);

    /// <summary>
    /// What to enter on npm for a result: one block per listed package (the same workflow file, each package its own
    /// trusted publisher), then the `npm trust github` commands for all of them together, for a project with items.
    /// </summary>
    public static string Registration(TrustedPublishResult result)
    {
        if (result.Workspace == null)
        {
            return Registration(result.Settings!);
        }

        var packages = result.Workspace.Packages.Select(p => p.Settings).ToList();
        var builder = new StringBuilder();
        builder.AppendLine($"TrustedPublish.Build: {packages.Count} packages publish from .github/workflows/{packages[0].WorkflowFile}; each needs its own trusted publisher on npm, with the same values.");
        foreach (var package in packages)
        {
            builder.AppendLine(Registration(package));
        }

        var settings = packages[0];
        var environment = settings.Environment == null ? "" : $" --env \"{settings.Environment}\"";
        builder.Append("TrustedPublish.Build: or all at once, with npm 11.15.0 or newer and 2FA:");
        foreach (var package in packages)
        {
            builder.AppendLine().Append($"  npm trust github {package.PackageName} --file {settings.WorkflowFile} --repo {settings.Repository}{environment} --allow-publish");
        }

        return builder.ToString();
    }

    /// <summary>What to enter in npm's Trusted Publisher settings, and the equivalent command.</summary>
    public static string Registration(PublishSettings settings)
    {
        var name = settings.PackageName;
        var builder = new StringBuilder();
        builder.AppendLine($"TrustedPublish.Build: add this trusted publisher to {name} at https://www.npmjs.com/package/{name}/access (Trusted Publisher > GitHub Actions), then Save changes:");
        builder.AppendLine($"  Organization or user: {settings.Repository.Owner}");
        builder.AppendLine($"  Repository:           {settings.Repository.Name}");
        builder.AppendLine($"  Workflow filename:    {settings.WorkflowFile}");
        builder.AppendLine($"  Environment name:     {settings.Environment ?? "(leave blank)"}");
        var environment = settings.Environment == null ? "" : $" --env \"{settings.Environment}\"";
        builder.AppendLine($"  or, with npm 11.15.0 or newer and 2FA: npm trust github {name} --file {settings.WorkflowFile} --repo {settings.Repository}{environment} --allow-publish");
        if (settings.Provenance)
        {
            builder.AppendLine("  package.json forces provenance (publishConfig.provenance: true): fine for a public repository; a private one fails with E422, so set TrustedPublishProvenance=false there.");
        }

        var access = settings.IsScoped && settings.Access == "public" ? " --access public" : "";
        builder.Append($"  A package that is not on npm yet must be published once by hand (npm publish{access}) before a trusted publisher can be added.");
        return builder.ToString();
    }
}

/// <summary>What <see cref="TrustedPublishEngine.Run"/> worked out.</summary>
internal sealed class TrustedPublishResult
{
    public TrustedPublishResult(IReadOnlyList<Diagnostic> diagnostics, PublishSettings? settings, string? workflow, PackageJsonPatch? packageJson)
    {
        Diagnostics = diagnostics;
        Settings = settings;
        Workflow = workflow;
        PackageJson = packageJson;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Null when an error stopped generation.</summary>
    public PublishSettings? Settings { get; }

    /// <summary>The generated workflow text (LF line endings).</summary>
    public string? Workflow { get; }

    public PackageJsonPatch? PackageJson { get; }

    /// <summary>package.json as read (before the patch), for the rules.</summary>
    internal PackageJsonDocument? Document { get; set; }

    /// <summary>The listed packages, for a project with TrustedPublishPackage items; null for a project that is one package.</summary>
    internal WorkspaceSettings? Workspace { get; set; }

    /// <summary>Where the one package.json of a project without items is (the one <see cref="PackageJson"/> patches).</summary>
    internal string PackageJsonPath { get; set; } = "package.json";

    private IReadOnlyList<PackageJsonFile>? _packageJsonFiles;

    /// <summary>Every package.json this result keeps, with its full path and its patch: the listed packages', or the project's one.</summary>
    internal IReadOnlyList<PackageJsonFile> PackageJsonFiles
    {
        get => _packageJsonFiles ?? (PackageJson == null ? new PackageJsonFile[0] : new[] { new PackageJsonFile(PackageJsonPath, PackageJson) });
        set => _packageJsonFiles = value;
    }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>One package.json the build keeps: its full path and the patch that makes it right.</summary>
internal sealed class PackageJsonFile
{
    public PackageJsonFile(string path, PackageJsonPatch patch)
    {
        Path = path;
        Patch = patch;
    }

    public string Path { get; }

    public PackageJsonPatch Patch { get; }
}
