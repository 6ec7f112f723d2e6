using System.Collections.Generic;
using System.Linq;
using System.Text;
using TrustedPublish.Build.Diagnostics;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.Rules;

namespace TrustedPublish.Build.Tests;

/// <summary>Runs the rules over a made-up repository: workflow files by name, package.json, .npmrc files.</summary>
internal sealed class RuleHarness
{
    public const string PackageJson = "{\n  \"name\": \"@acme/widget\",\n  \"version\": \"1.0.0\",\n  \"repository\": {\n    \"type\": \"git\",\n    \"url\": \"git+https://github.com/Acme-Org/widget.git\"\n  },\n  \"publishConfig\": {\n    \"access\": \"public\"\n  }\n}\n";

    /// <summary>A correct hand-written OIDC workflow: the base every rule fixture changes one thing in.</summary>
    public const string GoodWorkflow = """
        name: Release
        on:
          push:
            tags: ['v*']
        permissions:
          contents: read
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              id-token: write
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-node@v4
                with:
                  node-version: '24'
              - run: npm ci
              - run: npm publish --access public

        """;

    public Dictionary<string, string> Workflows { get; } = new() { ["publish.yml"] = GoodWorkflow };

    public Dictionary<string, string> Npmrcs { get; } = new();

    public string PackageJsonText { get; set; } = PackageJson;

    public bool HandMaintained { get; set; } = true;

    /// <summary>The package folder's files (relative paths, package.json added); null: no package folder is looked at.</summary>
    public List<string>? PackageFiles { get; set; }

    /// <summary>The text of each ignore file in the package folder (".npmignore", "obj/.gitignore").</summary>
    public Dictionary<string, string> IgnoreTexts { get; } = new();

    public System.Action<TrustedPublishInputs>? Configure { get; set; }

    public List<Diagnostic> Run() => TrustedPublishEngine.Run(Inputs()).Diagnostics.ToList();

    /// <summary>The inputs a build of this made-up repository hands the engine.</summary>
    public TrustedPublishInputs Inputs()
    {
        var inputs = TestInputs.Create(PackageJsonText, "https://github.com/Acme-Org/widget");
        inputs.GenerateEnabled = !HandMaintained;
        inputs.Workflows = Workflows.Select(w => new RepositoryFile("/repo/.github/workflows/" + w.Key, ".github/workflows/" + w.Key, w.Value)).ToList();
        inputs.Npmrcs = Npmrcs.Select(n => new RepositoryFile("/repo/" + n.Key, n.Key, n.Value)).ToList();
        if (PackageFiles != null)
        {
            inputs.PackageFolder = new PackageFolderFromPaths(PackageFiles.Concat(IgnoreTexts.Keys).Append("package.json"), IgnoreTexts);
        }

        Configure?.Invoke(inputs);
        return inputs;
    }

    /// <summary>What the rules see for this repository, as the doctor builds it (every workflow, generated or not).</summary>
    public RuleContext Context()
    {
        var inputs = Inputs();
        var document = TrustedPublish.Build.PackageJson.PackageJsonDocument.Parse(inputs.PackageJson).Document!;
        var settings = SettingsResolver.Resolve(inputs, document, new List<Diagnostic>())!;
        return new RuleContext(settings, document, inputs.PackageJsonPath, inputs.Workflows, inputs.Npmrcs, handMaintained: !inputs.GenerateEnabled) { PackageManagerFile = inputs.OtherPackageManagerFile };
    }

    /// <summary>The workflow a build of this repository's project writes with the default settings (publish.yml).</summary>
    public string GeneratedWorkflow() => TrustedPublishEngine.Generate(TestInputs.Create(PackageJsonText, "https://github.com/Acme-Org/widget")).Workflow!;

    /// <summary>"CODE file:line:col" for each finding, for exact comparisons.</summary>
    public List<string> Findings() => Run().Select(d => $"{d.Code} {System.IO.Path.GetFileName(d.File)}:{d.Line}:{d.Column}").ToList();

    public static string Replace(string text, string from, string to)
    {
        var index = text.IndexOf(from, System.StringComparison.Ordinal);
        if (index < 0)
        {
            throw new System.ArgumentException($"fixture does not contain '{from}'");
        }

        return new StringBuilder(text).Remove(index, from.Length).Insert(index, to).ToString();
    }
}
