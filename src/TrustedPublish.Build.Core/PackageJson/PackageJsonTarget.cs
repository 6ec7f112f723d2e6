namespace TrustedPublish.Build.PackageJson;

/// <summary>The values this package manages in package.json; everything else is left alone.</summary>
internal sealed class PackageJsonTarget
{
    /// <summary>Set "name" to this when not null.</summary>
    public string? Name { get; set; }

    /// <summary>repository.url, e.g. git+https://github.com/OWNER/REPO.git.</summary>
    public string RepositoryUrl { get; set; } = "";

    /// <summary>repository.directory (forward slashes), or null when the package is at the repository root.</summary>
    public string? RepositoryDirectory { get; set; }

    /// <summary>publishConfig.access: public or restricted.</summary>
    public string Access { get; set; } = "public";

    /// <summary>publishConfig.provenance.</summary>
    public bool Provenance { get; set; } = true;
}
