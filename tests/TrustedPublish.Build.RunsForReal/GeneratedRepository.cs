using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Tests;
using TrustedPublish.Build.Workflow;

namespace TrustedPublish.Build.RunsForReal;

/// <summary>
/// A user's npm repository as the README's quick start leaves it: widget.csproj beside package.json (whose `files` keeps
/// the .NET files out of the package), index.js, a test script and package-lock.json. Its workflow and package.json patch
/// are written by the real task (GenerateTrustedPublishFiles, in-process, as `dotnet build` runs it), never by hand.
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
    {
        Name = name;
        Version = version;
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
        var publishConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "package.json"))).RootElement.GetProperty("publishConfig");
        Assert.IsFalse(publishConfig.GetProperty("provenance").GetBoolean(), "the task patched package.json with provenance off");
    }

    public string Name { get; }

    public string Version { get; }

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

    /// <summary>Publishes this package at another version straight to Verdaccio, as the first version of a package is published by hand.</summary>
    public void PublishByHand(LocalRegistry registry, string version)
    {
        var folder = TestPaths.NewTempFolder("by-hand");
        try
        {
            var packageJson = File.ReadAllText(Path.Combine(Root, "package.json")).Replace($"\"version\": \"{Version}\"", $"\"version\": \"{version}\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "package.json"), packageJson);
            File.Copy(Path.Combine(Root, "index.js"), Path.Combine(folder, "index.js"));
            registry.PublishByHand(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void Write(string relative, string text) => File.WriteAllText(Path.Combine(Root, relative), text);

    public void Dispose() => _repository.Dispose();
}
