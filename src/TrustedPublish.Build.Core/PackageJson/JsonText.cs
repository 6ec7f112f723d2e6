using System.Globalization;
using System.Text;

namespace TrustedPublish.Build.PackageJson;

/// <summary>Writes JSON string literals the way JSON.stringify does (non-ASCII kept as is).</summary>
internal static class JsonText
{
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    // Control characters and lone surrogates are escaped, as well-formed JSON.stringify does.
                    var loneSurrogate = char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]));
                    if (c < 0x20 || loneSurrogate)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>
    /// The value of a JSON string token's raw bytes (between the quotes, escapes not yet applied) as JSON.parse
    /// gives it: escapes applied with lone surrogates kept, invalid UTF-8 read as U+FFFD. The token is known to
    /// be well-formed (Utf8JsonReader checked its escapes), so this only has to be lenient, not strict.
    /// </summary>
    internal static string DecodeLeniently(byte[] raw)
    {
        var builder = new StringBuilder(raw.Length);
        var lenient = new UTF8Encoding(false, false);
        var runStart = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                continue;
            }

            builder.Append(lenient.GetString(raw, runStart, i - runStart));
            var escape = (char)raw[++i];
            switch (escape)
            {
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    builder.Append((char)int.Parse(Encoding.ASCII.GetString(raw, i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: builder.Append(escape); break;
            }

            runStart = i + 1;
        }

        return builder.Append(lenient.GetString(raw, runStart, raw.Length - runStart)).ToString();
    }
}
