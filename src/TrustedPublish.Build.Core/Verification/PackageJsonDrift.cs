using System.Collections.Generic;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.PackageJson;

namespace TrustedPublish.Build.Verification;

/// <summary>Turns the patcher's list of changes into one TPB022 per managed field that differs.</summary>
internal static class PackageJsonDrift
{
    public static IEnumerable<Diagnostic> Check(PackageJsonPatch patch, string path)
    {
        foreach (var change in patch.Changes)
        {
            yield return DiagnosticCatalog.PackageJsonDrift.Create(path, change.Line, change.Column, change.Field, change.Actual, change.Expected);
        }
    }
}
