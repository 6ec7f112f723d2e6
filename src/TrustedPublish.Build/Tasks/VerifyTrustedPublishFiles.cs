using System.Linq;
using Microsoft.Build.Framework;
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

        // Never compare against a pair of files another build is halfway through writing.
        using var repositoryLock = AcquireRepositoryLock();
        if (repositoryLock == null)
        {
            return;
        }

        if (PublishesToNuGet)
        {
            VerifyNuGetWorkflow();
        }

        if (!PublishesToNpm)
        {
            return;
        }

        var generated = ReadAndGenerate(out var readMs, out var engineMs);
        if (generated == null)
        {
            return;
        }

        var workflowPath = generated.WorkflowPath;
        var display = Display(workflowPath);
        var drift = WorkflowDrift.Check(generated.Expected, generated.OnDisk, workflowPath, display);
        if (drift != null)
        {
            Report(drift);
            if (WorkflowDrift.Diff(generated.Expected, generated.OnDisk, display) is string diff)
            {
                Log.LogMessage(MessageImportance.High, diff);
            }
        }

        // Every listed package.json (or the project's one).
        var packageJsons = generated.Result.PackageJsonFiles;
        foreach (var file in packageJsons)
        {
            foreach (var diagnostic in PackageJsonDrift.Check(file.Patch, file.Path))
            {
                Report(diagnostic);
            }
        }

        LogCompared(clock, readMs, engineMs, display, string.Join(", ", packageJsons.Select(f => Display(f.Path))));
    }

    private void LogCompared(System.Diagnostics.Stopwatch clock, double readMs, double engineMs, string display, string packageJsons)
    {
        Log.LogMessage(MessageImportance.Low, $"TrustedPublish.Build: read {readMs:F1} ms, generate and check {engineMs:F1} ms, compare {clock.Elapsed.TotalMilliseconds - readMs - engineMs:F1} ms.");
        if (!Log.HasLoggedErrors)
        {
            Log.LogMessage(MessageImportance.Normal, $"TrustedPublish.Build: {display} and {packageJsons} match the settings.");
        }
    }

    /// <summary>The NuGet workflow on disk against what would be generated: TPB030 (TPB033 for a pin, TPB031 when missing) with the diff.</summary>
    private void VerifyNuGetWorkflow()
    {
        if (ReadAndGenerateNuGet() is not (NuGetPublishResult _, string path, string expected, var onDisk))
        {
            return;
        }

        var display = Display(path);
        var drift = WorkflowDrift.Check(expected, onDisk, path, display);
        if (drift == null)
        {
            Log.LogMessage(MessageImportance.Normal, $"TrustedPublish.Build: {display} matches the settings.");
            return;
        }

        Report(drift);
        if (WorkflowDrift.Diff(expected, onDisk, display) is string diff)
        {
            Log.LogMessage(MessageImportance.High, diff);
        }
    }
}
