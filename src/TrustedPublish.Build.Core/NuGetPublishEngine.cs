using System.Collections.Generic;
using System.Linq;
using System.Text;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.Rules;
using TrustedPublish.Build.Workflow;

namespace TrustedPublish.Build;

/// <summary>
/// Publishing to nuget.org as one pure function, beside <see cref="TrustedPublishEngine"/>: inputs in, the NuGet
/// workflow's text and diagnostics out. A project that also has a package.json runs both; the task decides what to write.
/// </summary>
internal static class NuGetPublishEngine
{
    /// <summary>Settings and workflow text; the rules over the other workflows run too for a project without package.json.</summary>
    public static NuGetPublishResult Generate(TrustedPublishInputs inputs, bool runRules)
    {
        var diagnostics = new List<Diagnostic>();
        var settings = NuGetSettingsResolver.Resolve(inputs, diagnostics);
        if (settings == null)
        {
            return new NuGetPublishResult(diagnostics, null, null);
        }

        var workflow = NuGetWorkflowGenerator.Generate(settings);
        if (runRules)
        {
            // The generated workflow passes every check by construction (a test checks it), so it is not read again. As for
            // npm, what is wrong in a workflow this package does not write is a warning in a build, an error in the doctor.
            var others = inputs.Workflows.Where(w => w.RelativePath != settings.WorkflowPath).ToList();
            var findings = RuleRunner.Run(RuleContext.ForNuGetOnly(inputs.ProjectPath, settings.Repository, others));
            diagnostics.AddRange(findings.Select(d => d.AsWarning()));
        }

        return new NuGetPublishResult(diagnostics, settings, workflow);
    }

    /// <summary>The checks alone, for a project without package.json (TrustedPublishDoctor, and builds with generation off).</summary>
    public static IReadOnlyList<Diagnostic> Diagnose(TrustedPublishInputs inputs)
    {
        var diagnostics = new List<Diagnostic>();
        if (!SettingsResolver.CheckBlanks(inputs, diagnostics))
        {
            return diagnostics;
        }

        // A project that publishes to nuget.org gets its settings checked as a build would (TPB050-TPB057 included);
        // the workflow checks then run when they are valid, as the npm doctor's do.
        var repository = inputs.PublishesToNuGet
            ? NuGetSettingsResolver.Resolve(inputs, diagnostics)?.Repository
            : SettingsResolver.ResolveRepository(inputs, diagnostics);
        if (repository != null && !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            diagnostics.AddRange(RuleRunner.Run(RuleContext.ForNuGetOnly(inputs.ProjectPath, repository, inputs.Workflows)));
        }

        return diagnostics;
    }

    /// <summary>The NuGet workflow as another project (the one named in the file's header) would write it with these settings.</summary>
    public static string RenderAs(NuGetSettings settings, string projectPath) =>
        NuGetWorkflowGenerator.Generate(settings.WithProjectPath(projectPath));

    /// <summary>What to enter in nuget.org's Trusted Publishing settings, printed once when the workflow is written.</summary>
    public static string Registration(NuGetSettings settings)
    {
        var builder = new StringBuilder();
        builder.AppendLine($"TrustedPublish.Build: add this trusted publishing policy on nuget.org, signed in as {settings.User} (account menu > Trusted Publishing > GitHub Actions), then Create:");
        builder.AppendLine($"  Repository owner: {settings.Repository.Owner}");
        builder.AppendLine($"  Repository:       {settings.Repository.Name}");
        builder.AppendLine($"  Workflow file:    {settings.WorkflowFile}");
        builder.AppendLine($"  Environment:      {settings.Environment ?? "(leave blank)"}");
        builder.AppendLine($"  The policy belongs to {settings.User} (NuGet/login's user in the workflow) and covers every package that owner owns, {settings.PackageId} included; nuget.org compares these values case-insensitively.");
        builder.Append("  A policy for a private repository gets a 7-day temporary activation first (nuget.org's Trusted Publishing page shows its state).");
        return builder.ToString();
    }
}

/// <summary>What <see cref="NuGetPublishEngine.Generate"/> worked out.</summary>
internal sealed class NuGetPublishResult
{
    public NuGetPublishResult(IReadOnlyList<Diagnostic> diagnostics, NuGetSettings? settings, string? workflow)
    {
        Diagnostics = diagnostics;
        Settings = settings;
        Workflow = workflow;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Null when an error stopped generation.</summary>
    public NuGetSettings? Settings { get; }

    /// <summary>The generated workflow text (LF line endings).</summary>
    public string? Workflow { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
