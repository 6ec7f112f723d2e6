using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>Bad input, concurrent builds and secrets, through real builds of the packed package.</summary>
[TestClass]
public sealed class ReliabilityTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string GoodPackageJson = "{\n  \"name\": \"@acme/widget\",\n  \"version\": \"1.0.0\"\n}\n";

    /// <summary>Every file in the repository (not build output or .git), with a symlink recorded as its target.</summary>
    private static Dictionary<string, string> Snapshot(string root, ICollection<string>? specialFiles = null)
    {
        var files = new Dictionary<string, string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, entry);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "obj" or "bin" or ".git"))
            {
                continue;
            }

            // A FIFO cannot be read without hanging the test: its existence is what is compared.
            var info = new FileInfo(entry);
            files[relative] = info.LinkTarget != null ? "link:" + info.LinkTarget
                : Directory.Exists(entry) ? "folder"
                : specialFiles != null && specialFiles.Contains(relative) ? "special"
                : Convert.ToBase64String(File.ReadAllBytes(entry));
        }

        return files;
    }

    public static IEnumerable<object[]> BadInputs() => new[]
    {
        new object[] { "JSON that is not an object", "TPB021" },
        new object[] { "repository of the wrong type", "TPB021" },
        new object[] { "publishConfig of the wrong type", "TPB021" },
        new object[] { "empty package.json", "TPB020" },
        new object[] { "invalid JSON", "TPB020" },
        new object[] { "missing package.json", "TPB001" },
        new object[] { "workflow path is a folder", "TPB041" },
        new object[] { "read-only package.json", "TPB040" },
        new object[] { "read-only workflows folder", "TPB040" },
        new object[] { "symlinked package.json", "TPB043" },
        new object[] { "property with only spaces", "TPB017" },
        new object[] { "workflows folder linked outside", "TPB043" },
        new object[] { ".github linked outside", "TPB043" },
        new object[] { "package folder linked outside", "TPB043" },
        new object[] { "workflow linked to /dev/zero", "TPB043" },
        new object[] { "FIFO named like a workflow", "TPB044" },
        new object[] { "FIFO named .npmrc", "TPB044" },
        new object[] { "workflow of 17 MiB", "TPB045" },
    };

    [TestMethod]
    [DynamicData(nameof(BadInputs))]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void BadInput_GivesItsTPBError_AndLeavesEveryFileByteIdentical(string badInput, string code)
    {
        using var repo = new ConsumerRepository();
        var properties = badInput switch
        {
            "missing package.json" or "package folder linked outside" => "<TrustedPublishPackageDirectory>pkg</TrustedPublishPackageDirectory>",
            _ => "",
        };
        var outside = TestPaths.NewTempFolder("outside");
        File.WriteAllText(Path.Combine(outside, "publish.yml"), "# not this repository's\n");
        File.WriteAllText(Path.Combine(outside, "package.json"), GoodPackageJson);
        Directory.CreateDirectory(Path.Combine(outside, "workflows"));
        File.WriteAllText(Path.Combine(outside, "workflows", "publish.yml"), "# not this repository's\n");
        var special = new List<string>();
        var workflows = Path.GetDirectoryName(repo.WorkflowPath)!;
        repo.AddProject("", GoodPackageJson, properties);
        Directory.CreateDirectory(repo.Path_("pkg"));
        switch (badInput)
        {
            case "JSON that is not an object": repo.Write("package.json", "[1, 2]\n"); break;
            case "repository of the wrong type": repo.Write("package.json", "{\n  \"name\": \"@acme/widget\",\n  \"repository\": 42\n}\n"); break;
            case "publishConfig of the wrong type": repo.Write("package.json", "{\n  \"name\": \"@acme/widget\",\n  \"publishConfig\": \"public\"\n}\n"); break;
            case "empty package.json": repo.Write("package.json", ""); break;
            case "invalid JSON": repo.Write("package.json", "{\n  \"name\": \"@acme/widget\",\n}\n"); break;
            case "workflow path is a folder": Directory.CreateDirectory(repo.WorkflowPath); break;
            case "read-only package.json": File.SetUnixFileMode(repo.Path_("package.json"), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead); break;
            case "read-only workflows folder":
                Directory.CreateDirectory(Path.GetDirectoryName(repo.WorkflowPath)!);
                File.SetUnixFileMode(Path.GetDirectoryName(repo.WorkflowPath)!, UnixFileMode.UserRead | UnixFileMode.UserExecute);
                break;
            case "workflows folder linked outside":
                Directory.CreateDirectory(repo.Path_(".github"));
                Directory.CreateSymbolicLink(workflows, outside);
                break;
            case ".github linked outside":
                Directory.CreateSymbolicLink(repo.Path_(".github"), outside);
                break;
            case "package folder linked outside":
                Directory.Delete(repo.Path_("pkg"));
                Directory.CreateSymbolicLink(repo.Path_("pkg"), outside);
                break;
            case "workflow linked to /dev/zero":
                Directory.CreateDirectory(workflows);
                File.CreateSymbolicLink(Path.Combine(workflows, "zero.yml"), "/dev/zero");
                break;
            case "FIFO named like a workflow":
                Directory.CreateDirectory(workflows);
                Assert.AreEqual(0, ProcessRunner.Run("mkfifo", new[] { Path.Combine(workflows, "release.yml") }, repo.Root).ExitCode);
                special.Add(Path.Combine(".github", "workflows", "release.yml"));
                break;
            case "FIFO named .npmrc":
                Assert.AreEqual(0, ProcessRunner.Run("mkfifo", new[] { repo.Path_(".npmrc") }, repo.Root).ExitCode);
                special.Add(".npmrc");
                break;
            case "workflow of 17 MiB":
                Directory.CreateDirectory(workflows);
                using (var huge = File.Create(Path.Combine(workflows, "huge.yml")))
                {
                    huge.SetLength(17 * 1024 * 1024);
                }

                break;
            case "symlinked package.json":
                repo.Write("real/package.json", GoodPackageJson);
                File.Delete(repo.Path_("package.json"));
                File.CreateSymbolicLink(repo.Path_("package.json"), repo.Path_("real/package.json"));
                break;
        }

        var before = Snapshot(repo.Root, special);
        var outsideBefore = Snapshot(outside);
        // MSBuild turns a whitespace-only value in a project file into an empty one; from the command line
        // (or the environment) it arrives as written.
        var result = badInput == "property with only spaces" ? repo.Dotnet("build", "-p:TrustedPublishEnvironment=   ") : repo.Dotnet("build");
        Assert.AreNotEqual(0, result.ExitCode, result.All);
        StringAssert.Matches(result.Output, new Regex($@"\(\d+,\d+\): error {code}: "), $"{badInput}: expected {code} with a file position");
        Assert.IsFalse(Regex.IsMatch(result.All, @"^\s+at \S+\(", RegexOptions.Multiline), "no stack trace");
        var after = Snapshot(repo.Root, special);
        CollectionAssert.AreEquivalent(outsideBefore.ToList(), Snapshot(outside).ToList(), $"{badInput}: nothing outside the repository changed");
        CollectionAssert.AreEquivalent(before.Keys.ToList(), after.Keys.ToList(), $"{badInput}: no file added or removed");
        foreach (var (path, content) in before)
        {
            Assert.AreEqual(content, after[path], $"{badInput}: {path} changed");
        }

        if (Directory.Exists(Path.GetDirectoryName(repo.WorkflowPath)))
        {
            File.SetUnixFileMode(Path.GetDirectoryName(repo.WorkflowPath)!, (UnixFileMode)0x1FF);
        }
    }

    /// <summary>Several projects name the same package.json and workflow; `dotnet build -m` runs them at once, again and again.</summary>
    [TestMethod]
    public void ConcurrentBuildsOfProjectsSharingOneWorkflow_GiveOneCorrectResult()
    {
        using var repo = new ConsumerRepository();
        repo.Write("pkg/package.json", GoodPackageJson);
        var projects = Enumerable.Range(1, 4).Select(i => $"src/p{i}").ToList();
        foreach (var project in projects)
        {
            repo.AddProject(project, "", "<TrustedPublishPackageDirectory>../../pkg</TrustedPublishPackageDirectory>");
        }

        ConsumerRepository.AssertSucceeded(ProcessRunner.Run("dotnet", new[] { "new", "sln", "--format", "sln", "-n", "all" }, repo.Root, PackedPackage.CleanEnvironment()));
        ConsumerRepository.AssertSucceeded(ProcessRunner.Run("dotnet", new[] { "sln", "all.sln", "add" }.Concat(projects.Select(p => $"{p}/{Path.GetFileName(p)}.csproj")), repo.Root, PackedPackage.CleanEnvironment()));

        string? expectedPackageJson = null;
        const int Rounds = 8;
        for (var round = 0; round < Rounds; round++)
        {
            // From scratch each round: no workflow, the original package.json, no up-to-date stamps.
            if (File.Exists(repo.WorkflowPath))
            {
                File.Delete(repo.WorkflowPath);
            }

            repo.Write("pkg/package.json", GoodPackageJson);
            var build = repo.Dotnet("build", "all.sln", "-m:4");
            ConsumerRepository.AssertSucceeded(build);
            Assert.IsFalse(Regex.IsMatch(build.All, "IOException|being used by another process|TPB04"), build.All);
            var packageJson = repo.Read("pkg/package.json");
            expectedPackageJson ??= packageJson;
            Assert.AreEqual(expectedPackageJson, packageJson, $"round {round}: package.json");
            StringAssert.Contains(packageJson, "\"directory\": \"pkg\"");
            NodeJudge.AssertWorkflowsClean(repo.WorkflowPath);

            // Every project agrees with the one result.
            var verify = repo.Dotnet("build", "all.sln", "-t:TrustedPublishVerify", "-m:4");
            ConsumerRepository.AssertSucceeded(verify);
        }

        TestContext.WriteLine($"{Rounds} rounds of dotnet build -m:4 with {projects.Count} projects sharing one workflow: 0 failures");
    }

    /// <summary>Two projects would write different content: a clear error naming both, not a tug of war.</summary>
    [TestMethod]
    public void TwoProjectsWithDifferentSettings_GiveTPB042NamingBoth_InsteadOfOverwritingEachOther()
    {
        using var repo = new ConsumerRepository();
        repo.Write("pkg/package.json", GoodPackageJson);
        repo.AddProject("src/first", "", "<TrustedPublishPackageDirectory>../../pkg</TrustedPublishPackageDirectory>");
        repo.AddProject("src/second", "", "<TrustedPublishPackageDirectory>../../pkg</TrustedPublishPackageDirectory><TrustedPublishEnvironment>npm</TrustedPublishEnvironment>");

        ConsumerRepository.AssertSucceeded(repo.DotnetIn(repo.Path_("src/first"), false, "build"));
        var written = File.ReadAllText(repo.WorkflowPath);
        for (var build = 0; build < 3; build++)
        {
            var second = repo.DotnetIn(repo.Path_("src/second"), false, "build");
            var error = ConsumerRepository.AssertError(second, "TPB042", "publish.yml");
            StringAssert.Contains(error.Groups["message"].Value, "src/first/first.csproj");
            StringAssert.Contains(error.Groups["message"].Value, "src/second/second.csproj");
            ConsumerRepository.AssertSucceeded(repo.DotnetIn(repo.Path_("src/first"), false, "build"));
            Assert.AreEqual(written, File.ReadAllText(repo.WorkflowPath), "nobody overwrites anybody");
        }
    }

    /// <summary>
    /// Two projects keep one package.json with different provenance: once they flipped it on every build. With one
    /// workflow file the header's package.json line differs (TPB042); with two, the other header says so (TPB046).
    /// </summary>
    [TestMethod]
    [DataRow("publish.yml", "TPB042")]
    [DataRow("release.yml", "TPB046")]
    public void TwoProjectsKeepingOnePackageJsonDifferently_StopWithAnError_InsteadOfFlippingIt(string secondWorkflow, string code)
    {
        using var repo = new ConsumerRepository();
        repo.Write("pkg/package.json", GoodPackageJson);
        repo.AddProject("src/first", "", "<TrustedPublishPackageDirectory>../../pkg</TrustedPublishPackageDirectory>");
        repo.AddProject("src/second", "", $"<TrustedPublishPackageDirectory>../../pkg</TrustedPublishPackageDirectory><TrustedPublishProvenance>false</TrustedPublishProvenance><TrustedPublishWorkflowFile>{secondWorkflow}</TrustedPublishWorkflowFile>");

        ConsumerRepository.AssertSucceeded(repo.DotnetIn(repo.Path_("src/first"), false, "build"));
        var packageJson = repo.Read("pkg/package.json");
        StringAssert.Contains(packageJson, "\"provenance\": true");
        var second = repo.DotnetIn(repo.Path_("src/second"), false, "build");
        var error = ConsumerRepository.AssertError(second, code, code == "TPB042" ? "publish.yml" : "package.json");
        StringAssert.Contains(error.Groups["message"].Value, "src/first/first.csproj");
        Assert.AreEqual(packageJson, repo.Read("pkg/package.json"), "package.json is not flipped");
        Assert.IsFalse(File.Exists(repo.Path_(".github/workflows/release.yml")), "nothing of the second project is written");

        // The near-identical pair that agrees builds in either order.
        File.WriteAllText(repo.Path_("src/second/second.csproj"), File.ReadAllText(repo.Path_("src/second/second.csproj")).Replace("<TrustedPublishProvenance>false</TrustedPublishProvenance>", "", StringComparison.Ordinal));
        if (secondWorkflow == "publish.yml")
        {
            ConsumerRepository.AssertSucceeded(repo.DotnetIn(repo.Path_("src/second"), false, "build"));
        }
    }

    /// <summary>Two projects with different settings built at the very same moment: one writes, the other reports TPB042; never both "wrote".</summary>
    [TestMethod]
    public void ConflictingProjectsBuiltAtOnce_OneWritesAndTheOtherReportsTheConflict()
    {
        using var repo = new ConsumerRepository();
        repo.Write("pkg/package.json", GoodPackageJson);
        repo.AddProject("src/first", "", "<TrustedPublishPackageDirectory>../../pkg</TrustedPublishPackageDirectory>");
        repo.AddProject("src/second", "", "<TrustedPublishPackageDirectory>../../pkg</TrustedPublishPackageDirectory><TrustedPublishEnvironment>npm</TrustedPublishEnvironment>");
        ConsumerRepository.AssertSucceeded(ProcessRunner.Run("dotnet", new[] { "new", "sln", "--format", "sln", "-n", "all" }, repo.Root, PackedPackage.CleanEnvironment()));
        ConsumerRepository.AssertSucceeded(ProcessRunner.Run("dotnet", new[] { "sln", "all.sln", "add", "src/first/first.csproj", "src/second/second.csproj" }, repo.Root, PackedPackage.CleanEnvironment()));
        const int Rounds = 4;
        for (var round = 0; round < Rounds; round++)
        {
            if (File.Exists(repo.WorkflowPath))
            {
                File.Delete(repo.WorkflowPath);
            }

            repo.Write("pkg/package.json", GoodPackageJson);
            var build = repo.Dotnet("build", "all.sln", "-m:2");
            Assert.AreNotEqual(0, build.ExitCode, $"round {round}: one of the two must fail\n{build.All}");
            StringAssert.Contains(build.Output, "error TPB042:", $"round {round}: the second project names the conflict");
            Assert.AreEqual(1, Regex.Matches(build.Output, @"TrustedPublish\.Build: wrote \.github/workflows/publish\.yml").Count, $"round {round}: exactly one project wrote the workflow\n{build.All}");
            var owner = Regex.Match(File.ReadAllText(repo.WorkflowPath), "from (src/\\w+/\\w+\\.csproj)").Groups[1].Value;
            var winner = owner.Contains("first", StringComparison.Ordinal) ? "src/first" : "src/second";
            ConsumerRepository.AssertSucceeded(repo.DotnetIn(repo.Path_(winner), true, "build", "-t:TrustedPublishVerify"));
        }
    }

    /// <summary>A build killed with kill -9 mid-write leaves ".NAME.xxxxxxxx.tmp" files: the next build removes them.</summary>
    [TestMethod]
    public void TemporaryFilesOfAKilledBuild_AreRemovedByTheNextBuild()
    {
        using var repo = new ConsumerRepository();
        repo.AddProject("", GoodPackageJson);
        repo.Write(".package.json.0badc0de.tmp", "{\"name\": \"half");
        repo.Write(".github/workflows/.publish.yml.12345678.tmp", "# Generated by");
        ConsumerRepository.AssertSucceeded(repo.Dotnet("build"));
        Assert.IsFalse(File.Exists(repo.Path_(".package.json.0badc0de.tmp")));
        Assert.IsFalse(File.Exists(repo.Path_(".github/workflows/.publish.yml.12345678.tmp")));
    }

    [TestMethod]
    public void Secrets_InTheEnvironmentOrNpmrc_AreNeverPrintedOrWritten()
    {
        using var repo = new ConsumerRepository();
        repo.AddProject("", GoodPackageJson);
        repo.Write(".npmrc", "//registry.npmjs.org/:_authToken=npm_LITERALSECRET42\n");
        var environment = PackedPackage.CleanEnvironment();
        environment["NPM_TOKEN"] = "npm_ENVSECRET42";
        environment["NODE_AUTH_TOKEN"] = "npm_ENVSECRET43";
        var result = ProcessRunner.Run("dotnet", new[] { "build", "-nodeReuse:false", "-v:diag" }, repo.Root, environment);
        Assert.IsFalse(Regex.IsMatch(result.All.Replace("NPM_TOKEN = npm_ENVSECRET42", "").Replace("NODE_AUTH_TOKEN = npm_ENVSECRET43", ""), "LITERALSECRET|ENVSECRET"),
            "a token value appears in the build output (other than MSBuild's own dump of the environment)");
        StringAssert.Contains(result.All, "TPB063", "the literal token is reported, without its value");
        var workflow = File.ReadAllText(repo.WorkflowPath);
        Assert.IsFalse(Regex.IsMatch(workflow, "secrets\\.|SECRET|_authToken|NODE_AUTH_TOKEN"), workflow);
        Assert.IsFalse(repo.Read("package.json").Contains("SECRET", StringComparison.Ordinal));
    }
}
