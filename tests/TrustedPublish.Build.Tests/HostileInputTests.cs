using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.IO;
using TrustedPublish.Build.Rules;
using TrustedPublish.Build.Verification;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Input found by trying to break the package (issue: hostile repositories): each once ended in TPB099, a hang,
/// a wrong verdict or a write outside the repository. Each now gives the right result or its own TPB code.
/// </summary>
[TestClass]
public sealed class HostileInputTests
{
    private static TrustedPublishResult RunWith(string packageJson, string? workflow = null)
    {
        var inputs = TestInputs.Create(packageJson);
        if (workflow != null)
        {
            inputs.Workflows = new[] { new RepositoryFile("/repo/.github/workflows/release.yml", ".github/workflows/release.yml", workflow) };
        }

        return TrustedPublishEngine.Run(inputs);
    }

    [TestMethod]
    [DataRow("lone surrogate escape", "{\"name\": \"hello-npm\", \"version\": \"1.0.0\", \"description\": \"broken \\ud800 text\"}\n")]
    [DataRow("lone surrogate escape in a key", "{\"name\": \"hello-npm\", \"version\": \"1.0.0\", \"x-\\udc00\": 1}\n")]
    public void PackageJson_StringsJavaScriptReads_ArePatchedAndKeptByteForByte(string description, string text)
    {
        var result = RunWith(text);
        Assert.IsFalse(result.HasErrors, description + ": " + string.Join("\n", result.Diagnostics));
        var patched = Encoding.UTF8.GetString(result.PackageJson!.Bytes);
        StringAssert.Contains(patched, text.Contains("\\ud800", StringComparison.Ordinal) ? "broken \\ud800 text" : "x-\\udc00", description);
    }

    [TestMethod]
    public void PackageJson_InvalidUtf8Byte_IsPatchedAndTheByteKept()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"name\": \"hello-npm\", \"version\": \"1.0.0\", \"description\": \"caf\u00e9 X\"}\n");
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xFF;
        var inputs = TestInputs.Create();
        inputs.PackageJson = bytes;
        var result = TrustedPublishEngine.Run(inputs);
        Assert.IsFalse(result.HasErrors, string.Join("\n", result.Diagnostics));
        CollectionAssert.Contains(result.PackageJson!.Bytes, (byte)0xFF, "the byte npm would read as U+FFFD stays as it was");
    }

    [TestMethod]
    [DataRow("node-version: '2147483648'", "npm publish")]
    [DataRow("node-version: '99999999999999999999.1.1'", "npm publish")]
    [DataRow("node-version: '\u0662\u0662'", "npm publish")]
    [DataRow("node-version: '22'", "npm install -g npm@99999999999 && npm publish")]
    [DataRow("node-version: '22'", "npm install -g npm@\u0661\u0661.\u0665.\u0661 && npm publish")]
    public void Workflow_NumbersNoVersionHas_AreJudgedWithoutAFailure(string nodeVersion, string run)
    {
        var workflow = "on: push\npermissions:\n  id-token: write\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v4\n        with:\n          " + nodeVersion + "\n      - run: " + run + "\n";
        var result = RunWith(TestInputs.PackageJson, workflow);
        Assert.IsFalse(result.Diagnostics.Any(d => d.Code == "TPB099"), string.Join("\n", result.Diagnostics));
        Assert.IsNotNull(result.Settings);
    }

    [TestMethod]
    public void Verify_WorkflowWithABomOrInUtf16_IsDrift_ButCrlfIsNot()
    {
        var expected = WorkflowGeneratorTests.Generate("default");
        Assert.IsNull(WorkflowDrift.Check(expected, expected.Replace("\n", "\r\n"), "p", "p"), "CRLF is the checkout's business");
        Assert.IsNotNull(WorkflowDrift.Check(expected, "\uFEFF" + expected, "p", "p"), "a BOM");
        var utf16 = Encoding.UTF8.GetString(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(expected)).ToArray());
        Assert.IsNotNull(WorkflowDrift.Check(expected, utf16, "p", "p"), "UTF-16 read as the UTF-8 it is not");
        Assert.AreEqual("TPB030", WorkflowDrift.Check(expected, expected.TrimEnd('\n'), "p", "p")?.Code, "no final line break");
    }
}

