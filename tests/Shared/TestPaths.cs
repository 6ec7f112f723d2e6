using System.IO;
using System.Reflection;

namespace TrustedPublish.Build.Tests;

public static class TestPaths
{
    public static string RepositoryRoot { get; } =
        typeof(TestPaths).Assembly.GetCustomAttribute<RepositoryRootAttribute>()!.Path;

    public static string Tools => Path.Combine(RepositoryRoot, "tests", "tools");

    public static string Golden => Path.Combine(RepositoryRoot, "tests", "TrustedPublish.Build.Tests", "Golden");

    /// <summary>A fresh folder under the system temp folder.</summary>
    public static string NewTempFolder(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), "tpb-" + prefix + "-" + Path.GetRandomFileName());
        Directory.CreateDirectory(path);
        return path;
    }
}
