using System;

namespace TrustedPublish.Build.Tests;

/// <summary>Where the repository is, baked in at build time so tests find golden files and tools from any working folder.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class RepositoryRootAttribute(string path) : Attribute
{
    public string Path { get; } = path;
}
