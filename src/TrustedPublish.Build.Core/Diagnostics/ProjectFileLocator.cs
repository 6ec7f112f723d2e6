using System.Linq;
using System.Text.RegularExpressions;

namespace TrustedPublish.Build.Diagnostics;

/// <summary>Finds where an MSBuild property is set, so a diagnostic about its value points at that line.</summary>
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
                var before = projectFileText.Substring(0, match.Index);
                var line = before.Count(c => c == '\n') + 1;
                var column = match.Index - (before.LastIndexOf('\n') + 1) + 1;
                return new SourceSpan(projectFile, line, column);
            }
        }

        return new SourceSpan(projectFile, 1, 1);
    }
}
