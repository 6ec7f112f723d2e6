namespace TrustedPublish.Build.Rules.Workflows;

/// <summary>
/// How a publish step gets its OIDC token, which decides what can make it fail: the npm on the job's PATH, an npm
/// the tool brings, the package manager's own exchange, or none at all. Worked out by <see cref="ToolsBeforePublish"/>.
/// </summary>
internal enum PublishPath
{
    /// <summary>Not knowable from the repository (the manager or its version is not written anywhere the rules read): nothing is judged.</summary>
    Unknown,

    /// <summary>The npm on the job's PATH publishes (npm publish, lerna, JS-DevTools/npm-publish, changesets in an npm or Bun workspace): npm >= 11.5.1 on Node >= 22.14.0.</summary>
    NpmOnPath,

    /// <summary>pnpm before 11 packs and hands the tarball to the npm on PATH: the same needs as <see cref="NpmOnPath"/>.</summary>
    PnpmThroughNpm,

    /// <summary>semantic-release: @semantic-release/npm >= 13.1.0 runs the npm ^11.6.2 it bundles, so only Node's version counts.</summary>
    BundledNpm,

    /// <summary>The manager's own OIDC exchange: pnpm >= 11.1.3 (11.0.x without setup-node's registry-url too), Yarn >= 4.10.0.</summary>
    OwnOidc,

    /// <summary>pnpm 11.0.0-11.1.2 after setup-node wrote an .npmrc for registry.npmjs.org: it sends the NODE_AUTH_TOKEN placeholder as a token.</summary>
    PnpmSendsPlaceholder,

    /// <summary>yarn npm publish with a Yarn older than 4.10.0, which has no OIDC.</summary>
    YarnTooOld,

    /// <summary>Yarn classic's yarn publish and bun publish: no OIDC in any release.</summary>
    NoOidc,
}
