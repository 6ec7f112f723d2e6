namespace TrustedPublish.Build.Diagnostics;

/// <summary>Where a value came from: a file with a 1-based line and column, or a file without position.</summary>
internal readonly struct SourceSpan
{
    public SourceSpan(string? file, int line, int column)
    {
        File = file;
        Line = line;
        Column = column;
    }

    public string? File { get; }

    public int Line { get; }

    public int Column { get; }

    public static SourceSpan InFile(string? file) => new(file, 0, 0);
}
