using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Model;

/// <summary>
/// Turns the properties of a project that publishes to nuget.org (TrustedPublishNuGetUser) into <see cref="NuGetSettings"/>,
/// reporting every bad value at once, each at its property's line. The settings the npm workflow has too (owner,
/// repository, environment, tag pattern, runner, pins) go through <see cref="SettingsResolver"/>'s own checks, so they
/// are judged the same way and reported under the same codes.
/// </summary>
internal static class NuGetSettingsResolver
{
    public const string DefaultWorkflowFile = "publish-nuget.yml";

    /// <summary>The SDK when the repository has no global.json: the current LTS band, newest patch.</summary>

    public static NuGetSettings? Resolve(TrustedPublishInputs inputs, List<Diagnostic> diagnostics)
    {
        var errorsBefore = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        SourceSpan At(string property) => SettingsResolver.PropertyLocation(inputs, property);
        if (!SettingsResolver.CheckBlanks(inputs, diagnostics))
        {
            return null;
        }

        var settings = new NuGetSettings.Draft { ProjectPath = inputs.ProjectPath, UseGlobalJson = inputs.HasGlobalJson };

        // dotnet pack makes nothing of a project with IsPackable false (test projects set it): there would be nothing to push.
        if (string.Equals(inputs.IsPackable.Trim(), "false", System.StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(DiagnosticCatalog.NuGetProjectNotPackable.Create(At("TrustedPublishNuGetUser"), inputs.IsPackable));
        }

        DotNetSdk.CheckProjectPath(inputs, "TrustedPublishNuGetUser", diagnostics);

        settings.User = inputs.NuGetUser;
        if (NameRules.CheckNuGetUser(inputs.NuGetUser) is string userError)
        {
            diagnostics.Add(DiagnosticCatalog.NuGetUserInvalid.Create(At("TrustedPublishNuGetUser"), inputs.NuGetUser, userError));
        }

        settings.PackageId = inputs.PackageId;
        if (NameRules.CheckNuGetPackageId(inputs.PackageId) is string idError)
        {
            diagnostics.Add(DiagnosticCatalog.NuGetPackageIdInvalid.Create(At("PackageId"), inputs.PackageId, idError));
        }

        settings.WorkflowFile = SettingsResolver.Default(inputs.NuGetWorkflowFile, DefaultWorkflowFile);
        if (NameRules.CheckWorkflowFile(settings.WorkflowFile) is string workflowError)
        {
            diagnostics.Add(DiagnosticCatalog.NuGetWorkflowFileInvalid.Create(At("TrustedPublishNuGetWorkflowFile"), settings.WorkflowFile, workflowError));
        }
        else if (inputs.PackageJson.Length > 0 && settings.WorkflowFile == SettingsResolver.Default(inputs.WorkflowFile, SettingsResolver.DefaultWorkflowFile))
        {
            // Only a project that also publishes to npm has the other workflow (PackageJson is read only then).
            diagnostics.Add(DiagnosticCatalog.NuGetWorkflowFileTaken.Create(At("TrustedPublishNuGetWorkflowFile"), settings.WorkflowFile));
        }

        if (DotNetSdk.Version(inputs, diagnostics) is string dotNetVersion)
        {
            settings.DotNetVersion = dotNetVersion;
        }

        if (inputs.NuGetTestProject.Length > 0)
        {
            if (NameRules.CheckRelativeProjectPath(inputs.NuGetTestProject) is string testError)
            {
                diagnostics.Add(DiagnosticCatalog.NuGetTestProjectInvalid.Create(At("TrustedPublishNuGetTestProject"), inputs.NuGetTestProject, testError));
            }

            settings.TestProject = inputs.NuGetTestProject;
        }

        // The same meaning, the same checks and codes as for the npm workflow.
        settings.Repository = SettingsResolver.ResolveRepository(inputs, diagnostics);
        settings.Environment = SettingsResolver.ResolveEnvironment(inputs, diagnostics);
        settings.TagPattern = SettingsResolver.ResolveTagPattern(inputs, diagnostics);
        settings.Trigger = SettingsResolver.ResolveTrigger(inputs, diagnostics);
        settings.RunsOn = SettingsResolver.ResolveRunsOn(inputs, diagnostics);
        settings.PinActions = SettingsResolver.Boolean(inputs, "TrustedPublishPinActions", inputs.PinActions, true, diagnostics);
        settings.ReplaceWorkflow = SettingsResolver.Boolean(inputs, "TrustedPublishReplaceWorkflow", inputs.ReplaceWorkflow, false, diagnostics);
        settings.Pins = SettingsResolver.ResolvePins(inputs, settings.PinActions, settings.WorkflowFile, diagnostics);

        return diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error) == errorsBefore ? settings.Build() : null;
    }
}
