using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.IO;

namespace TrustedPublish.Build.Tasks;

/// <summary>
/// Writes .github/workflows/&lt;file&gt; and patches package.json, each only when its content changes,
/// then prints what to enter in npm's Trusted Publisher settings once something was written.
/// </summary>
public sealed class GenerateTrustedPublishFiles : TrustedPublishTaskBase
{
    /// <summary>The files this run changed (empty on a no-op run).</summary>
    [Output]
    public ITaskItem[] WrittenFiles { get; private set; } = Array.Empty<ITaskItem>();

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

        // Rule findings about other files do not stop generation; only a failure to work out the settings does.
        if (result.Settings == null || result.Workflow == null)
        {
            return;
        }

        var workflow = ResolveWorkflow(result, inputs);
        if (workflow == null)
        {
            return;
        }

        // A checkout with CRLF line endings is not a change: only a real difference is written.
        var workflowPath = WorkflowPath(result.Settings);
        var (expected, onDisk) = workflow.Value;
        var writeWorkflow = onDisk == null || onDisk.Replace("\r\n", "\n") != expected;
        var writePackageJson = !result.PackageJson!.IsUpToDate;

        // Check every target before writing any, so a bad one never leaves the other half-updated.
        try
        {
            if (writeWorkflow)
            {
                AtomicFile.EnsureWritable(workflowPath);
            }

            if (writePackageJson)
            {
                AtomicFile.EnsureWritable(PackageJsonPath);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var failing = writeWorkflow && IsTheProblem(workflowPath) ? workflowPath : PackageJsonPath;
            Report(DiagnosticCatalog.WriteFailed.Create(failing, 1, 1, failing, ex.Message));
            return;
        }

        var written = new List<ITaskItem>();
        if (writeWorkflow && Write(workflowPath, Encoding.UTF8.GetBytes(expected)))
        {
            written.Add(new TaskItem(workflowPath));
        }

        if (writePackageJson && !Log.HasLoggedErrors && Write(PackageJsonPath, result.PackageJson.Bytes))
        {
            written.Add(new TaskItem(PackageJsonPath));
        }

        WrittenFiles = written.ToArray();
        Log.LogMessage(MessageImportance.Low, $"TrustedPublish.Build: read {readMs:F1} ms, generate and check {engineMs:F1} ms, write {clock.Elapsed.TotalMilliseconds - readMs - engineMs:F1} ms.");
        if (written.Count > 0)
        {
            foreach (var item in written)
            {
                Log.LogMessage(MessageImportance.High, $"TrustedPublish.Build: wrote {Display(item.ItemSpec)}");
            }

            Log.LogMessage(MessageImportance.High, TrustedPublishEngine.Registration(result.Settings));
        }
        else
        {
            Log.LogMessage(MessageImportance.Low, $"TrustedPublish.Build: {Display(workflowPath)} and {Display(PackageJsonPath)} are up to date.");
        }
    }

    private static bool IsTheProblem(string path)
    {
        try
        {
            AtomicFile.EnsureWritable(path);
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private bool Write(string path, byte[] content)
    {
        try
        {
            return AtomicFile.WriteIfChanged(path, content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Report(DiagnosticCatalog.WriteFailed.Create(path, 1, 1, path, ex.Message));
            return false;
        }
    }
}
