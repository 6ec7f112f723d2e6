using System.Collections.Generic;

namespace TrustedPublish.Build.Workflow;

/// <summary>
/// Keeps the pins that Dependabot or Renovate (or a reviewed hand edit) moved forward in the committed workflow. Both
/// bots update a SHA pin and its <c># vX.Y.Z</c> comment together; a pull request that does so is reviewed and merged
/// like any edit of the file, so a pin it brings is trusted as much as the file itself. The package's rule is only that
/// such a pin never goes backwards: it is kept when its release is the same as or newer than the one the generator
/// would write (semantic-version order, <see cref="ActionVersion"/>), and it must be a full 40-hex commit SHA (a tag
/// or branch can be moved under the workflow; a short SHA can be made ambiguous). Everything else in the file is
/// still compared byte for byte after rendering with the kept pins, so nothing but the pin itself is accepted.
/// </summary>
internal static class CommittedPins
{
    /// <summary>
    /// <paramref name="pins"/> with each action's pin replaced by the committed one that qualifies. A committed file
    /// that pins one action in two ways proposes nothing for it (the generator emits each action once).
    /// </summary>
    public static ActionPinSet Adopt(ActionPinSet pins, string? committedWorkflow)
    {
        // Only a file this package generated: a hand-written workflow that is being replaced lends it nothing.
        if (committedWorkflow == null || WorkflowGenerator.ReadGeneratingProject(committedWorkflow) == null)
        {
            return pins;
        }

        var found = new Dictionary<string, (string Commit, ActionVersion Version)?>(System.StringComparer.Ordinal);
        foreach (var line in Lines(committedWorkflow))
        {
            if (UsesLine.TryParse(line) is not UsesLine uses || ActionPinSet.Known(uses.Action) is not ActionPin action || action.Repository != uses.Action)
            {
                continue;
            }

            var version = ActionVersion.TryParse(uses.VersionText);
            (string, ActionVersion)? pin = uses.IsFullSha && version != null ? (uses.Reference, version) : null;
            if (found.TryGetValue(action.Repository, out var earlier) && !Same(earlier, pin))
            {
                pin = null;
            }

            found[action.Repository] = pin;
        }

        foreach (var action in ActionPins.All)
        {
            if (!found.TryGetValue(action.Repository, out var committed) || committed is not (string commit, ActionVersion version))
            {
                continue;
            }

            var current = pins.For(action);
            if (ActionVersion.TryParse(current.Release) is ActionVersion ours && version.CompareTo(ours) >= 0 && (commit != current.Commit || version.Text != current.Release))
            {
                pins = pins.With(current.With(version.Text, commit, PinSource.CommittedWorkflow));
            }
        }

        return pins;
    }

    private static bool Same((string Commit, ActionVersion Version)? left, (string Commit, ActionVersion Version)? right) =>
        left is (string a, ActionVersion x) && right is (string b, ActionVersion y) && a == b && x.Text == y.Text;

    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            yield return end < 0 ? text.Substring(start) : text.Substring(start, end - start);
            start = end < 0 ? text.Length : end + 1;
        }
    }
}
