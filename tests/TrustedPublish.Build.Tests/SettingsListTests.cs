using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// A setting passes through several hands: the README's Properties table, the settings item the targets build,
/// the up-to-date cache, the task that reads the item, and the core's list of property values. A setting that is
/// missing from one of them silently does nothing (the tag pattern once never reached the cache); this test
/// fails the moment one place has a setting another lacks.
/// </summary>
[TestClass]
public sealed class SettingsListTests
{
    private static string Read(params string[] path) => File.ReadAllText(Path.Combine(new[] { TestPaths.RepositoryRoot }.Concat(path).ToArray()));

    /// <summary>Properties the targets themselves act on, not passed to the task as a setting.</summary>
    private static readonly string[] TargetsOnly = { "TrustedPublishEnabled", "TrustedPublishCheckOnly", "TrustedPublishRepositoryRoot" };

    /// <summary>Metadata the targets compute from other properties (folders), not settings of their own.</summary>
    private static readonly string[] ComputedMetadata = { "RepositoryRoot", "PackageDirectory", "PackageDirectoryProperty" };

    private static Dictionary<string, string> SettingsItemMetadata()
    {
        var targets = Read("build", "TrustedPublish.Build.targets");
        return Regex.Matches(targets, @"<_TrustedPublishSetting Include=""(?<name>\w+)"" Value=""\$\((?<property>\w+)\)"" />").ToDictionary(m => m.Groups["name"].Value, m => m.Groups["property"].Value);
    }

    [TestMethod]
    public void EveryReadmeProperty_IsASettingOrActedOnByTheTargets_AndEverySettingIsDocumented()
    {
        var readme = Read("README.md");
        var table = readme.Substring(readme.IndexOf("## Properties", StringComparison.Ordinal));
        table = table.Substring(0, table.IndexOf("\n## ", 3, StringComparison.Ordinal));
        var documented = Regex.Matches(table, @"^\| `(?<p>TrustedPublish\w+)` \|", RegexOptions.Multiline).Select(m => m.Groups["p"].Value).ToHashSet();
        var settings = SettingsItemMetadata().Values.Where(p => p.StartsWith("TrustedPublish", StringComparison.Ordinal)).ToHashSet();
        CollectionAssert.AreEquivalent(documented.OrderBy(p => p).ToList(), settings.Concat(TargetsOnly).OrderBy(p => p).ToList(),
            "README Properties table vs the settings item plus the properties only the targets use");
    }

    /// <summary>The settings are declared once: the cache and every task read that one list, whole.</summary>
    [TestMethod]
    public void TheOneListOfSettings_FeedsTheUpToDateCacheAndEveryTask()
    {
        var targets = Read("build", "TrustedPublish.Build.targets");
        Assert.IsTrue(SettingsItemMetadata().Count >= 19, "the list of settings is where the targets declare it");
        StringAssert.Contains(targets, @"<_TrustedPublishInputValue Include=""@(_TrustedPublishSetting->'%(Identity)=%(Value)')"" />", "the cache is written from the list, every value as it is");
        var invocations = Regex.Matches(targets, @"<(?:GenerateTrustedPublishFiles|VerifyTrustedPublishFiles|DiagnoseTrustedPublishing)\b[^>]*>").Select(m => m.Value).ToList();
        Assert.IsTrue(invocations.Count >= 3);
        foreach (var invocation in invocations)
        {
            StringAssert.Contains(invocation, @"Values=""@(_TrustedPublishSetting)""", "every task invocation gets the list");
        }

        Assert.AreEqual(1, Regex.Matches(targets, @"\$\(TrustedPublishTagPattern\)").Count, "a setting's property is read in one place in the targets");
    }

    [TestMethod]
    public void EverySetting_IsReadByTheTask_AndCheckedByTheCore()
    {
        var task = Read("src", "TrustedPublish.Build", "Tasks", "TrustedPublishTaskBase.cs");
        var read = Regex.Matches(task, @"(?:Value|GetMetadata)\(""(?<name>\w+)""\)").Select(m => m.Groups["name"].Value).ToHashSet();
        var inputs = Read("src", "TrustedPublish.Build.Core", "Model", "TrustedPublishInputs.cs");
        var named = Regex.Matches(inputs, @"new\[\] \{ ""(?<p>TrustedPublish\w+)"", ").Select(m => m.Groups["p"].Value).ToHashSet();
        foreach (var (metadata, property) in SettingsItemMetadata())
        {
            Assert.IsTrue(read.Contains(metadata), $"the task never reads {metadata} ({property})");
            if (property.StartsWith("TrustedPublish", StringComparison.Ordinal) && !ComputedMetadata.Contains(metadata) && metadata != "GenerateEnabled")
            {
                Assert.IsTrue(named.Contains(property), $"{property} is not in TrustedPublishInputs.NamedValues, so no blank-value check (TPB017) covers it");
            }
        }
    }

    /// <summary>
    /// The TrustedPublishActionPin items are the one input that is not a property: every task gets them, each item with
    /// all its metadata reaches the up-to-date cache (so changing one regenerates), the task reads that metadata, and the
    /// README documents the item with it.
    /// </summary>
    [TestMethod]
    public void ActionPinItems_ReachEveryTask_TheUpToDateCache_AndTheReadme()
    {
        var targets = Read("build", "TrustedPublish.Build.targets");
        var invocations = Regex.Matches(targets, @"<(?:GenerateTrustedPublishFiles|VerifyTrustedPublishFiles|DiagnoseTrustedPublishing)\b[^>]*>").Select(m => m.Value).ToList();
        Assert.IsTrue(invocations.Count >= 3);
        foreach (var invocation in invocations)
        {
            StringAssert.Contains(invocation, @"ActionPins=""@(TrustedPublishActionPin)""", "every task invocation gets the items");
        }

        var metadata = new[] { "Sha", "Version" };
        var cache = Regex.Match(targets, @"<_TrustedPublishInputValue Include=""@\(TrustedPublishActionPin->'(?<transform>[^']*)'\)"" />");
        Assert.IsTrue(cache.Success, "the items reach the up-to-date cache through a transform (never globbed)");
        foreach (var name in new[] { "Identity" }.Concat(metadata))
        {
            StringAssert.Contains(cache.Groups["transform"].Value, $"%({name})", $"{name} is in the cache");
        }

        var task = Read("src", "TrustedPublish.Build", "Tasks", "TrustedPublishTaskBase.cs");
        var readme = Read("README.md");
        var items = readme.Substring(readme.IndexOf("## Items", StringComparison.Ordinal));
        items = items.Substring(0, items.IndexOf("\n## ", 3, StringComparison.Ordinal));
        StringAssert.Contains(items, "| `TrustedPublishActionPin` |");
        foreach (var name in metadata)
        {
            StringAssert.Contains(task, $"GetMetadata(\"{name}\")", $"the task reads {name}");
            StringAssert.Contains(items, $"`{name}`", $"the README documents {name}");
        }
    }
}
