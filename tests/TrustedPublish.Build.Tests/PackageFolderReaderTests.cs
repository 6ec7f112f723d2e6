using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.IO;
using TrustedPublish.Build.PackageJson;

namespace TrustedPublish.Build.Tests;

/// <summary>The task's view of the package folder on disk: links, node_modules, .git and the entry limit, and npm's verdict on the same folder.</summary>
[TestClass]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
public sealed class PackageFolderReaderTests
{
    [TestMethod]
    public void RealFolderWithLinks_GivesNpmPacklistsFileList()
    {
        var repository = TestPaths.NewTempFolder("pkgfolder");
        var outside = TestPaths.NewTempFolder("outside");
        try
        {
            var package = Directory.CreateDirectory(Path.Combine(repository, "packages", "widget")).FullName;
            void Write(string relative, string text = "x")
            {
                var path = Path.Combine(package, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }

            Write("package.json", "{\"name\": \"widget\", \"version\": \"1.0.0\"}");
            Write("index.js");
            Write("Widget.csproj");
            Write("obj/project.assets.json");
            Write("node_modules/dep/index.js");
            Write(".git/config");
            Write("shared/ignore", "obj/\n");
            File.WriteAllText(Path.Combine(outside, "Outside.csproj"), "x");
            File.CreateSymbolicLink(Path.Combine(package, "linked-out"), outside);
            File.CreateSymbolicLink(Path.Combine(package, "linked.csproj"), Path.Combine(package, "Widget.csproj"));
            File.CreateSymbolicLink(Path.Combine(package, ".npmignore"), Path.Combine(package, "shared", "ignore"));

            var folder = new PackageFolderReader(new RepositoryFileSystem(repository), package);
            var listing = folder.List("", 100)!;
            CollectionAssert.AreEquivalent(new[] { "package.json", "index.js", "Widget.csproj", ".npmignore" }, listing.Files.ToList(), "links are left out, but a linked ignore file is read as npm reads it");
            CollectionAssert.AreEquivalent(new[] { "obj", "shared" }, listing.Folders.ToList(), "node_modules, .git and a linked folder are not entered");
            Assert.AreEqual("obj/\n", folder.ReadText(".npmignore"));
            Assert.AreEqual(3, folder.List("", 2)!.Files.Count + folder.List("", 2)!.Folders.Count, "a listing stops one past its limit");

            var document = PackageJsonDocument.Parse(File.ReadAllBytes(Path.Combine(package, "package.json"))).Document!;
            var model = PackFiles.Select(document.Root, folder);
            var npm = NodeJudge.Packlist(new[] { package })[package];
            Assert.IsNull(npm.Error);
            Assert.AreEqual(string.Join(" ", npm.Files), string.Join(" ", model.Files));
            Assert.AreEqual("Widget.csproj index.js package.json shared/ignore", string.Join(" ", model.Files));
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
            Directory.Delete(outside, recursive: true);
        }
    }

    [TestMethod]
    public void IgnoreFileLinkedOutOfTheRepository_IsNotRead_TheAnswerIsUnknown()
    {
        var repository = TestPaths.NewTempFolder("pkgfolder");
        var outside = TestPaths.NewTempFolder("outside");
        try
        {
            File.WriteAllText(Path.Combine(repository, "package.json"), "{\"name\": \"widget\"}");
            File.WriteAllText(Path.Combine(outside, "ignore"), "*\n");
            File.CreateSymbolicLink(Path.Combine(repository, ".gitignore"), Path.Combine(outside, "ignore"));
            var folder = new PackageFolderReader(new RepositoryFileSystem(repository), repository);
            Assert.IsNull(folder.ReadText(".gitignore"));
            var document = PackageJsonDocument.Parse(Encoding.UTF8.GetBytes("{\"name\": \"widget\"}")).Document!;
            Assert.IsFalse(PackFiles.Select(document.Root, folder).IsKnown);
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
            Directory.Delete(outside, recursive: true);
        }
    }
}
