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
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var inputs = ReadInputs();
        var readMs = clock.Elapsed.TotalMilliseconds;
        if (inputs == null)
        {
            return;
        }

        var result = TrustedPublishEngine.Run(inputs);
        var engineMs = clock.Elapsed.TotalMilliseconds - readMs;
        foreach (var diagnostic in result.Diagnostics)
        {
            Report(diagnostic);
        }

        if (result.Settings == null || result.Workflow == null)
        {
            return;
        }

        var workflowPath = WorkflowPath(result.Settings);
        var workflow = ResolveWorkflow(result, inputs);
        if (workflow == null)
        {
            return;
        }

        var (expected, actual) = workflow.Value;
        var drift = WorkflowDrift.Check(expected, actual, workflowPath, Display(workflowPath));
        if (drift != null)
        {
            Report(drift);
            var diff = WorkflowDrift.Diff(expected, actual, Display(workflowPath));
            if (diff != null)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, diff);
            }
        }

        foreach (var diagnostic in PackageJsonDrift.Check(result.PackageJson!, PackageJsonPath))
        {
            Report(diagnostic);
        }

        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"TrustedPublish.Build: read {readMs:F1} ms, generate and check {engineMs:F1} ms, compare {clock.Elapsed.TotalMilliseconds - readMs - engineMs:F1} ms.");
        if (!Log.HasLoggedErrors)
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, $"TrustedPublish.Build: {Display(workflowPath)} and {Display(PackageJsonPath)} match the settings.");
        }
    }
}
