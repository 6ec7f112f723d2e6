using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Tasks;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Dogfooding: .github/workflows/publish-nuget.yml, the workflow that publishes TrustedPublish.Build to nuget.org, is what
/// this repository's own tasks generate from the settings in src/TrustedPublish.Build/TrustedPublish.Build.csproj. The
/// project is evaluated by MSBuild through the package's own props and targets (the list of settings every consumer's
/// build hands the tasks), and the tasks built from this source run in-process: this test verifies, so `dotnet test`
/// (and with it CI) fails when the file drifts; with TPB_UPDATE_GOLDEN=1 it regenerates the file instead.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReleaseWorkflowTests
{
    private static readonly string Project = Path.Combine(TestPaths.RepositoryRoot, "src", "TrustedPublish.Build", "TrustedPublish.Build.csproj");

    private static string Workflow => Path.Combine(TestPaths.RepositoryRoot, ".github", "workflows", "publish-nuget.yml");

    /// <summary>The settings MSBuild evaluates for the project: the `_TrustedPublishSetting` items the targets declare.</summary>
    private static System.Collections.Generic.Dictionary<string, string> EvaluatedSettings()
    {
        var result = ProcessRunner.Run("dotnet", new[] { "msbuild", Project, "-getItem:_TrustedPublishSetting", "-nologo" }, TestPaths.RepositoryRoot,
            new System.Collections.Generic.Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" }, TimeSpan.FromMinutes(3));
        Assert.AreEqual(0, result.ExitCode, result.All);
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("Items").GetProperty("_TrustedPublishSetting").EnumerateArray()
            .ToDictionary(item => item.GetProperty("Identity").GetString()!, item => item.GetProperty("Value").GetString() ?? "");
    }

    [TestMethod]
    public void ThisRepositorysReleaseWorkflow_IsWhatItsOwnTasksGenerate()
    {
        var settings = EvaluatedSettings();
        Assert.AreEqual("TrustedPublish", settings["NuGetUser"], "the settings come from the project");
        Assert.AreEqual(TestPaths.RepositoryRoot.TrimEnd('/') + "/", settings["RepositoryRoot"]);
        if (Environment.GetEnvironmentVariable("TPB_UPDATE_GOLDEN") == "1")
        {
            var (generated, generateEngine) = InProcessTask.Run<GenerateTrustedPublishFiles>(Project, settings);
            Assert.IsTrue(generated && !generateEngine.Errors.Any(), generateEngine.Log);
        }

        var (verified, engine) = InProcessTask.Run<VerifyTrustedPublishFiles>(Project, settings);
        var diff = string.Join("\n", engine.Messages.Where(m => m.Importance == Microsoft.Build.Framework.MessageImportance.High).Select(m => m.Message));
        Assert.IsTrue(verified && !engine.Errors.Any() && !engine.Warnings.Any(),
            $"{engine.Log}\n{diff}\nRegenerate with: TPB_UPDATE_GOLDEN=1 dotnet test tests/TrustedPublish.Build.Tests --filter ReleaseWorkflowTests");

        // No package.json beside the project: nothing for npm, and no other file was written.
        Assert.IsFalse(File.Exists(Path.Combine(TestPaths.RepositoryRoot, ".github", "workflows", "publish.yml")));
        NodeJudge.AssertWorkflowsClean(Workflow);
    }
}
