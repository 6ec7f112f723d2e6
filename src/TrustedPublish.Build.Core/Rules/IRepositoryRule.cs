using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules;

/// <summary>
/// One check over the repository's files. Rules never throw for odd input; they skip what they cannot read. Each rule
/// is a class named after the descriptor it raises (TPB075, NpmTooOld: NpmTooOldRule.cs), and no other class raises
/// that descriptor: a code in a build log leads to one file.
/// </summary>
internal interface IRepositoryRule
{
    /// <summary>The descriptors this rule reports, and no other rule does (the first names the class; the others are variants of it).</summary>
    IReadOnlyList<DiagnosticDescriptor> Raises { get; }

    IEnumerable<Diagnostic> Check(RuleContext context);
}
