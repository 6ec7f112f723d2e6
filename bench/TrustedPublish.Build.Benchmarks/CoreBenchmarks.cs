using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using TrustedPublish.Build;
using TrustedPublish.Build.Model;
using TrustedPublish.Build.PackageJson;
using TrustedPublish.Build.Rules;
using TrustedPublish.Build.Verification;

BenchmarkSwitcher.FromAssembly(typeof(CoreBenchmarks).Assembly).Run(args);

/// <summary>The core's hot paths: what one build of a consumer project costs inside the task.</summary>
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private const string PackageJson = "{\n  \"name\": \"@acme/widget\",\n  \"version\": \"1.2.0\",\n  \"scripts\": {\n    \"build\": \"tsc\",\n    \"test\": \"node --test\"\n  }\n}\n";

    internal const string HandWritten = """
        name: Release
        on:
          push:
            tags: ['v*']
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
              - run: npm test
              - run: npm publish --access public
                working-directory: packages/other

        """;

    private TrustedPublishInputs _inputs = null!;
    private string _workflow = "";
    [GlobalSetup]
    public void Setup()
    {
        _inputs = Inputs(0);
        _workflow = TrustedPublishEngine.Generate(_inputs).Workflow!;
    }

    internal static TrustedPublishInputs Inputs(int workflows) => new()
    {
        ProjectPath = "widget.csproj",
        RepositoryUrl = "https://github.com/Acme-Org/widget",
        PackageJson = Encoding.UTF8.GetBytes(PackageJson),
        PackageManagerFolders = new[] { new PackageManagerFolder("", new[] { "package-lock.json" }) },
        GenerateEnabled = false,
        Workflows = Enumerable.Range(0, workflows).Select(i => new RepositoryFile($"/r/.github/workflows/w{i}.yml", $".github/workflows/w{i}.yml", HandWritten)).ToList(),
    };

    [Benchmark(Description = "generate: settings + workflow + package.json patch")]
    public string Generate() => TrustedPublishEngine.Generate(_inputs).Workflow!;

    [Benchmark(Description = "patch package.json (parse + minimal edit)")]
    public byte[] Patch() => PackageJsonPatcher.Patch(PackageJsonDocument.Parse(_inputs.PackageJson).Document!, new PackageJsonTarget { RepositoryUrl = "git+https://github.com/Acme-Org/widget.git" }).Bytes;

    [Benchmark(Description = "verify an up-to-date workflow")]
    public object? Verify() => WorkflowDrift.Check(_workflow, _workflow, "/r/.github/workflows/publish.yml", ".github/workflows/publish.yml");

}

/// <summary>The checks over a repository with many workflow files: the cost must grow linearly.</summary>
[MemoryDiagnoser]
public class RulesBenchmarks
{
    private TrustedPublishInputs _inputs = null!;

    /// <summary>How many hand-written workflows sit in .github/workflows.</summary>
    [Params(25, 50, 100, 200)]
    public int Workflows { get; set; }

    [GlobalSetup]
    public void Setup() => _inputs = CoreBenchmarks.Inputs(Workflows);

    [Benchmark(Description = "rules over N hand-written workflows")]
    public int Rules() => TrustedPublishEngine.Diagnose(_inputs).Diagnostics.Count;
}
