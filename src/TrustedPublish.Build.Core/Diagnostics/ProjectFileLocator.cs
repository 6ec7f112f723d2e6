using System.Linq;
using System.Text.RegularExpressions;

namespace TrustedPublish.Build.Diagnostics;

/// <summary>Finds where an MSBuild property or item is set, so a diagnostic about its value points at that line.</summary>
internal static class ProjectFileLocator
{
    /// <summary>
    /// The line and column of &lt;Property&gt; in the project file's text; line 1 of the project when the
    /// property is set elsewhere (Directory.Build.props, the command line), so annotations still show.
    /// </summary>
    public static SourceSpan Find(string? projectFile, string? projectFileText, string property)
    {
        if (projectFileText != null)
        {
            var match = Regex.Match(projectFileText, "<" + Regex.Escape(property) + @"[\s>/]");
            if (match.Success)
            {
                return At(projectFile, projectFileText, match.Index);
            }
        }

        return new SourceSpan(projectFile, 1, 1);
    }

    /// <summary>
    /// The line and column of the <paramref name="occurrence"/>-th (from 0) &lt;ItemType Include="include"&gt; element
    /// (the Include compared as written, also in single quotes and after other attributes), so the second of two items
    /// with one Include is found as the second; else the first element of that item type; else line 1.
    /// </summary>
    public static SourceSpan FindItem(string? file, string? text, string itemType, string include, int occurrence = 0)
    {
        if (text != null)
        {
            // [^<>]*? stays inside one element's tag: a failed match gives up at its '>' instead of scanning on.
            var exact = Regex.Matches(text, "<" + Regex.Escape(itemType) + @"\s[^<>]*?\bInclude\s*=\s*(?:""" + Regex.Escape(include) + @"""|'" + Regex.Escape(include) + "')");
            var match = exact.Count > 0 ? exact[System.Math.Min(occurrence, exact.Count - 1)] : Regex.Match(text, "<" + Regex.Escape(itemType) + @"[\s>/]");
            if (match.Success)
            {
                return At(file, text, match.Index);
            }
        }

        return new SourceSpan(file, 1, 1);
    }

    private static SourceSpan At(string? file, string text, int index)
    {
        var before = text.Substring(0, index);
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return new SourceSpan(file, line, column);
    }
}
