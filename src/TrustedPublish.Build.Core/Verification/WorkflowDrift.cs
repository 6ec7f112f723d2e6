using System;
using System.Collections.Generic;
using System.Text;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Verification;

/// <summary>
/// Compares the workflow on disk with the generated text (line endings normalized, so a checkout with
/// autocrlf is not drift) and describes the first difference with a short unified diff.
/// </summary>
public static class WorkflowDrift
{
    private const int ContextLines = 2;
    private const int MaxDiffLines = 12;

    /// <summary>Null when they match; else a TPB030 (or TPB031 when the file is missing) at the first differing line.</summary>
    public static Diagnostic? Check(string expected, string? actual, string path, string displayPath)
    {
        if (actual == null)
        {
            return DiagnosticCatalog.WorkflowMissing.Create(path, 1, 1, displayPath);
        }

        var expectedLines = SplitLines(expected);
        var actualLines = SplitLines(actual);
        if (FirstDifference(expectedLines, actualLines) is not int first)
        {
            return null;
        }

        var onDisk = first < actualLines.Count ? $"'{Shorten(actualLines[first])}'" : "the end of the file";
        var generated = first < expectedLines.Count ? $"'{Shorten(expectedLines[first])}'" : "the end of the file";
        var message = $"'{displayPath}' differs from what TrustedPublish.Build generates, from line {first + 1}: the file has {onDisk}, the generator writes {generated}.";
        return DiagnosticCatalog.WorkflowDrift.Create(path, first + 1, 1, message);
    }

    /// <summary>The unified diff that goes with a drift error.</summary>
    public static string? Diff(string expected, string? actual, string displayPath)
    {
        if (actual == null)
        {
            return null;
        }

        var expectedLines = SplitLines(expected);
        var actualLines = SplitLines(actual);
        return FirstDifference(expectedLines, actualLines) is int first ? UnifiedDiff(expectedLines, actualLines, first, displayPath) : null;
    }

    /// <summary>The index of the first line that differs, or null when the texts have the same lines.</summary>
    private static int? FirstDifference(List<string> expected, List<string> actual)
    {
        var first = 0;
        while (first < expected.Count && first < actual.Count && expected[first] == actual[first])
        {
            first++;
        }

        return first == expected.Count && first == actual.Count ? null : first;
    }

    private static string Shorten(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length <= 80 ? trimmed : trimmed.Substring(0, 77) + "...";
    }

    internal static List<string> SplitLines(string text)
    {
        var lines = new List<string>(text.Replace("\r\n", "\n").Split('\n'));
        if (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>One hunk around the first difference: enough to see what changed, short enough for a build log.</summary>
    internal static string UnifiedDiff(List<string> expected, List<string> actual, int first, string displayPath)
    {
        // Trim the common tail so the hunk covers only the differing middle.
        var expectedEnd = expected.Count;
        var actualEnd = actual.Count;
        while (expectedEnd > first && actualEnd > first && expected[expectedEnd - 1] == actual[actualEnd - 1])
        {
            expectedEnd--;
            actualEnd--;
        }

        var start = Math.Max(0, first - ContextLines);
        var builder = new StringBuilder();
        builder.Append("--- ").Append(displayPath).Append(" (on disk)").Append(Environment.NewLine);
        builder.Append("+++ ").Append(displayPath).Append(" (generated)").Append(Environment.NewLine);
        var actualCount = Math.Min(actualEnd + ContextLines, actual.Count) - start;
        var expectedCount = Math.Min(expectedEnd + ContextLines, expected.Count) - start;
        builder.Append($"@@ -{start + 1},{actualCount} +{start + 1},{expectedCount} @@").Append(Environment.NewLine);

        var lines = new List<string>();
        for (var i = start; i < first; i++)
        {
            lines.Add(" " + actual[i]);
        }

        for (var i = first; i < actualEnd; i++)
        {
            lines.Add("-" + actual[i]);
        }

        for (var i = first; i < expectedEnd; i++)
        {
            lines.Add("+" + expected[i]);
        }

        for (var i = actualEnd; i < Math.Min(actualEnd + ContextLines, actual.Count); i++)
        {
            lines.Add(" " + actual[i]);
        }

        for (var i = 0; i < lines.Count && i < MaxDiffLines; i++)
        {
            builder.Append(lines[i]).Append(Environment.NewLine);
        }

        if (lines.Count > MaxDiffLines)
        {
            builder.Append($"... {lines.Count - MaxDiffLines} more diff lines").Append(Environment.NewLine);
        }

        return builder.ToString().TrimEnd();
    }
}
