namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// The program that does the publishing, by the command read: each one authenticates its own way, so the rules ask
/// which one it is before they judge npm's or Node's version (<see cref="ToolsBeforePublish"/>).
/// </summary>
internal enum PublishTool
{
    /// <summary>Not known from the workflow: a publish action's input that does not read as a known command.</summary>
    Unknown,

    /// <summary>npm publish, and the JS-DevTools/npm-publish action (it runs the npm on PATH).</summary>
    Npm,

    /// <summary>pnpm publish: before pnpm 11 it packs and runs npm publish; from 11 it has its own OIDC.</summary>
    Pnpm,

    /// <summary>yarn npm publish (Yarn 2 and newer): its own OIDC since Yarn 4.10.0.</summary>
    YarnBerry,

    /// <summary>yarn publish (Yarn classic 1.x): no OIDC.</summary>
    YarnClassic,

    /// <summary>bun publish: no OIDC in any release.</summary>
    Bun,

    /// <summary>changeset publish: the workspace's package manager publishes.</summary>
    Changesets,

    /// <summary>semantic-release: @semantic-release/npm runs the npm it bundles (^11.6.2 from 13.1.0), not the job's.</summary>
    SemanticRelease,

    /// <summary>lerna publish.</summary>
    Lerna,
}
