namespace TrustedPublish.Build.Model;

/// <summary>The package managers the generated workflow installs, checks and packs with. Yarn 1 and Yarn 2+ differ in every command.</summary>
internal enum PackageManagerKind
{
    Npm,
    Pnpm,
    YarnBerry,
    YarnClassic,
    Bun,
}
