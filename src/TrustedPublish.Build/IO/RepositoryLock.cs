using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace TrustedPublish.Build.IO;

/// <summary>
/// One build at a time decides and writes a repository's files. Without it, two projects with different
/// settings built at the same moment could both read "no owner yet", both write, and both succeed; with it,
/// the second one reads what the first wrote and reports the conflict (TPB042). An OS file lock in the temp
/// folder (keyed by the repository's real path) is released by the OS even when a build is killed.
/// </summary>
internal sealed class RepositoryLock : IDisposable
{
    /// <summary>Far longer than any generate run (milliseconds), short enough that a stuck build is reported, not waited on forever.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly FileStream? _stream;

    private RepositoryLock(FileStream? stream) => _stream = stream;

    /// <summary>Holds nothing: for a project that has no repository root (it reports that and writes nothing).</summary>
    public static RepositoryLock None { get; } = new(null);

    /// <summary>Waits for the repository's lock; throws IOException after <see cref="Patience"/>.</summary>
    public static RepositoryLock Acquire(string realRepositoryRoot)
    {
        // Per user: a folder another user created in a shared temp folder would not be writable.
        var folder = Path.Combine(Path.GetTempPath(), "TrustedPublish.Build-" + Hash(Environment.UserName).Substring(0, 8));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Hash(realRepositoryRoot) + ".lock");
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return new RepositoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(25);
            }
            catch (IOException ex)
            {
                throw new IOException($"another build has held this repository's lock ('{path}') for {Patience.TotalMinutes} minutes: {ex.Message}", ex);
            }
        }
    }

    public void Dispose() => _stream?.Dispose();

    private static string Hash(string text)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var builder = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            builder.Append(bytes[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
