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

        var result = Generate(inputs);
        if (result.Settings == null)
        {
            return result;
        }

        if (PackageJsonKeptElsewhere(inputs, result.Settings) is Diagnostic conflict)
        {
            // Writing would undo the other project's package.json, and its next build would undo this one.
            return new TrustedPublishResult(result.Diagnostics.Concat(new[] { conflict }).ToList(), result.Settings, null, null) { Document = result.Document };
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
        return new TrustedPublishResult(result.Diagnostics.Concat(findings).ToList(), result.Settings, result.Workflow, result.PackageJson) { Document = result.Document };
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

            var theirs = WorkflowGenerator.ReadPackageJsonLine(workflow.Text);
            if (theirs != null && theirs != ours && WorkflowGenerator.SamePackageJson(theirs, ours))
            {
                var file = settings.PackageDirectory.Length == 0 ? "package.json" : settings.PackageDirectory + "/package.json";
                return DiagnosticCatalog.PackageJsonKeptByTwoProjects.Create(inputs.PackageJsonPath, 1, 1, file, owner, inputs.ProjectPath, workflow.RelativePath, theirs, ours);
            }
        }

        return null;
    }

    /// <summary>The rules alone, over the files as they are (TrustedPublishDoctor, and builds with generation off). Writes nothing.</summary>
    public static TrustedPublishResult Diagnose(TrustedPublishInputs inputs)
    {
        var diagnostics = new List<Diagnostic>();
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

    private static PackageJsonDocument? Read(TrustedPublishInputs inputs, List<Diagnostic> diagnostics)
    {
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

        if (diagnostics.Count == 0 && PublishRefusal(document) is (string why, int offset))
        {
            var (line, column) = document.Locate(offset);
            diagnostics.Add(DiagnosticCatalog.PackageNotPublishable.Create(inputs.PackageJsonPath, line, column, why));
        }

        return diagnostics.Count > 0 ? null : document;
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
        var patch = PackageJsonPatcher.Patch(document, new PackageJsonTarget
        {
            Name = settings.ManagePackageName ? settings.PackageName : null,
            RepositoryUrl = settings.Repository.PackageJsonUrl,
            RepositoryDirectory = settings.PackageDirectory.Length > 0 ? settings.PackageDirectory : null,
            Access = settings.Access,
            Provenance = settings.Provenance,
        });

        return new TrustedPublishResult(diagnostics, settings, workflow, patch) { Document = document };
    }

    /// <summary>
    /// The workflow as another project (the one named in the file's header) would write it with these settings:
    /// several projects with the same settings agree on one file, whichever of them wrote it.
    /// </summary>
    public static string RenderAs(PublishSettings settings, string projectPath) =>
        WorkflowGenerator.Generate(settings.WithProjectPath(projectPath));

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

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
