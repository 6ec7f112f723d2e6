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

    /// <summary>The NuGet workflow's .NET setup (v6.0.0 is the commit the v6 tag points at).</summary>
    public static readonly ActionPin SetupDotNet = new("actions/setup-dotnet", "v6", "v6.0.0", "a98b56852c35b8e3190ac28c8c2271da59106c68");

    /// <summary>The NuGet workflow's OIDC exchange for a temporary nuget.org API key (v1.2.0 is the commit the v1 tag points at).</summary>
    public static readonly ActionPin NuGetLogin = new("NuGet/login", "v1", "v1.2.0", "8d196754b4036150537f80ac539e15c2f1028841");

    public static ActionPin[] All { get; } = { Checkout, SetupNode, SetupDotNet, NuGetLogin };
}

/// <summary>One action: its repository, the major tag used unpinned, and the release and commit used pinned.</summary>
internal sealed class ActionPin
{
    public ActionPin(string repository, string majorTag, string release, string commit)
        : this(repository, majorTag, release, commit, PinSource.Package)
    {
    }

    private ActionPin(string repository, string majorTag, string release, string commit, PinSource source)
    {
        Repository = repository;
        MajorTag = majorTag;
        Release = release;
        Commit = commit;
        Source = source;
    }

    public string Repository { get; }

    public string MajorTag { get; }

    public string Release { get; }

    public string Commit { get; }

    /// <summary>Where this pin came from: the package, a project item, or the committed workflow.</summary>
    public PinSource Source { get; }

    /// <summary>The same action pinned to another release and commit; the major tag (for unpinned workflows) stays the package's.</summary>
    public ActionPin With(string release, string commit, PinSource source) => new(Repository, MajorTag, release, commit, source);
}

/// <summary>Who chose a pin, for messages that say why the generator writes it.</summary>
internal enum PinSource
{
    /// <summary>The table in <see cref="ActionPins"/>.</summary>
    Package,

    /// <summary>A TrustedPublishActionPin item in the project.</summary>
    ProjectItem,

    /// <summary>The committed workflow, updated by Dependabot, Renovate or a reviewed edit.</summary>
    CommittedWorkflow,
}
