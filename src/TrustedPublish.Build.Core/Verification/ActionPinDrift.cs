using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Workflow;

namespace TrustedPublish.Build.Verification;

/// <summary>
/// Explains a drifted <c>uses:</c> line: which action, and why its pin was not kept (an older release, a tag or branch
/// instead of a commit, a short SHA, a missing or unparsable version comment, another action). A pin that was kept
/// (<see cref="CommittedPins"/>) is rendered into the expected text, so reaching here means it was not.
/// </summary>
internal static class ActionPinDrift
{
    /// <summary>TPB033 when the first differing lines are both <c>uses:</c> lines and the generated one is pinned; null otherwise (plain TPB030).</summary>
    public static Diagnostic? Check(string expectedLine, string actualLine, int line, string path, string displayPath)
    {
        if (UsesLine.TryParse(expectedLine) is not UsesLine expected || UsesLine.TryParse(actualLine) is not UsesLine actual
            || !expected.IsFullSha || ActionVersion.TryParse(expected.VersionText) is not ActionVersion generated)
        {
            return null;
        }

        var why = Why(expected, actual, generated);
        if (why == null)
        {
            return null;
        }

        var pinned = ActionPinSet.Known(expected.Action);
        var source = pinned == null ? "its pin" : Describe(pinned, expected.Reference);
        return DiagnosticCatalog.ActionPinDrift.Create(path, line, 1, displayPath, expected.Action, line, Shorten(actual.Text), why, $"'{expected.Text}' ({source})");
    }

    private static string? Why(UsesLine expected, UsesLine actual, ActionVersion generated)
    {
        if (actual.Action != expected.Action)
        {
            return $"uses another action, {actual.Action}, where the generated workflow uses {expected.Action}";
        }

        if (actual.Reference.Length == 0)
        {
            return "names no version at all (no '@')";
        }

        if (!actual.IsHex)
        {
            return $"refers to the tag or branch '{actual.Reference}' instead of a commit SHA (a tag or branch can be moved to other code after review)";
        }

        if (actual.Reference.Length < 40)
        {
            return $"refers to the short SHA '{actual.Reference}' ({actual.Reference.Length} hex digits) instead of the full 40-character commit SHA";
        }

        if (!actual.IsFullSha)
        {
            return "refers to a commit SHA that is not 40 lower-case hexadecimal digits";
        }

        if (actual.VersionText == null)
        {
            return "has no '# vX.Y.Z' comment, so nothing says which release the SHA is (Dependabot and Renovate read and update that comment)";
        }

        if (ActionVersion.TryParse(actual.VersionText) is not ActionVersion version)
        {
            return $"has the comment '# {actual.Comment}', which does not start with a release such as {generated.Text}";
        }

        if (version.CompareTo(generated) < 0)
        {
            return $"is release {version.Text}, older than {generated.Text} (a downgrade is never kept)";
        }

        if (actual.Reference == expected.Reference && version.Text == generated.Text)
        {
            return "is the same pin written differently (the generator writes one space before '#' and one after, and nothing else on the line)";
        }

        // A newer pin that still was not kept: the file pins this action more than once, in different ways.
        return $"is release {version.Text}, which would be kept if the file pinned {expected.Action} only once";
    }

    private static string Describe(ActionPin action, string commit) => commit == action.Commit
        ? "the pin TrustedPublish.Build ships"
        : "the pin set by a TrustedPublishActionPin item";

    private static string Shorten(string text) => text.Length <= 120 ? text : text.Substring(0, 117) + "...";
}
