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
}
