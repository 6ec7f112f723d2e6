using System.Collections.Generic;
using System.Linq;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Text;

namespace TrustedPublish.Build.Model;

/// <summary>
/// What the generated workflows need to build this project with .NET, shared by the NuGet workflow and the npm
/// workflow's TrustedPublishDotNetBuild: the SDK actions/setup-dotnet installs, and a project path safe to put in env.
/// </summary>
internal static class DotNetSdk
{
    public const string DefaultVersion = "10.0.x";

    /// <summary>global.json's SDK when the repository has one (null), else TrustedPublishDotNetVersion or the default (TPB054 when setup-dotnet cannot use it).</summary>
    public static string? Version(TrustedPublishInputs inputs, List<Diagnostic> diagnostics)
    {
        if (inputs.HasGlobalJson)
        {
            return null;
        }

        var version = inputs.DotNetVersion.Length == 0 ? DefaultVersion : inputs.DotNetVersion;
        if (NameRules.CheckDotNetVersion(version) is string versionError)
        {
            diagnostics.Add(DiagnosticCatalog.DotNetVersionInvalid.Create(SettingsResolver.PropertyLocation(inputs, "TrustedPublishDotNetVersion"), version, versionError));
        }

        return version;
    }

    /// <summary>
    /// TPB057, reported at <paramref name="property"/>, when the project's path cannot go into a workflow's env: a path
    /// is not a property, nothing validated it, and GitHub evaluates ${{ in env values too.
    /// </summary>
    public static void CheckProjectPath(TrustedPublishInputs inputs, string property, List<Diagnostic> diagnostics)
    {
        if (inputs.ProjectPath.Contains("${{") || inputs.ProjectPath.Any(TextSafety.BreaksALine) || TextSafety.HasLoneSurrogate(inputs.ProjectPath))
        {
            var why = inputs.ProjectPath.Contains("${{") ? "holds a GitHub expression (${{ )" : "holds a control character, a line break or a broken character";
            diagnostics.Add(DiagnosticCatalog.NuGetProjectPathUnsafe.Create(SettingsResolver.PropertyLocation(inputs, property), inputs.ProjectPath, why));
        }
    }
}
