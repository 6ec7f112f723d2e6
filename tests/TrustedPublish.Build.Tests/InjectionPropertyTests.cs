using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Model;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Property-based: thousands of settings with hostile values in every property. Each one either gives
/// TPB errors only (and no workflow), or a workflow that, parsed back, has exactly the intended structure
/// and values: no value adds a key, a step or an expression. Seeded and reproducible: the seed and the
/// failing case are printed on failure; set TPB_INJECTION_SEED to replay one run.
/// </summary>
[TestClass]
public sealed class InjectionPropertyTests
{
    public TestContext TestContext { get; set; } = null!;

    private const int Cases = 10_000;

    private static readonly string[] Hostile =
    {
        "\n", "\r\n", "\r", ": ", "#", " #x", "'", "\"", "${{ secrets.NPM_TOKEN }}", "${{", "}}", "*", "&a", "*a", "!", "!!str", "|", ">", "- ", "? ",
        "---", "...", "[", "]", "{", "}", ",", "%", "@", "`", "\t", "\0", "\u0007", "\u2028", "\u0085", "\uFEFF", "é", "世界", "🚀", "null", "true", "~",
        "on", "yes", "0x1F", "1e3", "  ", "\\", "/", "../", "$(pwd)", "; rm -rf /", "&& curl x", "\nrun: evil", "\n  - run: evil", "\" \nkey: v",
    };

    private static readonly Dictionary<string, string[]> Valid = new()
    {
        ["Owner"] = new[] { "", "Acme-Org", "a" },
        ["Repository"] = new[] { "", "widget", "my.repo_x-1" },
        ["PackageName"] = new[] { "", "@acme/widget", "hello-npm" },
        ["NodeVersion"] = new[] { "", "24", "22.14", "26.x" },
        ["WorkflowFile"] = new[] { "", "publish.yml", "release-npm.yaml" },
        ["Environment"] = new[] { "", "npm", "release env" },
        ["Access"] = new[] { "", "public", "restricted" },
        ["Provenance"] = new[] { "", "true", "false" },
        ["TagPattern"] = new[] { "", "v*", "release/*" },
        ["DistTag"] = new[] { "", "next", "beta" },
        ["RunsOn"] = new[] { "", "ubuntu-latest", "macos-latest" },
        ["PinActions"] = new[] { "", "true", "false" },
        ["CheckScripts"] = new[] { "", "test", "build;lint:ci" },
        ["RepositoryUrl"] = new[] { "https://github.com/Acme-Org/widget", "git@github.com:o/r.git" },
        ["PackageDirectory"] = new[] { "", "packages/widget" },
        ["ProjectPath"] = new[] { "widget.csproj", "src/a b/x.csproj" },
    };

    [TestMethod]
    public void HostileSettings_NeverChangeTheWorkflowsStructure()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TPB_INJECTION_SEED"), out var fixedSeed) ? fixedSeed : Environment.TickCount;
        var random = new Random(seed);
        var accepted = 0;
        var rejected = 0;
        var hostileAccepted = 0;
        var properties = Valid.Keys.ToList();
        var perProperty = properties.ToDictionary(p => p, _ => (Generated: 0, Rejected: 0));
        for (var i = 0; i < Cases; i++)
        {
            // Every property gets its share of hostile values: one per case in turn, sometimes a second at random.
            var values = Valid.ToDictionary(p => p.Key, p => Pick(random, p.Value));
            var hostileProperties = new List<string> { properties[i % properties.Count] };
            if (random.Next(5) == 0)
            {
                hostileProperties.Add(properties[random.Next(properties.Count)]);
            }

            foreach (var property in hostileProperties)
            {
                values[property] = Mutate(random, values[property]);
            }

            var inputs = TestInputs.Create(PackageJsonFor(random), values["RepositoryUrl"]);
            foreach (var (property, value) in values)
            {
                typeof(TrustedPublishInputs).GetProperty(property)!.SetValue(inputs, value);
            }

            try
            {
                var result = TrustedPublishEngine.Generate(inputs);
                if (result.Workflow == null)
                {
                    Assert.IsTrue(result.Diagnostics.Count > 0 && result.Diagnostics.All(d => d.Code.StartsWith("TPB", StringComparison.Ordinal)), "a rejected input must say why with a TPB code");
                    rejected++;
                    var first = hostileProperties[0];
                    perProperty[first] = (perProperty[first].Generated, perProperty[first].Rejected + 1);
                    continue;
                }

                AssertIntendedStructure(result.Workflow, result.Settings!, values);
                accepted++;
                hostileAccepted++;
                perProperty[hostileProperties[0]] = (perProperty[hostileProperties[0]].Generated + 1, perProperty[hostileProperties[0]].Rejected);
            }
            catch (Exception ex)
            {
                var shown = string.Join(", ", values.Select(v => $"{v.Key}={Escape(v.Value)}"));
                throw new AssertFailedException($"Case {i} of seed {seed} failed (replay with TPB_INJECTION_SEED={seed}): {ex.Message}\nSettings: {shown}", ex);
            }
        }

