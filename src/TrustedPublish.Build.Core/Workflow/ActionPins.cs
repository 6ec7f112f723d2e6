namespace TrustedPublish.Build.Workflow;

/// <summary>
/// The actions the workflow uses, pinned to the commit their release tag pointed at (docs/sources.md,
/// "Action pins": resolved in the actions' own repositories). Pinning to a SHA keeps a moved or
/// hijacked tag from changing what runs with an OIDC token in reach (zizmor: unpinned-uses).
/// Update by changing a row here and the golden files; the README lists the same table.
/// </summary>
internal static class ActionPins
{
    public static readonly ActionPin Checkout = new("actions/checkout", "v7", "v7.0.1", "3d3c42e5aac5ba805825da76410c181273ba90b1");

    public static readonly ActionPin SetupNode = new("actions/setup-node", "v7", "v7.0.0", "820762786026740c76f36085b0efc47a31fe5020");

    public static ActionPin[] All { get; } = { Checkout, SetupNode };
}

/// <summary>One action: its repository, the major tag used unpinned, and the release and commit used pinned.</summary>
internal sealed class ActionPin
{
    public ActionPin(string repository, string majorTag, string release, string commit)
    {
        Repository = repository;
        MajorTag = majorTag;
        Release = release;
        Commit = commit;
    }

    public string Repository { get; }

    public string MajorTag { get; }

    public string Release { get; }

    public string Commit { get; }
}
