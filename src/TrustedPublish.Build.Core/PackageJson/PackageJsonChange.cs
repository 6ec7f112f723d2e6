namespace TrustedPublish.Build.PackageJson;

/// <summary>One managed field whose value differs from the target, with where it is (or would go).</summary>
internal sealed class PackageJsonChange
{
    public PackageJsonChange(string field, string actual, string expected, int line, int column)
    {
        Field = field;
        Actual = actual;
        Expected = expected;
        Line = line;
        Column = column;
    }

    /// <summary>Dotted path, e.g. repository.url.</summary>
    public string Field { get; }

    /// <summary>The JSON on disk, or "missing".</summary>
    public string Actual { get; }

    /// <summary>The JSON this package would write.</summary>
    public string Expected { get; }

    public int Line { get; }

    public int Column { get; }
}
