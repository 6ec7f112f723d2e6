using System;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TrustedPublish.Build.Workflow;

/// <summary>
/// A thin layer over YamlDotNet's emitter: the caller says which scalars are fixed words (plain),
/// which are values that must stay strings (double-quoted, so no value can add a key or a step),
/// and which are scripts (literal blocks). The emitter does all escaping; output uses "\n" on every OS.
/// </summary>
internal sealed class YamlWriter
{
    private readonly StringWriter _text = new() { NewLine = "\n" };
    private readonly Emitter _emitter;

    public YamlWriter()
    {
        _emitter = new Emitter(_text, EmitterSettings.Default.WithNewLine("\n").WithBestIndent(2).WithBestWidth(int.MaxValue).WithIndentedSequences());
        _emitter.Emit(new StreamStart());
    }

    public void Comment(string text, bool inline = false) => _emitter.Emit(new Comment(text, inline));

    public void BeginDocument() => _emitter.Emit(new DocumentStart(null, null, isImplicit: true));

    public void EndDocument() => _emitter.Emit(new DocumentEnd(isImplicit: true));

    public void BeginMap() => _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));

    public void EndMap() => _emitter.Emit(new MappingEnd());

    public void EmptyMap(string key)
    {
        Key(key);
        _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Flow));
        _emitter.Emit(new MappingEnd());
    }

    public void BeginSequence() => _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));

    public void EndSequence() => _emitter.Emit(new SequenceEnd());

    /// <summary>A key: always a fixed word of the workflow syntax.</summary>
    public void Key(string key) => Plain(key);

    /// <summary>A fixed word or expression this generator wrote itself (never a user's value).</summary>
    public void Plain(string value) => Scalar(value, ScalarStyle.Plain);

    /// <summary>A value that must be read back as exactly this string.</summary>
    public void Quoted(string value) => Scalar(value, ScalarStyle.DoubleQuoted);

    public void Literal(string script)
    {
        if (!script.EndsWith("\n", StringComparison.Ordinal))
        {
            script += "\n";
        }

        Scalar(script, ScalarStyle.Literal);
    }

    public void PlainEntry(string key, string value)
    {
        Key(key);
        Plain(value);
    }

    public void QuotedEntry(string key, string value)
    {
        Key(key);
        Quoted(value);
    }

    public string Finish()
    {
        _emitter.Emit(new StreamEnd());
        return _text.ToString();
    }

    private void Scalar(string value, ScalarStyle style) =>
        _emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, style, isPlainImplicit: true, isQuotedImplicit: true));
}
