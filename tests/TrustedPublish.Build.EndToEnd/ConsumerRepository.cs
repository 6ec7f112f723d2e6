using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>A temporary git repository that consumes the packed package, as a user's would.</summary>
public sealed class ConsumerRepository : IDisposable
{
    public ConsumerRepository(string origin = "https://github.com/Acme-Org/hello-npm.git")
    {
        Root = TestPaths.NewTempFolder("consumer");
        Git("init", "-q");
        Git("remote", "add", "origin", origin);
        Write("NuGet.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="trustedpublish-under-test" value="{PackedPackage.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        Write("global.json", """{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" }, "msbuild-sdks": { "Microsoft.Build.NoTargets": "3.7.0" } }""");
    }

    public string Root { get; }

    public string WorkflowPath => Path.Combine(Root, ".github", "workflows", "publish.yml");

    public string PackageReference => $"""<PackageReference Include="TrustedPublish.Build" Version="{PackedPackage.Version}" PrivateAssets="all" />""";

    public string Path_(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public void Write(string relative, string content)
    {
        var path = Path_(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    public string Read(string relative) => File.ReadAllText(Path_(relative));

    /// <summary>An SDK-style project beside a package.json.</summary>
    public void AddProject(string folder, string packageJson, string properties = "", string targetFrameworks = "<TargetFramework>net10.0</TargetFramework>", string sdk = "Microsoft.NET.Sdk")
    {
        var name = folder.Length == 0 ? "consumer" : Path.GetFileName(folder);
        Write(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                {targetFrameworks}
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {PackageReference}
              </ItemGroup>
            </Project>
            """);
        if (packageJson.Length > 0)
        {
            Write(Path.Combine(folder, "package.json"), packageJson);
        }
    }

    public ProcessRunner.Result Dotnet(params string[] arguments) => DotnetIn(Root, false, arguments);

    public ProcessRunner.Result DotnetCI(params string[] arguments) => DotnetIn(Root, true, arguments);

    public ProcessRunner.Result DotnetIn(string folder, bool ci, params string[] arguments) =>
        ProcessRunner.Run("dotnet", arguments.Concat(new[] { "-nodeReuse:false", "-clp:NoSummary" }), folder, PackedPackage.CleanEnvironment(ci), TimeSpan.FromMinutes(5));

    /// <summary>Asserts a build succeeded and shows its output when not.</summary>
    public static void AssertSucceeded(ProcessRunner.Result result) => Assert.AreEqual(0, result.ExitCode, result.All);

    /// <summary>Asserts a build failed with this code at file(line,col), in MSBuild's canonical form.</summary>
    public static Match AssertError(ProcessRunner.Result result, string code, string fileEnd)
    {
        Assert.AreNotEqual(0, result.ExitCode, result.All);
        var match = Regex.Match(result.All, $@"(?<file>\S*{Regex.Escape(fileEnd)})\((?<line>\d+),(?<column>\d+)\): error {code}: (?<message>[^\n]*)");
        Assert.IsTrue(match.Success, $"expected '{fileEnd}(line,col): error {code}:' in:\n{result.All}");
        return match;
    }

    public void Git(params string[] arguments)
    {
        var result = ProcessRunner.Run("git", arguments, Root);
        Assert.AreEqual(0, result.ExitCode, result.All);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }
}
