using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Tests;
using TrustedPublish.Build.Workflow;

namespace TrustedPublish.Build.RunsForReal;

/// <summary>
/// A user's npm repository as the README's quick start leaves it: widget.csproj beside package.json (whose `files` keeps
/// the .NET files out of the package), index.js, a test script and package-lock.json; or (<see cref="FromFixture"/>) a
/// pnpm, Yarn, Bun or npm-workspace repository from Repositories/ with widget.csproj at its root; or (<see cref="Workspace"/>)
/// such a repository whose widget.csproj lists several packages as TrustedPublishPackage items. Its workflow and
/// package.json patch are written by the real task (GenerateTrustedPublishFiles, in-process, as `dotnet build` runs it),
/// never by hand.
/// </summary>
internal sealed class GeneratedRepository : IDisposable
{
    /// <summary>The GitHub repository the project names (RepositoryUrl), so the one its package.json is patched to.</summary>
    public const string GitHubRepository = "Acme-Org/widget";

    private readonly TaskRepository _repository = new();

    /// <param name="name">package.json's name.</param>
    /// <param name="version">package.json's version.</param>
    /// <param name="settings">TrustedPublish* settings by their short name (as the targets pass them), over TrustedPublishProvenance=false.</param>
    public GeneratedRepository(string name, string version, IReadOnlyDictionary<string, string>? settings = null)
        : this(root => WriteNpmRepository(root, name, version), "", null, settings)
    {
    }

    private GeneratedRepository(Action<string> populate, string packageDirectory, IReadOnlyList<string>? listed, IReadOnlyDictionary<string, string>? settings)
    {
        populate(Root);
        PackageDirectory = packageDirectory;
        if (packageDirectory.Length > 0)
        {
            // TrustedPublishPackageDirectory: the project at the repository root, the package in a workspace folder.
            _repository.Metadata["PackageDirectory"] = _repository.Path_(packageDirectory) + Path.DirectorySeparatorChar;
            _repository.Metadata["PackageDirectoryProperty"] = packageDirectory;
        }

        if (listed != null)
        {
            // <TrustedPublishPackage Include="packages/a" /> in widget.csproj, passed to the task as the targets pass the items.
            ListedPackages = listed;
            var items = string.Concat(listed.Select(folder => $"    <TrustedPublishPackage Include=\"{folder}\" />\n"));
            File.WriteAllText(_repository.ProjectFile, $"<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n{items}  </ItemGroup>\n</Project>\n");
            _repository.Packages.AddRange(listed.Select(folder => new Microsoft.Build.Utilities.TaskItem(folder)));
        }
        else
        {
            var manifest = JsonDocument.Parse(File.ReadAllText(PackageJsonPath)).RootElement;
            _name = manifest.GetProperty("name").GetString()!;
            _version = manifest.GetProperty("version").GetString()!;
        }

        // Provenance off: with it, npm asks Sigstore (Fulcio, Rekor) for a signed statement, which needs the internet.
        _repository.Metadata["Provenance"] = "false";
        _repository.Metadata["RepositoryUrl"] = "https://github.com/" + GitHubRepository;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _repository.Metadata[key] = value;
        }

        var (succeeded, engine) = _repository.Generate();
        if (!succeeded || engine.Errors.Any())
        {
            _repository.Dispose();
            Assert.Fail("the task failed on the repository:\n" + engine.Log);
        }

