using System.Text;

namespace TrustedPublish.Build.Text;

/// <summary>
/// Characters that YAML treats as line breaks or cannot encode. Values from the file system (folder and
/// project names) are not validated by a naming rule, so they go through here before reaching YAML.
/// </summary>
internal static class TextSafety
{
    /// <summary>True for control characters and the YAML 1.1 line breaks U+0085, U+2028, U+2029, and the BOM.</summary>
    public static bool BreaksALine(char c) => char.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF';

    /// <summary>True when the text holds half of a surrogate pair (not encodable as UTF-8).</summary>
    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return true;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Text that stays on one comment line whatever it holds.</summary>
    public static string ForComment(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(BreaksALine(c) || char.IsSurrogate(c) ? '?' : c);
            }
        }

        return builder.ToString();
    }
}
