namespace TrustedPublish.Build.Model;

/// <summary>Which npm lockfile sits beside package.json; it decides between npm ci and npm install.</summary>
internal enum LockfileKind
{
    None,
    PackageLock,
    Shrinkwrap,
}
