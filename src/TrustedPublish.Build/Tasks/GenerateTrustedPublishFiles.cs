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
        var generated = ReadAndGenerate(out var readMs, out var engineMs);
        if (generated == null)
        {
            return;
        }

        // A checkout with CRLF line endings is not a change: only a real difference is written.
        var workflowPath = generated.WorkflowPath;
        var packageJson = generated.Result.PackageJson!;
        var targets = new List<(string Path, byte[] Content)>();
        if (generated.OnDisk == null || generated.OnDisk.Replace("\r\n", "\n") != generated.Expected)
        {
            targets.Add((workflowPath, Encoding.UTF8.GetBytes(generated.Expected)));
        }

        if (!packageJson.IsUpToDate)
        {
            targets.Add((PackageJsonPath, packageJson.Bytes));
        }

        // Check every target before writing any, so a bad one never leaves the other half-updated.
        foreach (var target in targets)
        {
            try
            {
                AtomicFile.EnsureWritable(target.Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Report(DiagnosticCatalog.WriteFailed.Create(target.Path, 1, 1, target.Path, ex.Message));
                return;
            }
        }

        var written = new List<ITaskItem>();
        foreach (var target in targets)
        {
            var changed = Write(target.Path, target.Content);
            if (changed == null)
            {
                break; // The error is reported; the files not yet written stay as they were.
            }

            if (changed.Value)
            {
                written.Add(new TaskItem(target.Path));
            }
        }

        WrittenFiles = written.ToArray();
        Log.LogMessage(MessageImportance.Low, $"TrustedPublish.Build: read {readMs:F1} ms, generate and check {engineMs:F1} ms, write {clock.Elapsed.TotalMilliseconds - readMs - engineMs:F1} ms.");
        if (written.Count > 0)
        {
            foreach (var item in written)
            {
                Log.LogMessage(MessageImportance.High, $"TrustedPublish.Build: wrote {Display(item.ItemSpec)}");
            }

            Log.LogMessage(MessageImportance.High, TrustedPublishEngine.Registration(generated.Settings));
        }
        else
        {
            Log.LogMessage(MessageImportance.Low, $"TrustedPublish.Build: {Display(workflowPath)} and {Display(PackageJsonPath)} are up to date.");
        }
    }

    /// <summary>Whether the file changed (false when a concurrent build already wrote these bytes); null, with TPB040 reported, when the write failed and the file is as it was.</summary>
    private bool? Write(string path, byte[] content)
    {
        try
        {
            return AtomicFile.WriteIfChanged(path, content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Report(DiagnosticCatalog.WriteFailed.Create(path, 1, 1, path, ex.Message));
            return null;
        }
    }
}
