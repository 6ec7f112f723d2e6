using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Workflow;

/// <summary>
/// Who may write the workflow file, decided from what is on disk: a file without this package's header is
/// somebody's own work and is only replaced when the user asked (TPB047); a file another existing project
/// generated is kept when that project would write the same bytes with these settings (several projects with
/// the same settings agree on one file), and is a conflict otherwise (TPB042). The task passes the facts in
/// (the file's text, which projects exist) and does the file I/O.
/// </summary>
internal static class WorkflowOwnership
{
    /// <summary>What the file should hold, seen from this project; null with <paramref name="problem"/> set when it must not be written.</summary>
    public static string? Expected(TrustedPublishResult result, string projectPath, string? onDisk, IReadOnlyCollection<string> existingProjects, string path, string display, out Diagnostic? problem)
    {
        var settings = result.Settings!;
        return Expected(result.Workflow!, settings.ReplaceWorkflow, settings.WorkflowFile, owner => TrustedPublishEngine.RenderAs(result, owner), projectPath, onDisk, existingProjects, path, display, out problem);
    }

    /// <summary>
    /// The same decision for any generated workflow (the npm one and the NuGet one): <paramref name="renderAs"/> renders
    /// it as the project named in the file's header would with these settings.
    /// </summary>
    public static string? Expected(string generated, bool replace, string workflowFile, System.Func<string, string> renderAs, string projectPath, string? onDisk, IReadOnlyCollection<string> existingProjects, string path, string display, out Diagnostic? problem)
    {
        problem = null;
        var owner = WorkflowGenerator.ReadGeneratingProject(onDisk);
        if (onDisk != null && owner == null && !replace)
        {
            problem = DiagnosticCatalog.WorkflowNotGenerated.Create(path, 1, 1, display, workflowFile);
            return null;
        }

        if (owner != null && owner != projectPath && Contains(existingProjects, owner))
        {
            var asOwner = renderAs(owner);
            if (asOwner != onDisk!.Replace("\r\n", "\n"))
            {
                problem = DiagnosticCatalog.ConflictingProjects.Create(path, 1, 1, display, owner, projectPath);
                return null;
            }

            return asOwner;
        }

        return generated;
    }

    private static bool Contains(IReadOnlyCollection<string> projects, string project)
    {
        foreach (var candidate in projects)
        {
            if (candidate == project)
            {
                return true;
            }
        }

        return false;
    }
}
