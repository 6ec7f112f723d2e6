using System.Text;
using TrustedPublish.Build.Model;

namespace TrustedPublish.Build.Tests;

/// <summary>Inputs as the task would fill them for a typical repository; tests change what they need.</summary>
internal static class TestInputs
{
    public const string PackageJson = "{\n  \"name\": \"hello-npm\",\n  \"version\": \"1.2.0\",\n  \"scripts\": {\n    \"build\": \"tsc\",\n    \"test\": \"node --test\"\n  }\n}\n";

    public static TrustedPublishInputs Create(string packageJson = PackageJson, string repositoryUrl = "https://github.com/Acme-Org/hello-npm")
    {
        return new TrustedPublishInputs
        {
            ProjectPath = "hello-npm.csproj",
            ProjectFile = "/repo/hello-npm.csproj",
            ProjectFileText = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TrustedPublishEnvironment>x</TrustedPublishEnvironment>\n  </PropertyGroup>\n</Project>\n",
            RepositoryUrl = repositoryUrl,
            PackageJsonPath = "/repo/package.json",
            PackageJson = Encoding.UTF8.GetBytes(packageJson),
            PackageManagerFolders = Folders(("", new[] { "package-lock.json" }, null)),
        };
    }

    /// <summary>The package folder first, then each folder above it: its lockfiles and workspace files, and its package.json.</summary>
    public static PackageManagerFolder[] Folders(params (string Directory, string[] Files, string? PackageJson)[] folders)
    {
        var result = new PackageManagerFolder[folders.Length];
        for (var i = 0; i < folders.Length; i++)
        {
            var (directory, files, packageJson) = folders[i];
            result[i] = new PackageManagerFolder(directory, files, packageJson == null ? null : Encoding.UTF8.GetBytes(packageJson));
        }

        return result;
    }
}
