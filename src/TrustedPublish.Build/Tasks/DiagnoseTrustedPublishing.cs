using Microsoft.Build.Framework;

namespace TrustedPublish.Build.Tasks;

/// <summary>
/// Runs the rules alone over package.json, the files npm would pack, .npmrc and every workflow in .github/workflows, and writes
/// nothing: TrustedPublishDoctor, and builds of projects that keep a hand-written workflow.
/// </summary>
public sealed class DiagnoseTrustedPublishing : TrustedPublishTaskBase
{
    protected override void Run()
    {
        var inputs = ReadInputs();
        if (inputs == null)
        {
            return;
        }

        // Without package.json only the workflows are read (the checks of pushes to nuget.org); with it, everything.
        var findings = PublishesToNpm ? TrustedPublishEngine.Diagnose(inputs).Diagnostics : NuGetPublishEngine.Diagnose(inputs);
        foreach (var diagnostic in findings)
        {
            Report(diagnostic);
        }

        var what = ListsPackages ? $"{inputs.Packages.Count} listed package(s), the files npm would pack and their .npmrc files" : PublishesToNpm ? $"package.json, the files npm would pack and {inputs.Npmrcs.Count} .npmrc file(s)" : "no package.json (this project publishes to nuget.org only)";
        Log.LogMessage(MessageImportance.Normal, $"TrustedPublish.Build: checked {inputs.Workflows.Count} workflow(s) and {what}; {findings.Count} finding(s).");
    }
}
