using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
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
        using var repositoryLock = AcquireRepositoryLock();
        if (repositoryLock == null)
        {
            return;
        }

        var written = new List<ITaskItem>();
        if (PublishesToNpm)
        {
            WriteNpmFiles(written);
        }

        if (PublishesToNuGet)
        {
            WriteNuGetWorkflow(written);
        }

        WrittenFiles = written.ToArray();
    }

    /// <summary>The NuGet workflow, written only when its content changes; the nuget.org policy values are printed then.</summary>
    private void WriteNuGetWorkflow(List<ITaskItem> writtenFiles)
    {
        if (ReadAndGenerateNuGet() is not (NuGetPublishResult result, string path, string expected, var onDisk))
        {
            return;
        }

        IReadOnlyList<string> written;
        try
        {
            AtomicFile.RemoveStaleTemporaryFiles(path);
            AtomicFile.EnsureWritable(path);
            var targets = onDisk == null || onDisk.Replace("\r\n", "\n") != expected
                ? new List<KeyValuePair<string, byte[]>> { new(path, Encoding.UTF8.GetBytes(expected)) }
                : new List<KeyValuePair<string, byte[]>>();
            written = AtomicFile.WriteAllIfChanged(targets);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            ReportWriteFailed(path, ex);
            return;
        }

        if (written.Count == 0)
        {
            Log.LogMessage(MessageImportance.Low, $"TrustedPublish.Build: {Display(path)} is up to date.");
            return;
        }

        writtenFiles.Add(new TaskItem(path));
        Log.LogMessage(MessageImportance.High, $"TrustedPublish.Build: wrote {Display(path)}");
        Log.LogMessage(MessageImportance.High, NuGetPublishEngine.Registration(result.Settings!));
    }

    /// <summary>The npm workflow and package.json, written as one change when either differs.</summary>
    private void WriteNpmFiles(List<ITaskItem> writtenFiles)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var generated = ReadAndGenerate(out var readMs, out var engineMs);
        if (generated == null)
        {
            return;
        }

        // A checkout with CRLF line endings is not a change: only a real difference is written.
        var workflowPath = generated.WorkflowPath;
        var packageJsons = generated.Result.PackageJsonFiles;
        var targets = new List<KeyValuePair<string, byte[]>>();
        if (generated.OnDisk == null || generated.OnDisk.Replace("\r\n", "\n") != generated.Expected)
        {
            targets.Add(new KeyValuePair<string, byte[]>(workflowPath, Encoding.UTF8.GetBytes(generated.Expected)));
        }

        // Every listed package.json (or the project's one) that differs, written with the workflow as one change.
        targets.AddRange(packageJsons.Where(f => !f.Patch.IsUpToDate).Select(f => new KeyValuePair<string, byte[]>(f.Path, f.Patch.Bytes)));

        IReadOnlyList<string> written;
        var current = workflowPath;
        try
        {
            // Under the lock no other build is writing: a temporary file left here was left by a killed build.
            AtomicFile.RemoveStaleTemporaryFiles(workflowPath);
            foreach (var file in packageJsons)
            {
                current = file.Path;
                AtomicFile.RemoveStaleTemporaryFiles(file.Path);
            }

            // Checked before anything is written, then written as one change: both files or neither.
            foreach (var target in targets)
            {
                current = target.Key;
                AtomicFile.EnsureWritable(target.Key);
            }

            current = targets.Count > 0 ? targets[targets.Count - 1].Key : workflowPath;
            written = AtomicFile.WriteAllIfChanged(targets);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            ReportWriteFailed(current, ex);
            return;
        }

        writtenFiles.AddRange(written.Select(path => (ITaskItem)new TaskItem(path)));
        Log.LogMessage(MessageImportance.Low, $"TrustedPublish.Build: read {readMs:F1} ms, generate and check {engineMs:F1} ms, write {clock.Elapsed.TotalMilliseconds - readMs - engineMs:F1} ms.");
        if (written.Count > 0)
        {
            foreach (var path in written)
            {
                Log.LogMessage(MessageImportance.High, $"TrustedPublish.Build: wrote {Display(path)}");
            }

            // Say what changed in the user's own files, field by field (a repository that moved, an access that changed).
            foreach (var file in packageJsons.Where(f => written.Contains(f.Path)))
            {
                var shown = packageJsons.Count == 1 ? "package.json" : Display(file.Path);
                foreach (var change in file.Patch.Changes)
                {
                    Log.LogMessage(MessageImportance.High, $"  {shown} {change.Field}: {change.Actual} -> {change.Expected}");
                }
            }

            if (generated.OnDisk != null && written.Contains(workflowPath) && Workflow.WorkflowGenerator.ReadGeneratingProject(generated.OnDisk) == null)
            {
                ReportReplacedWorkflow(generated, workflowPath);
            }

            Log.LogMessage(MessageImportance.High, TrustedPublishEngine.Registration(generated.Result));
        }
        else
        {
            Log.LogMessage(MessageImportance.Low, $"TrustedPublish.Build: {Display(workflowPath)} and {string.Join(", ", packageJsons.Select(f => Display(f.Path)))} are up to date.");
        }
    }

    /// <summary>
    /// TrustedPublishReplaceWorkflow replaced a workflow this package did not write: what the checks found in
    /// the old file is shown once, as warnings, so whatever it did differently is not lost without a word.
    /// </summary>
    private void ReportReplacedWorkflow(Generated generated, string workflowPath)
    {
        var inputs = generated.Inputs;
        var workflows = inputs.Workflows;
        var generateEnabled = inputs.GenerateEnabled;
        var packageFolder = inputs.PackageFolder;
        try
        {
            // Only the old workflow's findings are shown: the package folder is not walked again.
            inputs.Workflows = new[] { new Rules.RepositoryFile(workflowPath, Display(workflowPath), generated.OnDisk!) };
            inputs.GenerateEnabled = false;
            inputs.PackageFolder = null;
            var findings = TrustedPublishEngine.Diagnose(inputs).Diagnostics.Where(d => d.File == workflowPath).ToList();
            Log.LogMessage(MessageImportance.High, $"TrustedPublish.Build: replaced {Display(workflowPath)}, which it had not written (TrustedPublishReplaceWorkflow=true); the checks found {findings.Count} problem(s) in the old file.");
            foreach (var finding in findings)
            {
                Log.LogWarning(null, finding.Code, null, finding.File, finding.Line, finding.Column, 0, 0, "In the replaced workflow: " + finding.Message);
            }
        }
        finally
        {
            inputs.Workflows = workflows;
            inputs.GenerateEnabled = generateEnabled;
            inputs.PackageFolder = packageFolder;
        }
    }
}