        TestContext.WriteLine($"seed {seed}: {Cases} cases, {accepted} generated with a hostile value in place, {rejected} rejected with a TPB error, 0 structure changes");
        foreach (var (property, counts) in perProperty)
        {
            TestContext.WriteLine($"  {property}: {counts.Generated} generated, {counts.Rejected} rejected");
        }
        Assert.IsTrue(accepted > Cases / 10 && rejected > Cases / 10, $"the generator must see both kinds: {accepted} accepted, {rejected} rejected");
        Assert.IsTrue(hostileAccepted > 100, "hostile values must also reach the YAML (through quoted fields), not only be rejected");
    }

    private static void AssertIntendedStructure(string workflow, PublishSettings settings, Dictionary<string, string> values)
    {
        var stream = new YamlStream();
        stream.Load(new System.IO.StringReader(workflow));
        Assert.AreEqual(1, stream.Documents.Count, "one document");
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        CollectionAssert.AreEqual(new[] { "name", "on", "permissions", "concurrency", "jobs" }, Keys(root));
        var jobs = (YamlMappingNode)root["jobs"];
        CollectionAssert.AreEqual(new[] { "publish" }, Keys(jobs));
        var job = (YamlMappingNode)jobs["publish"];
        var expectedJobKeys = new List<string> { "name", "runs-on" };
        if (settings.Environment != null)
        {
            expectedJobKeys.Add("environment");
        }

        expectedJobKeys.AddRange(new[] { "permissions", "defaults", "steps" });
        CollectionAssert.AreEqual(expectedJobKeys, Keys(job));

        // Values read back exactly as set.
        Assert.AreEqual("Publish " + settings.PackageName + " to npm", Scalar(root, "name"));
        Assert.AreEqual(settings.TagPattern, ((YamlScalarNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)root["on"])["push"])["tags"]).Children.Single()).Value);
        Assert.AreEqual(settings.RunsOn, Scalar(job, "runs-on"));
        if (settings.Environment != null)
        {
            Assert.AreEqual(values["Environment"], Scalar(job, "environment"));
        }

        var run = (YamlMappingNode)((YamlMappingNode)job["defaults"])["run"];
        Assert.AreEqual(values["PackageDirectory"].Length == 0 ? 1 : 2, run.Children.Count);
        if (values["PackageDirectory"].Length > 0)
        {
            Assert.AreEqual(values["PackageDirectory"], Scalar(run, "working-directory"));
        }

        // Steps: exactly the intended ones, in order.
        var steps = ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().ToList();
        var expectedSteps = 2 + (settings.Node.NeedsNpmUpgrade ? 1 : 0) + 1 + settings.CheckScripts.Count + 2;
        Assert.AreEqual(expectedSteps, steps.Count, "no value may add or remove a step");
        var setupNode = (YamlMappingNode)steps[1]["with"];
        Assert.AreEqual(settings.Node.Spec, Scalar(setupNode, "node-version"));
        var preflightEnv = (YamlMappingNode)steps[^2]["env"];
        Assert.AreEqual(NameRules.LiteralPrefix(settings.TagPattern), Scalar(preflightEnv, "TAG_PREFIX"));
        Assert.AreEqual(settings.DistTag == null ? 3 : 4, preflightEnv.Children.Count);

        // Exactly one expression in the whole file, the one the generator writes itself.
        var expressions = AllScalars(root).Where(s => s.Contains("${{", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEqual(new[] { "${{ steps.preflight.outputs.dist_tag }}" }, expressions);

        // Comments cannot break out either: every line that is not inside a scalar parses as part of the tree above.
        Assert.IsFalse(workflow.Contains('\r'), "LF only");
    }

    private static List<string> Keys(YamlMappingNode node) => node.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static IEnumerable<string> AllScalars(YamlNode node) => node switch
    {
        YamlScalarNode scalar => new[] { scalar.Value ?? "" },
        YamlSequenceNode sequence => sequence.Children.SelectMany(AllScalars),
        YamlMappingNode mapping => mapping.Children.SelectMany(e => AllScalars(e.Key).Concat(AllScalars(e.Value))),
        _ => Array.Empty<string>(),
    };

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];

    /// <summary>Puts hostile fragments before, inside or after a value, or replaces it; sometimes makes it very long.</summary>
    private static string Mutate(Random random, string value)
    {
        var builder = new StringBuilder(value);
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            builder.Insert(random.Next(builder.Length + 1), Pick(random, Hostile));
        }

        switch (random.Next(8))
        {
            case 0: return " " + builder + " ";
            case 1: return builder.ToString() + new string('x', 300 + random.Next(5000));
            case 2: return Pick(random, Hostile);
            default: return builder.ToString();
        }
    }

    private static string PackageJsonFor(Random random)
    {
        var version = random.Next(3) == 0 ? "1.2.0-beta.1" : "1.2.0";
        var scripts = random.Next(2) == 0 ? "\"test\": \"node --test\", \"lint:ci\": \"x\"" : "\"build\": \"tsc\"";
        return "{\n  \"name\": \"hello-npm\",\n  \"version\": \"" + version + "\",\n  \"scripts\": {" + scripts + "}\n}\n";
    }

    private static string Escape(string value)
    {
        var shown = value.Length > 60 ? value.Substring(0, 60) + $"...({value.Length} chars)" : value;
        return "\"" + string.Concat(shown.Select(c => c < 0x20 || c == '"' || c == '\\' || (c >= 0x7F && c <= 0x9F) || c == '\u2028' ? $"\\u{(int)c:x4}" : c.ToString())) + "\"";
    }
}
