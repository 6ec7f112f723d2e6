using System;
using System.IO;
using System.Text;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Verification;

namespace TrustedPublish.Build.Tasks;

/// <summary>
/// Fails when the workflow or the managed package.json fields differ from what would be generated.
/// Renders in memory and never writes anything: this is what CI runs.
/// </summary>
public sealed class VerifyTrustedPublishFiles : TrustedPublishTaskBase
{
    protected override void Run()
    {
        var inputs = ReadInputs();
        if (inputs == null)
        {
            return;
        }

        var result = TrustedPublishEngine.Run(inputs);
        foreach (var diagnostic in result.Diagnostics)
        {
            Report(diagnostic);
        }

        if (result.Settings == null || result.Workflow == null)
        {
            return;
        }

        var workflowPath = WorkflowPath(result.Settings);
        string? actual;
        try
        {
            actual = Directory.Exists(workflowPath) ? null : File.Exists(workflowPath) ? File.ReadAllText(workflowPath, Encoding.UTF8) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Report(DiagnosticCatalog.ReadFailed.Create(workflowPath, 0, 0, workflowPath, ex.Message));
            return;
        }

        var drift = WorkflowDrift.Check(result.Workflow!, actual, workflowPath, Display(workflowPath));
        if (drift != null)
        {
            Report(drift);
            var diff = WorkflowDrift.Diff(result.Workflow!, actual, Display(workflowPath));
            if (diff != null)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, diff);
            }
        }

        foreach (var diagnostic in PackageJsonDrift.Check(result.PackageJson!, PackageJsonPath))
        {
            Report(diagnostic);
        }

        if (!Log.HasLoggedErrors)
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, $"TrustedPublish.Build: {Display(workflowPath)} and {Display(PackageJsonPath)} match the settings.");
        }
    }
}
