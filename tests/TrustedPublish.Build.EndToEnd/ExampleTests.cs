using System.IO;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

[TestClass]
public sealed class ExampleTests
{
    /// <summary>
    /// The committed example output must be what the package generates today: a copy of each example
    /// is built in CI mode (verify only) against the packed package. If this fails, run `bash example/run.sh`.
    /// </summary>
    [TestMethod]
    [DataRow("hello-npm")]
    [DataRow("hello-workspace")]
    public void BundledExample_IsUpToDate(string name)
    {
        var source = Path.Combine(TestPaths.RepositoryRoot, "example", name);
        var copy = TestPaths.NewTempFolder("example");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (new[] { ".artifacts", "obj", "bin", "node_modules" }.Any(skip => relative.StartsWith(skip + Path.DirectorySeparatorChar, System.StringComparison.Ordinal)))
            {
                continue;
            }

            var target = Path.Combine(copy, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(copy, "NuGet.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="trustedpublish-under-test" value="{PackedPackage.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        var result = ProcessRunner.Run("dotnet", new[] { "build", "-nodeReuse:false", "-p:TrustedPublishBuildVersion=" + PackedPackage.Version }, copy, PackedPackage.CleanEnvironment(ci: true));
        Assert.AreEqual(0, result.ExitCode, "The committed example is out of date; run `bash example/run.sh` and commit the result.\n" + result.All);
        NodeJudge.AssertWorkflowsClean(Path.Combine(copy, ".github", "workflows", "publish.yml"));
        Directory.Delete(copy, recursive: true);
    }
}
