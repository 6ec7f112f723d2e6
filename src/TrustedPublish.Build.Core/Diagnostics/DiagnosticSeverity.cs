namespace TrustedPublish.Build.Diagnostics;

/// <summary>How a finding is reported to MSBuild.</summary>
public enum DiagnosticSeverity
{
    Message,
    Warning,
    Error,
}
