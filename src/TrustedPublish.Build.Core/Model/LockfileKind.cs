namespace TrustedPublish.Build.Model;

/// <summary>Which npm lockfile sits beside package.json; it decides between npm ci and npm install.</summary>
public enum LockfileKind
{
    None,
    PackageLock,
    Shrinkwrap,
}
