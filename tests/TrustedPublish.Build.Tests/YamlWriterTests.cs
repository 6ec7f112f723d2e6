using System.IO;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using TrustedPublish.Build.Workflow;
using YamlDotNet.RepresentationModel;

namespace TrustedPublish.Build.Tests;

[TestClass]
public sealed class YamlWriterTests
{
    /// <summary>Every UTF-16 code unit outside the surrogate range, double-quoted, reads back as itself with YamlDotNet.</summary>
    [TestMethod]
    public void DoubleQuoted_EveryCharacter_ReadsBackExactly()
    {
        var characters = Enumerable.Range(0, 0x10000).Where(c => c < 0xD800 || c > 0xDFFF).Select(c => (char)c).ToList();
        var builder = new StringBuilder();
        foreach (var chunk in characters.Chunk(64))
        {
            builder.Append("- ").Append(YamlWriter.DoubleQuoted(new string(chunk))).Append('\n');
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(builder.ToString()));
        var read = string.Concat(((YamlSequenceNode)stream.Documents[0].RootNode).Children.Select(n => ((YamlScalarNode)n).Value));
        Assert.AreEqual(new string(characters.ToArray()), read);
    }

    [TestMethod]
    public void DoubleQuoted_LineBreaksAndQuotes_StayOnOneLine()
    {
        var quoted = YamlWriter.DoubleQuoted("a\nb\r\"c\" \u2028 \u0085 # : ${{ x }}");
        Assert.IsFalse(quoted.Contains('\n') || quoted.Contains('\r') || quoted.Contains('\u2028') || quoted.Contains('\u0085'));
    }

    /// <summary>Every string the writer would leave plain reads back as itself; seeded random strings over the characters that matter.</summary>
    [TestMethod]
    public void Text_SafePlainOrQuoted_AlwaysReadsBackExactly()
    {
        const string alphabet = "ab1.-_:# ?,[]{}&*!|>'\"%@`~/+=^tnr";
        var random = new System.Random(20261127);
        var values = Enumerable.Range(0, 20_000).Select(_ => new string(Enumerable.Range(0, random.Next(1, 9)).Select(__ => alphabet[random.Next(alphabet.Length)]).ToArray()))
            .Concat(new[] { "npm run build:", "true", "null", "~", "1", "0x1F", ".5", "on", "Yes", "-", "npm run a:b" })
            .ToList();
        var builder = new StringBuilder();
        foreach (var value in values)
        {
            var writer = new YamlWriter();
            writer.BeginSequence();
            writer.Text(value);
            writer.EndSequence();
            builder.Append(writer.Finish());
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(builder.ToString()));
        var read = ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlScalarNode>().ToList();
        Assert.AreEqual(values.Count, read.Count);
        for (var i = 0; i < values.Count; i++)
        {
            Assert.AreEqual(values[i], read[i].Value, $"'{values[i]}' was written as {(YamlWriter.IsSafePlain(values[i]) ? "plain" : "quoted")}");
            if (YamlWriter.IsSafePlain(values[i]))
            {
                Assert.AreEqual(YamlDotNet.Core.ScalarStyle.Plain, read[i].Style);
            }
        }
    }
}
