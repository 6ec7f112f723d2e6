using System;
using System.Collections.Generic;
using System.Text;

namespace TrustedPublish.Build.Text;

/// <summary>
/// Turns a byte offset in UTF-8 text into the 1-based line and column a person sees
/// (columns count characters, not bytes, so non-ASCII text does not shift them).
/// </summary>
internal sealed class LineMap
{
    private readonly byte[] _text;
    private readonly int _offset;
    private readonly List<int> _lineStarts = new() { 0 };

    /// <param name="utf8">The text.</param>
    /// <param name="offset">Bytes before position 0 that still count for columns of line 1 (a BOM does not).</param>
    public LineMap(byte[] utf8, int offset = 0)
    {
        _text = utf8;
        _offset = offset;
        for (var i = offset; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1 - offset);
            }
        }
    }

    public (int Line, int Column) Locate(long position)
    {
        var index = _lineStarts.BinarySearch((int)Math.Min(position, int.MaxValue));
        if (index < 0)
        {
            index = ~index - 1;
        }

        var lineStart = _lineStarts[index];
        var length = (int)position - lineStart;
        var column = Encoding.UTF8.GetCharCount(_text, _offset + lineStart, Math.Max(0, Math.Min(length, _text.Length - _offset - lineStart))) + 1;
        return (index + 1, column);
    }
}
