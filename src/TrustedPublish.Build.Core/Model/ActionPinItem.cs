namespace TrustedPublish.Build.Model;

/// <summary>
/// One <c>&lt;TrustedPublishActionPin Include="actions/checkout" Sha="…" Version="v7.2.0" /&gt;</c> item, as plain values:
/// the action (Include), its metadata, and the file that defines it with that file's text, to point errors at the item's line.
/// </summary>
internal sealed class ActionPinItem
{
    public ActionPinItem(string action, string sha, string version, string? file = null, string? fileText = null)
    {
        Action = action;
        Sha = sha;
        Version = version;
        File = file;
        FileText = fileText;
    }

    public string Action { get; }

    public string Sha { get; }

    public string Version { get; }

    /// <summary>The project or imported file that defines the item (MSBuild's DefiningProjectFullPath); null for the project itself.</summary>
    public string? File { get; }

    public string? FileText { get; }
}
