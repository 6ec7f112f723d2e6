using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.IO;

namespace TrustedPublish.Build.Tests;

/// <summary>Writes are atomic and only happen when needed: faults are injected between write and rename, and halfway through the write.</summary>
[TestClass]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
[DoNotParallelize]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AtomicFileTests
{
    private string _folder = "";

    [TestInitialize]
    public void CreateFolder() => _folder = TestPaths.NewTempFolder("atomic");

    [TestCleanup]
    public void Cleanup()
    {
        AtomicFile.BeforeRename = null;
        AtomicFile.MidWrite = null;
        foreach (var entry in Directory.EnumerateFileSystemEntries(_folder, "*", SearchOption.AllDirectories).Append(_folder))
        {
            if (!OperatingSystem.IsWindows() && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
            {
                File.SetUnixFileMode(entry, (UnixFileMode)0x1FF);
            }
        }

        Directory.Delete(_folder, recursive: true);
    }

    private string File_(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string[] Leftovers() => Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories);

    [TestMethod]
    public void SameContent_IsNotWritten_AndKeepsItsTimestamp()
    {
        var path = File_("package.json", "{}\n");
        var before = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, before);
        Assert.IsFalse(AtomicFile.WriteIfChanged(path, Encoding.UTF8.GetBytes("{}\n")));
        Assert.AreEqual(before, File.GetLastWriteTimeUtc(path));
    }

    [TestMethod]
    public void NewContent_IsWritten_AndKeepsTheFileMode()
    {
        var path = File_("package.json", "{}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Assert.IsTrue(AtomicFile.WriteIfChanged(path, Encoding.UTF8.GetBytes("{\"a\": 1}\n")));
        Assert.AreEqual("{\"a\": 1}\n", File.ReadAllText(path));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.AreEqual(0, Leftovers().Length);
    }

    [TestMethod]
    public void FailureBetweenWriteAndRename_LeavesTheOldFileWhole()
    {
        var path = File_("publish.yml", "old content\n");
        AtomicFile.BeforeRename = _ => throw new IOException("simulated crash before rename");
        Assert.ThrowsExactly<IOException>(() => AtomicFile.WriteIfChanged(path, Encoding.UTF8.GetBytes("new content\n")));
        Assert.AreEqual("old content\n", File.ReadAllText(path));
        Assert.AreEqual(0, Leftovers().Length, "the temporary file is removed");
    }

    [TestMethod]
    [DataRow(true, DisplayName = "second file existed")]
    [DataRow(false, DisplayName = "second file was new")]
    public void SecondRenameFails_FirstFileGetsItsOldContentBack_SoTheChangeIsAllOrNothing(bool secondExisted)
    {
        var workflow = File_("publish.yml", "old workflow\n");
        var packageJson = secondExisted ? File_("package.json", "{\"old\": true}\n") : Path.Combine(_folder, "package.json");
        var renames = 0;
        AtomicFile.BeforeRename = _ =>
        {
            if (++renames == 2)
            {
                throw new IOException("simulated failure of the second rename");
            }
        };
        var files = new[]
        {
            new System.Collections.Generic.KeyValuePair<string, byte[]>(workflow, Encoding.UTF8.GetBytes("new workflow\n")),
            new System.Collections.Generic.KeyValuePair<string, byte[]>(packageJson, Encoding.UTF8.GetBytes("{\"new\": true}\n")),
        };
        Assert.ThrowsExactly<IOException>(() => AtomicFile.WriteAllIfChanged(files));
        Assert.AreEqual("old workflow\n", File.ReadAllText(workflow), "the first file is put back");
        Assert.AreEqual(secondExisted, File.Exists(packageJson));
        if (secondExisted)
        {
            Assert.AreEqual("{\"old\": true}\n", File.ReadAllText(packageJson));
        }

        Assert.AreEqual(0, Leftovers().Length, "no temporary file is left");
    }

    [TestMethod]
    public void StaleTemporaryFiles_OfAKilledBuild_AreRemoved_AndNothingElse()
    {
        var path = File_("package.json", "{}\n");
        File_(".package.json.0badc0de.tmp", "{\"half");
        File_(".package.json.notours.tmp", "keep");
        File_(".other.json.0badc0de.tmp", "keep");
        AtomicFile.RemoveStaleTemporaryFiles(path);
        CollectionAssert.AreEquivalent(new[] { ".other.json.0badc0de.tmp", ".package.json.notours.tmp", "package.json" }, Directory.GetFiles(_folder).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void FailureHalfwayThroughTheWrite_LeavesTheOldFileWhole()
    {
        var path = File_("publish.yml", "old content\n");
        AtomicFile.MidWrite = _ => throw new IOException("simulated disk full");
        Assert.ThrowsExactly<IOException>(() => AtomicFile.WriteIfChanged(path, Encoding.UTF8.GetBytes(new string('x', 10_000))));
        Assert.AreEqual("old content\n", File.ReadAllText(path));
        Assert.AreEqual(0, Leftovers().Length);
    }

    [TestMethod]
    public void ReadOnlyFile_IsRefused_EvenForRoot()
    {
        var path = File_("package.json", "{}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.ThrowsExactly<UnauthorizedAccessException>(() => AtomicFile.WriteIfChanged(path, Encoding.UTF8.GetBytes("{\"a\": 1}\n")));
        Assert.AreEqual("{}\n", File.ReadAllText(path));
    }

    [TestMethod]
    public void ReadOnlyFolder_IsRefused_EvenForRoot()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "workflows")).FullName;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Assert.ThrowsExactly<UnauthorizedAccessException>(() => AtomicFile.WriteIfChanged(Path.Combine(folder, "publish.yml"), Encoding.UTF8.GetBytes("x\n")));
        Assert.AreEqual(0, Directory.GetFiles(folder).Length);
    }

    [TestMethod]
    public void FolderInThePlaceOfTheFile_IsRefused()
    {
        var path = Directory.CreateDirectory(Path.Combine(_folder, "publish.yml")).FullName;
        Assert.ThrowsExactly<IOException>(() => AtomicFile.WriteIfChanged(path, Encoding.UTF8.GetBytes("x\n")));
        Assert.IsTrue(Directory.Exists(path));
    }

    [TestMethod]
    public void SymbolicLink_IsRefused_AndItsTargetUntouched()
    {
        var target = File_("real.json", "{}\n");
        var link = Path.Combine(_folder, "package.json");
        File.CreateSymbolicLink(link, target);
        Assert.IsTrue(AtomicFile.IsLink(link, out var pointsTo));
        Assert.AreEqual(target, pointsTo);
        Assert.ThrowsExactly<IOException>(() => AtomicFile.WriteIfChanged(link, Encoding.UTF8.GetBytes("{\"a\": 1}\n")));
        Assert.AreEqual("{}\n", File.ReadAllText(target));
        Assert.IsTrue(AtomicFile.IsLink(link, out _), "the link stays a link");
    }

    [TestMethod]
    public void ConcurrentWritersOfTheSameContent_NeverFail_AndLeaveOneWholeFile()
    {
        var path = File_("publish.yml", "old\n");
        var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("line of the workflow\n", 5000)));
        var failures = 0;
        System.Threading.Tasks.Parallel.For(0, 200, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            try
            {
                AtomicFile.WriteIfChanged(path, content);
            }
            catch (IOException)
            {
                System.Threading.Interlocked.Increment(ref failures);
            }
        });
        Assert.AreEqual(0, failures);
        CollectionAssert.AreEqual(content, File.ReadAllBytes(path));
        Assert.AreEqual(0, Leftovers().Length);
    }
}
