namespace TrustedPublish.Build.Workflow;

/// <summary>
/// One <c>uses: owner/repo@ref # comment</c> line, as the generator writes it and as Dependabot and Renovate edit it
/// (they change the ref and the version in the comment and leave the rest). Read line by line rather than as YAML:
/// it only proposes a pin, and the file must still equal the workflow rendered with that pin byte for byte, so a line
/// misread here can make verify stricter, never laxer. Plain string operations, linear in the line's length.
/// </summary>
internal sealed class UsesLine
{
    private UsesLine(string action, string reference, string? comment, string text)
    {
        Action = action;
        Reference = reference;
        Comment = comment;
        Text = text;
    }

    /// <summary>owner/repo (with a path for actions in a subfolder), as written.</summary>
    public string Action { get; }

    /// <summary>What follows the last '@': a commit SHA, a tag or a branch; empty when there is no '@'.</summary>
    public string Reference { get; }

    /// <summary>The comment's text, trimmed, without '#'; null when the line has no comment.</summary>
    public string? Comment { get; }

    /// <summary>The line without its indentation, line break or CR, for messages.</summary>
    public string Text { get; }

    /// <summary>The comment's first word, which bots and the generator write as the release (<c>v7.0.1</c>); null without one.</summary>
    public string? VersionText
    {
        get
        {
            if (Comment == null || Comment.Length == 0)
            {
                return null;
            }

            var end = 0;
            while (end < Comment.Length && !char.IsWhiteSpace(Comment[end]))
            {
                end++;
            }

            return Comment.Substring(0, end);
        }
    }

    /// <summary>A full commit SHA as GitHub shows it and the bots write it: 40 lower-case hexadecimal digits.</summary>
    public bool IsFullSha => IsSha(Reference);

    public static bool IsSha(string text)
    {
        if (text.Length != 40)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every character is a hexadecimal digit (either case): a SHA, perhaps short or in capitals.</summary>
    public bool IsHex
    {
        get
        {
            foreach (var c in Reference)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                {
                    return false;
                }
            }

            return Reference.Length > 0;
        }
    }

    /// <summary>The line as a <c>uses:</c> entry (also <c>- uses:</c>), or null.</summary>
    public static UsesLine? TryParse(string line)
    {
        var text = line.TrimEnd('\r').Trim();
        if (text.StartsWith("- ", System.StringComparison.Ordinal))
        {
            text = text.Substring(2).TrimStart();
        }

        if (!text.StartsWith("uses:", System.StringComparison.Ordinal))
        {
            return null;
        }

        var rest = text.Substring("uses:".Length).TrimStart();
        string value;
        string after;
        if (rest.Length > 0 && (rest[0] == '"' || rest[0] == '\''))
        {
            // Quoted: the value ends at the matching quote (no pin the bots write is quoted; this is for messages).
            var close = rest.IndexOf(rest[0], 1);
            value = close < 0 ? rest.Substring(1) : rest.Substring(1, close - 1);
            after = close < 0 ? "" : rest.Substring(close + 1);
        }
        else
        {
            var end = 0;
            while (end < rest.Length && !char.IsWhiteSpace(rest[end]) && rest[end] != '#')
            {
                end++;
            }

            value = rest.Substring(0, end);
            after = rest.Substring(end);
        }

        after = after.Trim();
        string? comment = after.StartsWith("#", System.StringComparison.Ordinal) ? after.Substring(1).Trim() : null;
        var at = value.LastIndexOf('@');
        return at < 0
            ? new UsesLine(value, "", comment, text)
            : new UsesLine(value.Substring(0, at), value.Substring(at + 1), comment, text);
    }
}
