using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// .npmrc read the way npm reads it (comments, quotes), in one pass: lines that made the old backtracking
/// expression take minutes give the right answer. No stopwatch: the timeout only keeps a regression from
/// hanging the run.
/// </summary>
[TestClass]
public sealed class NpmrcReadingTests
{
    private static string NpmrcFindings(string npmrc)
    {
        var harness = new RuleHarness();
        harness.Npmrcs[".npmrc"] = npmrc;
        return string.Join(" | ", harness.Findings());
    }

    /// <summary>Name: (.npmrc text, expected findings). Looked up by name so that a failure does not print a megabyte.</summary>
    private static readonly Dictionary<string, (string Npmrc, string Expected)> LongLines = new()
    {
        ["a value followed by a megabyte of spaces and a comment"] = ("registry=https://mirror.example.com/" + new string(' ', 1_000_000) + "; mirror", "TPB061 .npmrc:1:1"),
        ["a key followed by a megabyte of spaces and no '='"] = ("registry" + new string(' ', 1_000_000) + "x", ""),
        ["100 KB of 'a' without '='"] = (new string('a', 100_000), ""),
        ["100 KB of 'a ' without '='"] = (string.Concat(Enumerable.Repeat("a ", 50_000)), ""),
        ["100 KB of '=' after a key"] = ("registry=" + new string('=', 100_000), "TPB061 .npmrc:1:1"),
    };

    public static IEnumerable<object[]> LongLineNames() => LongLines.Keys.Select(k => new object[] { k });

    [TestMethod]
    [Timeout(10_000)]
    [DynamicData(nameof(LongLineNames))]
    public void Npmrc_LongHostileLine_IsReadInOnePass(string name)
    {
        Assert.AreEqual(LongLines[name].Expected, NpmrcFindings(LongLines[name].Npmrc), name);
    }

    [TestMethod]
    [DataRow("registry=https://registry.npmjs.org/ # the public registry", "")]
    [DataRow("registry=https://registry.npmjs.org/ ; the public registry", "")]
    [DataRow("registry = \"https://registry.npmjs.org/\"", "")]
    [DataRow("registry='https://registry.npmjs.org/'", "")]
    [DataRow("registry=HTTP://Registry.NPMJS.org", "")]
    [DataRow("registry=https://registry.npmjs.org.example.com/", "TPB061 .npmrc:1:1")]
    [DataRow("  registry=https://mirror.example.com/ ; a mirror", "TPB061 .npmrc:1:3")]
    [DataRow("[section]\nsave-exact=true\r\nregistry=https://mirror.example.com/", "TPB061 .npmrc:3:1")]
    [DataRow("# registry=https://mirror.example.com/", "")]
    [DataRow("\"//registry.npmjs.org/:_authToken\"=npm_SECRETVALUE123", "TPB063 .npmrc:1:1")]
    [DataRow("//registry.npmjs.org/:_authToken=${NPM_TOKEN} ; set by CI", "TPB062 .npmrc:1:1")]
    public void Npmrc_CommentsAndQuotes_AreReadAsNpmReadsThem(string npmrc, string expected)
    {
        Assert.AreEqual(expected, NpmrcFindings(npmrc), npmrc);
    }

    [TestMethod]
    public void Npmrc_ValueWithAComment_IsShownWithoutTheComment()
    {
        var harness = new RuleHarness();
        harness.Npmrcs[".npmrc"] = "registry=https://mirror.example.com/ ; a mirror\n";
        var message = harness.Run().Single().Message;
        StringAssert.Contains(message, "sets registry to https://mirror.example.com/;");
        Assert.IsFalse(message.Contains("a mirror", StringComparison.Ordinal), message);
    }
}
