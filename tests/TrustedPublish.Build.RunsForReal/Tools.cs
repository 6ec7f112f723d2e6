using System.IO;
using TrustedPublish.Build.Tests;

namespace TrustedPublish.Build.RunsForReal;

/// <summary>The pinned tools in tests/tools (package.json and its lockfile), installed by `dotnet test` through TestTools.csproj.</summary>
internal static class Tools
{
    private static string NodeModules => Path.Combine(TestPaths.Tools, "node_modules");

    /// <summary>npm 11.19.1: the npm the actions/setup-node stand-in puts on PATH (Node 24 ships an npm 11).</summary>
    public static string NpmForSetupNode => Path.Combine(NodeModules, "npm-for-setup-node", "bin", "npm-cli.js");

    /// <summary>npm 10.9.9: what every Node 22 ships, older than trusted publishing's 11.5.1.</summary>
    public static string NpmTooOld => Path.Combine(NodeModules, "npm-too-old", "bin", "npm-cli.js");

    /// <summary>Verdaccio 6.8.0 (node-fetch pinned to 2.7.0 through overrides, so it runs on Node 20), through a launcher that ends it with the test host.</summary>
    public static string Verdaccio => Path.Combine(TestPaths.Tools, "verdaccio-child.js");
}
