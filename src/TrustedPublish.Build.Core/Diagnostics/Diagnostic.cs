namespace TrustedPublish.Build.Diagnostics;

/// <summary>
/// One finding: a catalogued code, where it is (1-based line and column; 0 when the finding has no
/// position inside the file), and the full text for the user.
/// </summary>
public sealed class Diagnostic
{
    public Diagnostic(DiagnosticDescriptor descriptor, string? file, int line, int column, string message)
    {
        Descriptor = descriptor;
        File = file;
        Line = line;
        Column = column;
        Message = message;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public string Code => Descriptor.Code;

    public DiagnosticSeverity Severity => Descriptor.Severity;

    /// <summary>Path as the user should see it (absolute in builds, relative in tests), or null for the project.</summary>
    public string? File { get; }

    public int Line { get; }

    public int Column { get; }

    public string Message { get; }


    /// <summary>MSBuild's canonical form, the one GitHub annotations and IDEs pick up.</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : Severity == DiagnosticSeverity.Warning ? "warning" : "message";
        var location = File == null ? "" : Line > 0 ? $"{File}({Line},{Column}): " : $"{File}: ";
        return $"{location}{severity} {Code}: {Message}";
    }
}