        WorkflowText = File.ReadAllText(_repository.WorkflowPath);
        WorkflowBytes = File.ReadAllBytes(_repository.WorkflowPath);
        foreach (var folder in ListedPackages ?? new[] { packageDirectory })
        {
            var publishConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, folder, "package.json"))).RootElement.GetProperty("publishConfig");
            Assert.IsFalse(publishConfig.GetProperty("provenance").GetBoolean(), $"the task patched {folder}/package.json with provenance off");
        }
    }

    /// <summary>
    /// A repository of another package manager, copied from Repositories/&lt;fixture&gt; (package.json files, real lockfiles
    /// written by that manager, the scripts; see Repositories/README.md), with widget.csproj at its root.
    /// </summary>
    /// <param name="fixture">The folder under Repositories.</param>
    /// <param name="packageDirectory">The package's folder in the repository ("" at the root), as TrustedPublishPackageDirectory.</param>
    /// <param name="settings">As for the npm repository.</param>
    public static GeneratedRepository FromFixture(string fixture, string packageDirectory = "", IReadOnlyDictionary<string, string>? settings = null)
    {
        var source = Path.Combine(TestPaths.RepositoryRoot, "tests", "TrustedPublish.Build.RunsForReal", "Repositories", fixture);
        Assert.IsTrue(Directory.Exists(source), source);
        return new GeneratedRepository(root => CopyTree(source, root), packageDirectory, null, settings);
    }

    /// <summary>
    /// A workspace from Repositories/&lt;fixture&gt; whose widget.csproj (at the repository root) lists <paramref name="packages"/> as
    /// TrustedPublishPackage items: the task writes the one workflow that publishes them all.
    /// </summary>
    public static GeneratedRepository Workspace(string fixture, IReadOnlyList<string> packages, IReadOnlyDictionary<string, string>? settings = null)
    {
        var source = Path.Combine(TestPaths.RepositoryRoot, "tests", "TrustedPublish.Build.RunsForReal", "Repositories", fixture);
        Assert.IsTrue(Directory.Exists(source), source);
        return new GeneratedRepository(root => CopyTree(source, root), "", packages, settings);
    }

    private readonly string? _name;

    private readonly string? _version;

    /// <summary>The package's name (one package; a workspace: <see cref="NameOf"/>).</summary>
    public string Name => _name ?? throw new InvalidOperationException("A workspace has several packages: NameOf(folder).");

    /// <summary>The package's version (one package; a workspace: <see cref="VersionOf"/>).</summary>
    public string Version => _version ?? throw new InvalidOperationException("A workspace has several packages: VersionOf(folder).");

    /// <summary>The folders the project lists as TrustedPublishPackage items (null for one package).</summary>
    public IReadOnlyList<string>? ListedPackages { get; }

    /// <summary>The workflow's bytes exactly as the task first wrote them.</summary>
    public byte[] WorkflowBytes { get; }

    public string PackageJsonOf(string folder) => Path.Combine(Root, folder, "package.json");

    public string NameOf(string folder) => JsonDocument.Parse(File.ReadAllText(PackageJsonOf(folder))).RootElement.GetProperty("name").GetString()!;

    public string VersionOf(string folder) => JsonDocument.Parse(File.ReadAllText(PackageJsonOf(folder))).RootElement.GetProperty("version").GetString()!;

    /// <summary>Sets a listed package's version in its package.json (only that line changes), as a release tool bumps it.</summary>
    public void SetVersion(string folder, string version)
    {
        var text = File.ReadAllText(PackageJsonOf(folder));
        var line = $"\"version\": \"{VersionOf(folder)}\"";
        Assert.AreEqual(1, text.Split(line).Length - 1, text);
        File.WriteAllText(PackageJsonOf(folder), text.Replace(line, $"\"version\": \"{version}\"", StringComparison.Ordinal));
    }

    /// <summary>The workflow file as it is on disk now.</summary>
    public byte[] WorkflowOnDisk() => File.ReadAllBytes(_repository.WorkflowPath);

    /// <summary>The package's folder relative to the repository root, "" at the root.</summary>
    public string PackageDirectory { get; }

    public string PackageJsonPath => Path.Combine(Root, PackageDirectory, "package.json");

    /// <summary>The repository's folder: what actions/checkout puts in the workspace.</summary>
    public string Root => _repository.Root;

    public string WorkflowFile => Path.GetFileName(_repository.WorkflowPath);

    /// <summary>The workflow exactly as the task wrote it.</summary>
    public string WorkflowText { get; }

    /// <summary>
    /// The workflow under test: the generated one with only npmjs.org's URL (<see cref="WorkflowGenerator.Registry"/>) replaced by
    /// the local registry's. Nothing else is changed.
    /// </summary>
    public string WorkflowFor(LocalRegistry registry)
    {
        Assert.IsTrue(WorkflowText.Contains(WorkflowGenerator.Registry, StringComparison.Ordinal), "the generated workflow names npmjs.org's registry");
        var text = WorkflowText.Replace(WorkflowGenerator.Registry, registry.Url, StringComparison.Ordinal);
        Assert.IsFalse(text.Contains("npmjs", StringComparison.Ordinal), "no other npmjs.org address is left:\n" + text);
        return text;
    }

    /// <summary>The task run again on the repository as it is now, as `dotnet build` (generate) or CI's drift check (verify) runs it.</summary>
    public (bool Succeeded, InProcessTask Engine) Generate() => _repository.Generate();

    /// <inheritdoc cref="Generate"/>
    public (bool Succeeded, InProcessTask Engine) Verify() => _repository.Verify();

    /// <summary>
    /// Publishes this package at another version straight to Verdaccio, as the first version of a package is published by hand
    /// (without its dependencies: a workspace: range there would be published as written).
    /// </summary>
    public void PublishByHand(LocalRegistry registry, string version) => PublishByHand(registry, PackageDirectory, version);

    /// <summary>As <see cref="PublishByHand(LocalRegistry, string)"/>, for the package in <paramref name="packageDirectory"/> (a listed package's folder, in a workspace).</summary>
    public void PublishByHand(LocalRegistry registry, string packageDirectory, string version)
    {
        var folder = TestPaths.NewTempFolder("by-hand");
        try
        {
            var packageJson = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, packageDirectory, "package.json")))!.AsObject();
            packageJson["version"] = version;
            foreach (var field in new[] { "dependencies", "optionalDependencies", "peerDependencies", "devDependencies" })
            {
                packageJson.Remove(field);
            }

            File.WriteAllText(Path.Combine(folder, "package.json"), packageJson.ToJsonString());
            File.Copy(Path.Combine(Root, packageDirectory, "index.js"), Path.Combine(folder, "index.js"));
            registry.PublishByHand(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void WriteNpmRepository(string root, string name, string version)
    {
        void Write(string relative, string text) => File.WriteAllText(Path.Combine(root, relative), text);
        Write("package.json", $$"""
            {
              "name": "{{name}}",
              "version": "{{version}}",
              "description": "A package published by the generated workflow, run for real",
              "main": "index.js",
              "files": ["index.js"],
              "scripts": {
                "test": "node test.js"
              },
              "license": "MIT"
            }

            """);
        Write("package-lock.json", $$"""
            {
              "name": "{{name}}",
              "version": "{{version}}",
              "lockfileVersion": 3,
              "requires": true,
              "packages": {
                "": {
                  "name": "{{name}}",
                  "version": "{{version}}",
                  "license": "MIT"
                }
              }
            }

            """);
        Write("index.js", "exports.hello = () => \"hello\";\n");
        Write("test.js", "if (require(\"./index.js\").hello() !== \"hello\") { process.exit(1); }\nconsole.log(\"widget tests passed\");\n");
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    public void Dispose() => _repository.Dispose();
}
