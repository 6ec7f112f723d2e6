using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace TrustedPublish.Build.Tests;

/// <summary>
/// Compares output with a checked-in file byte for byte. To accept a deliberate change, run the tests
/// with TPB_UPDATE_GOLDEN=1 and review the diff of tests/TrustedPublish.Build.Tests/Golden.
/// </summary>
public static class Golden
{
    public static string PathOf(string name) => Path.Combine(TestPaths.Golden, name);

    public static void AssertMatches(string name, string actual)
    {
        var path = PathOf(name);
        if (Environment.GetEnvironmentVariable("TPB_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.IsTrue(File.Exists(path), $"Golden file {path} is missing; run the tests with TPB_UPDATE_GOLDEN=1 to create it.");
        var expected = File.ReadAllText(path);
        if (expected == actual)
        {
            return;
        }

        // Name the first differing line instead of dumping two whole files.
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        var golden = line < expectedLines.Length ? expectedLines[line] : "<end of file>";
        var output = line < actualLines.Length ? actualLines[line] : "<end of file>";
        Assert.Fail($"Output differs from {path} at line {line + 1}:\n  golden: {golden}\n  output: {output}\nIf the change is intended, run with TPB_UPDATE_GOLDEN=1 and review the diff.");
    }
}
