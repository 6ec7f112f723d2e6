namespace TrustedPublish.Build.Model;

/// <summary>
/// The package manager a repository builds with, where it installs (the workspace root) and which exact version the
/// workflow sets up. Every command the generated workflow runs with it comes from here, so the per-manager
/// differences (README, "Why the workflow differs from the guide") live in one place.
/// </summary>
internal sealed class PackageManager
{
    /// <summary>
    /// The folder the workflow packs into. It lives in $RUNNER_TEMP (outside the checkout, emptied for every job),
    /// so no earlier tarball and nothing from the repository can be published by mistake.
    /// </summary>
    public const string PackFolder = "$RUNNER_TEMP/trustedpublish-pack";

    public PackageManager(PackageManagerKind kind, string? version, bool versionChosenByUser, string workspaceDirectory, bool hasLockfile)
    {
        Kind = kind;
        Version = version;
        VersionChosenByUser = versionChosenByUser;
        WorkspaceDirectory = workspaceDirectory;
        HasLockfile = hasLockfile;
    }

    public PackageManagerKind Kind { get; }

    /// <summary>The exact version the workflow installs; null for npm, which comes with setup-node (and its upgrade).</summary>
    public string? Version { get; }

    /// <summary>True when the version came from packageManager or TrustedPublishPackageManager, false when it is this package's default.</summary>
    public bool VersionChosenByUser { get; }

    /// <summary>Where install runs: the folder of the lockfile (the workspace root), relative to the repository root, "" at the root.</summary>
    public string WorkspaceDirectory { get; }

    /// <summary>True when the workspace root has this manager's lockfile, so the install can be frozen.</summary>
    public bool HasLockfile { get; }

    /// <summary>
    /// The manager as a reader of the repository can know it, for the doctor (what `changeset publish` runs with): npm,
    /// pnpm, yarn or bun; null for npm without a lockfile, where nothing in the repository names a manager.
    /// </summary>
    public string? KnownCommand => Kind == PackageManagerKind.Npm && !HasLockfile ? null : Command;

    /// <summary>The version packageManager or the property named for <paramref name="command"/>; null when that is another manager or a default version.</summary>
    public string? KnownVersionOf(string command) => VersionChosenByUser && command == Command ? Version : null;

    /// <summary>npm publishes the package folder itself; every other manager packs first (see <see cref="PackCommand"/>).</summary>
    public bool Packs => Kind != PackageManagerKind.Npm;

    /// <summary>The command that runs package.json scripts: npm, pnpm, yarn or bun.</summary>
    public string Command => Kind switch
    {
        PackageManagerKind.Pnpm => "pnpm",
        PackageManagerKind.YarnBerry or PackageManagerKind.YarnClassic => "yarn",
        PackageManagerKind.Bun => "bun",
        _ => "npm",
    };

    /// <summary>How messages and step names call it.</summary>
    public string DisplayName => Kind switch
    {
        PackageManagerKind.Pnpm => "pnpm",
        PackageManagerKind.YarnBerry => "Yarn",
        PackageManagerKind.YarnClassic => "Yarn classic",
        PackageManagerKind.Bun => "Bun",
        _ => "npm",
    };

    /// <summary>The npm package that installs it globally: Yarn 2+ is published as @yarnpkg/cli-dist, `yarn` on npm is Yarn 1.</summary>
    public string NpmPackage => Kind switch
    {
        PackageManagerKind.YarnBerry => "@yarnpkg/cli-dist",
        _ => Command,
    };

    /// <summary>
    /// Installs exactly <see cref="Version"/>, from the registry npm already trusts, before any repository code runs.
    /// Not corepack: Node.js 25 no longer ships it, and an exact version from npm is as fixed as a corepack pin.
    /// </summary>
    public string? SetupCommand => Version == null ? null : $"npm install -g --no-audit --no-fund {NpmPackage}@{Version}";

    /// <summary>The install at the workspace root: frozen to the lockfile when there is one (facts.md, "Frozen installs").</summary>
    public string InstallCommand => (Kind, HasLockfile) switch
    {
        (PackageManagerKind.Npm, true) => "npm ci --no-audit --no-fund",
        (PackageManagerKind.Npm, false) => "npm install --no-audit --no-fund",
        (PackageManagerKind.Pnpm, true) => "pnpm install --frozen-lockfile",
        (PackageManagerKind.Pnpm, false) => "pnpm install --no-frozen-lockfile",
        (PackageManagerKind.YarnBerry, true) => "yarn install --immutable",
        (PackageManagerKind.YarnBerry, false) => "yarn install --no-immutable",
        (PackageManagerKind.YarnClassic, true) => "yarn install --frozen-lockfile --non-interactive",
        (PackageManagerKind.YarnClassic, false) => "yarn install --non-interactive",
        (PackageManagerKind.Bun, true) => "bun install --frozen-lockfile",
        _ => "bun install",
    };

    public string RunScript(string script) => Command + " run " + script;

    /// <summary>
    /// Packs the package folder into <see cref="PackFolder"/> with the repository's own manager: only it rewrites
    /// workspace: (and catalog:) dependencies to real versions and applies its publishConfig overrides.
    /// </summary>
    public string PackCommand => PackCommandInto(PackFolder);

    /// <summary><see cref="PackCommand"/> into another folder: each listed package of a workspace has its own, so its tarball outlives the next package's pack.</summary>
    public string PackCommandInto(string folder) => Kind switch
    {
        PackageManagerKind.Pnpm => $"pnpm pack --pack-destination \"{folder}\"",
        PackageManagerKind.YarnBerry => $"yarn pack --out \"{folder}/package.tgz\"",
        PackageManagerKind.YarnClassic => $"yarn pack --filename \"{folder}/package.tgz\"",
        PackageManagerKind.Bun => $"bun pm pack --destination \"{folder}\"",
        _ => $"npm pack --pack-destination \"{folder}\"",
    };

    /// <summary>True when two packages install in the same place with the same manager and version (one install serves both).</summary>
    public bool SameInstallAs(PackageManager other) =>
        Kind == other.Kind && Version == other.Version && WorkspaceDirectory == other.WorkspaceDirectory;

    /// <summary>How a message names it: "pnpm 10.18.3 at the repository root".</summary>
    public string Describe() =>
        DisplayName + (Version == null ? "" : " " + Version) + " at " + (WorkspaceDirectory.Length == 0 ? "the repository root" : WorkspaceDirectory);
}
