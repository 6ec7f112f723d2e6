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

        var result = TrustedPublishEngine.Diagnose(inputs);
        foreach (var diagnostic in result.Diagnostics)
        {
            Report(diagnostic);
        }

        Log.LogMessage(MessageImportance.Normal, $"TrustedPublish.Build: checked {inputs.Workflows.Count} workflow(s), package.json, the files npm would pack and {inputs.Npmrcs.Count} .npmrc file(s); {result.Diagnostics.Count} finding(s).");
    }
}
