namespace TrustedPublish.Build.Diagnostics;

/// <summary>
/// One finding: a catalogued code, where it is (1-based line and column; 0 when the finding has no
/// position inside the file), and the full text for the user.
/// </summary>
internal sealed class Diagnostic
{
    public Diagnostic(DiagnosticDescriptor descriptor, string? file, int line, int column, string message, DiagnosticSeverity? severity = null)
    {
        Descriptor = descriptor;
        Severity = severity ?? descriptor.Severity;
        File = file;
        Line = line;
        Column = column;
        Message = message;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public string Code => Descriptor.Code;

    /// <summary>The catalogue's severity, unless the context lowered it (see <see cref="AsWarning"/>).</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>The same finding as a warning: an error about a file the user has not chosen to migrate yet.</summary>
    public Diagnostic AsWarning() =>
        Severity == DiagnosticSeverity.Error ? new Diagnostic(Descriptor, File, Line, Column, Message + " (A warning in builds, since this package does not generate that file; an error in TrustedPublishDoctor.)", DiagnosticSeverity.Warning) : this;

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
