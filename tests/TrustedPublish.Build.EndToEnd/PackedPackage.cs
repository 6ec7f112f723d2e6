using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Packs TrustedPublish.Build once per test run with a version no earlier run used, into a feed and a
/// NuGet cache that belong to this run alone, so no cached copy of an older package can answer.
/// </summary>
[TestClass]
public static class PackedPackage
{
    public static string Version { get; private set; } = "";

    public static string Feed { get; private set; } = "";

    public static string PackagesFolder { get; private set; } = "";

    [AssemblyInitialize]
    public static void Pack(TestContext context)
    {
        var root = TestPaths.NewTempFolder("e2e-run");
        Feed = Directory.CreateDirectory(Path.Combine(root, "feed")).FullName;
        PackagesFolder = Directory.CreateDirectory(Path.Combine(root, "nuget-packages")).FullName;
        Version = $"0.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var result = ProcessRunner.Run("dotnet", new[]
        {
            "pack", Path.Combine(TestPaths.RepositoryRoot, "src", "TrustedPublish.Build", "TrustedPublish.Build.csproj"),
            "-c", "Release", "-o", Feed, "-p:Version=" + Version, "-nodeReuse:false",
        }, TestPaths.RepositoryRoot, CleanEnvironment());
        Assert.AreEqual(0, result.ExitCode, result.All);
        Assert.IsTrue(File.Exists(Path.Combine(Feed, $"TrustedPublish.Build.{Version}.nupkg")), result.All);
    }

    /// <summary>
    /// The environment every build runs in: whatever the machine running the tests says about CI is
    /// removed (CI=true would switch the package to verify-only), and NuGet uses this run's cache.
    /// </summary>
    public static Dictionary<string, string?> CleanEnvironment(bool ci = false)
    {
        var environment = new Dictionary<string, string?>
        {
            ["CI"] = ci ? "true" : null,
            ["GITHUB_ACTIONS"] = null,
            ["ContinuousIntegrationBuild"] = null,
            ["TF_BUILD"] = null,
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };
        if (PackagesFolder.Length > 0)
        {
            environment["NUGET_PACKAGES"] = PackagesFolder;
        }

        return environment;
    }
}
