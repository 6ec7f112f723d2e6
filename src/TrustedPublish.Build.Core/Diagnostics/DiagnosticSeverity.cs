namespace TrustedPublish.Build.Diagnostics;

/// <summary>How a finding is reported to MSBuild.</summary>
internal enum DiagnosticSeverity
{
    Message,
    Warning,
    Error,
}
