using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Workflow;

namespace TrustedPublish.Build.Model;

/// <summary>
/// TrustedPublishActionPin items: a team that updates pins by hand sets an action's commit and release in the project
/// instead of waiting for a package release. Each item must name an action the generator emits, a full 40-hex commit
/// SHA and a semantic version (the comment the bots read); anything else is TPB034 at the item's line, and no pin
/// changes. An item may name an older release than the package's: it is an explicit choice in the project (a runner
/// image that needs it), unlike a file edit, which may only move a pin forward.
/// </summary>
internal static class ActionPinItems
{
    public static ActionPinSet Resolve(TrustedPublishInputs inputs, List<Diagnostic> diagnostics)
    {
        var pins = ActionPinSet.Packaged;
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        var errorsBefore = diagnostics.Count;
        var items = inputs.ActionPins;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = Location(inputs, item, items.Take(i).Count(earlier => earlier.Action == item.Action && earlier.File == item.File));
            var action = ActionPinSet.Known(item.Action.Trim());
            if (action == null)
            {
                diagnostics.Add(DiagnosticCatalog.ActionPinInvalid.Create(at, item.Action, $"names an action the generated workflow does not use (it uses {Emitted()})"));
                continue;
            }

            if (!seen.Add(action.Repository))
            {
                diagnostics.Add(DiagnosticCatalog.ActionPinInvalid.Create(at, item.Action, "is set a second time (one item per action)"));
                continue;
            }

            var problems = new List<string>();
            if (!UsesLine.IsSha(item.Sha))
            {
                problems.Add(item.Sha.Length == 0 ? "has no Sha" : $"has Sha '{item.Sha}', which is not a full commit SHA (40 lower-case hexadecimal digits)");
            }

            var version = ActionVersion.TryParse(item.Version);
            if (version == null)
            {
                problems.Add(item.Version.Length == 0 ? "has no Version" : $"has Version '{item.Version}', which is not a release such as v7.2.0");
            }

            if (problems.Count > 0)
            {
                diagnostics.Add(DiagnosticCatalog.ActionPinInvalid.Create(at, item.Action, string.Join(" and ", problems)));
                continue;
            }

            pins = pins.With(action.With(version!.Text, item.Sha, PinSource.ProjectItem));
        }

        // One bad item leaves every pin as the package ships it, so a half-applied list never reaches the workflow.
        return diagnostics.Count > errorsBefore ? ActionPinSet.Packaged : pins;
    }

    private static string Emitted() => string.Join(", ", ActionPins.All.Select(a => a.Repository));

    /// <summary>The item's element in the file that defines it; <paramref name="occurrence"/> counts the earlier items there with the same Include.</summary>
    private static SourceSpan Location(TrustedPublishInputs inputs, ActionPinItem item, int occurrence) =>
        item.File == null || item.File == inputs.ProjectFile
            ? ProjectFileLocator.FindItem(inputs.ProjectFile, inputs.ProjectFileText, "TrustedPublishActionPin", item.Action, occurrence)
            : ProjectFileLocator.FindItem(item.File, item.FileText, "TrustedPublishActionPin", item.Action, occurrence);
}
