using System;
using System.Globalization;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Diagnostics;

/// <summary>A catalogue entry: the stable code, its severity, what is wrong and how to fix it.</summary>
internal sealed class DiagnosticDescriptor
{
    internal DiagnosticDescriptor(string code, DiagnosticSeverity severity, string title, string messageFormat, string fix, string npmError)
        : this(code, severity, title, messageFormat, fix, npmError, null)
    {
    }

    private DiagnosticDescriptor(string code, DiagnosticSeverity severity, string title, string messageFormat, string fix, string npmError, DiagnosticDescriptor? variantOf)
    {
        Code = code;
        Severity = severity;
        Title = title;
        MessageFormat = messageFormat;
        Fix = fix;
        NpmError = npmError;
        VariantOf = variantOf;
    }

    /// <summary>
    /// The descriptor this one tells another cause of (same code, severity and title, so NoWarn, the README row and a
    /// user's search stay the same), or null.
    /// </summary>
    public DiagnosticDescriptor? VariantOf { get; }

    /// <summary>TPBnnn. Never reused once published.</summary>
    public string Code { get; }

    public DiagnosticSeverity Severity { get; }

    /// <summary>One line for the README table.</summary>
    public string Title { get; }

    /// <summary>composite format of what is wrong; arguments come from the rule.</summary>
    public string MessageFormat { get; }

    /// <summary>What to do, appended to every message; a composite format with the same arguments as <see cref="MessageFormat"/>.</summary>
    public string Fix { get; }

    /// <summary>The npm or GitHub failure this prevents, or empty.</summary>
    public string NpmError { get; }

    /// <summary>The same finding from another cause, with the message, fix and npm error that fit that cause.</summary>
    internal DiagnosticDescriptor Variant(string messageFormat, string fix, string npmError) =>
        new(Code, Severity, Title, messageFormat, fix, npmError, this);

    public Diagnostic Create(string? file, int line, int column, params object?[] args)
    {
        // Arguments come from repository files and properties, and a URL or a command can carry a credential:
        // each one is redacted here, so that no rule has to remember to. Numbers (IFormattable) cannot carry one.
        var shown = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            shown[i] = args[i] is null or IFormattable ? args[i] : Secrets.Redact(Convert.ToString(args[i], CultureInfo.InvariantCulture) ?? "");
        }

        // The fix is a format too: it names the property, the file or the value concerned.
        var what = string.Format(CultureInfo.InvariantCulture, MessageFormat, shown);
        var fix = string.Format(CultureInfo.InvariantCulture, Fix, shown);
        var text = NpmError.Length == 0 ? $"{what} Fix: {fix}" : $"{what} npm would fail with {NpmError}. Fix: {fix}";
        return new Diagnostic(this, file, Math.Max(line, 0), Math.Max(column, 0), text);
    }

    public Diagnostic Create(SourceSpan at, params object?[] args) => Create(at.File, at.Line, at.Column, args);
}
