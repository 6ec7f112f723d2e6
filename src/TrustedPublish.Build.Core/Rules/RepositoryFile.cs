namespace TrustedPublish.Build.Rules;

/// <summary>A text file of the repository handed to the rules: where it is and what it holds.</summary>
internal sealed class RepositoryFile
{
    public RepositoryFile(string path, string relativePath, string text)
    {
        Path = path;
        RelativePath = relativePath;
        Text = text;
    }

    /// <summary>Full path, for diagnostics.</summary>
    public string Path { get; }

    /// <summary>Relative to the repository root, forward slashes, for messages.</summary>
    public string RelativePath { get; }

    public string Text { get; }

    public string FileName => RelativePath.Substring(RelativePath.LastIndexOf('/') + 1);
}