/// <summary>Paths resolve to their real place inside the repository; only bounded regular files are read.</summary>
[TestClass]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RepositoryFileSystemTests
{
    private string _repository = "";
    private string _outside = "";

    [TestInitialize]
    public void CreateFolders()
    {
        _repository = TestPaths.NewTempFolder("fs-repo");
        _outside = TestPaths.NewTempFolder("fs-outside");
        File.WriteAllText(Path.Combine(_outside, "package.json"), "{}");
    }

    private static string CodeOf(Action action)
    {
        try
        {
            action();
            return "none";
        }
        catch (RefusedFileException refused)
        {
            return refused.Diagnostic.Code;
        }
    }

    [TestMethod]
    public void LinkedFolderLeadingOutside_IsRefused_WhereverItIsOnThePath()
    {
        Directory.CreateDirectory(Path.Combine(_repository, ".github"));
        Directory.CreateSymbolicLink(Path.Combine(_repository, ".github", "workflows"), _outside);
        Directory.CreateSymbolicLink(Path.Combine(_repository, "pkg"), _outside);
        var files = new RepositoryFileSystem(_repository);
        Assert.AreEqual("TPB043", CodeOf(() => files.EnsureInside(Path.Combine(_repository, ".github", "workflows", "publish.yml"))));
        Assert.AreEqual("TPB043", CodeOf(() => files.ReadInside(Path.Combine(_repository, "pkg", "package.json"))));
    }

    [TestMethod]
    public void LinkStayingInside_AndNamesNotYetThere_AreAccepted()
    {
        Directory.CreateDirectory(Path.Combine(_repository, "real"));
        File.WriteAllText(Path.Combine(_repository, "real", "package.json"), "{}");
        Directory.CreateSymbolicLink(Path.Combine(_repository, "pkg"), Path.Combine("..", Path.GetFileName(_repository), "real"));
        var files = new RepositoryFileSystem(_repository);
        Assert.AreEqual("none", CodeOf(() => files.ReadInside(Path.Combine(_repository, "pkg", "package.json"))));
        Assert.AreEqual("none", CodeOf(() => files.EnsureInside(Path.Combine(_repository, ".github", "workflows", "new.yml"))));
    }

    [TestMethod]
    public void LinkCycle_IsRefused_NotFollowedForever()
    {
        File.CreateSymbolicLink(Path.Combine(_repository, "a"), Path.Combine(_repository, "b"));
        File.CreateSymbolicLink(Path.Combine(_repository, "b"), Path.Combine(_repository, "a"));
        Assert.AreEqual("TPB043", CodeOf(() => new RepositoryFileSystem(_repository).EnsureInside(Path.Combine(_repository, "a", "x"))));
    }

    [TestMethod]
    [Timeout(20_000)]
    public void Fifo_IsRefused_WithoutOpeningIt()
    {
        var fifo = Path.Combine(_repository, ".npmrc");
        Assert.AreEqual(0, ProcessRunner.Run("mkfifo", new[] { fifo }, _repository).ExitCode);
        Assert.AreEqual("TPB044", CodeOf(() => new RepositoryFileSystem(_repository).ReadInside(fifo)));
    }

    [TestMethod]
    [Timeout(20_000)]
    public void DeviceAndEndlessFile_AreRefused_NotReadIntoMemory()
    {
        Assert.AreEqual("TPB044", CodeOf(() => RepositoryFileSystem.Read("/dev/zero")));
        var huge = Path.Combine(_repository, "huge.yml");
        using (var stream = File.Create(huge))
        {
            stream.SetLength(RepositoryFileSystem.MaxFileBytes + 1);
        }

        Assert.AreEqual("TPB045", CodeOf(() => RepositoryFileSystem.Read(huge)));
        using (var stream = File.OpenWrite(huge))
        {
            stream.SetLength(RepositoryFileSystem.MaxFileBytes);
        }

        Assert.AreEqual(RepositoryFileSystem.MaxFileBytes, RepositoryFileSystem.Read(huge).Length, "the limit itself is allowed");
    }

    [TestMethod]
    public void GitFileWithANul_GivesNoConfig_NotAFailure()
    {
        File.WriteAllText(Path.Combine(_repository, ".git"), "gitdir: ../wor\0ktree\n");
        Assert.IsNull(RepositoryFiles.FindGitConfig(_repository));
    }
}
