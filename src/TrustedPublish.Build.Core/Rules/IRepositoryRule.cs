using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.Rules;

/// <summary>One check over the repository's files. Rules never throw for odd input; they skip what they cannot read.</summary>
public interface IRepositoryRule
{
    IEnumerable<Diagnostic> Check(RuleContext context);
}
