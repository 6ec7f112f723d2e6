using System;
using System.IO;
#if NET
using System.Runtime.InteropServices;
#endif
using TrustedPublish.Build.Diagnostics;

namespace TrustedPublish.Build.IO;

/// <summary>
/// Every read and write of a repository file goes through here, so a hostile or unlucky repository cannot
/// make the build touch a file outside the repository (a linked folder), hang (a FIFO), or run out of
/// memory (a link to /dev/zero): paths are resolved to their real location and must stay inside the
/// repository's real root, only regular files are read, and no file is read past <see cref="MaxFileBytes"/>.
/// </summary>
internal sealed class RepositoryFileSystem
{
    /// <summary>Far above any real workflow, package.json or .npmrc (a 5 MB package.json is tested), far below trouble.</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>Links followed while resolving one path before giving up (Linux's own limit is 40).</summary>
    private const int MaxLinkHops = 40;

    public RepositoryFileSystem(string repositoryRoot)
    {
        Root = Path.GetFullPath(repositoryRoot);
        RealRoot = RealPath(Root) ?? Root;
    }

    public string Root { get; }

    /// <summary>The repository root with every link resolved.</summary>
    public string RealRoot { get; }

    /// <summary>Throws <see cref="RefusedFileException"/> unless <paramref name="path"/> really lies inside the repository.</summary>
    public void EnsureInside(string path)
    {
#if !NET
        // .NET Framework cannot read a link's target: a link or junction below the repository root is refused,
        // never guessed at (above the root, the user's own folders are theirs to arrange).
        var relative = RepositoryFiles.RelativePath(Root, path);
        if (relative == null)
        {
            throw new RefusedFileException(DiagnosticCatalog.SymbolicLink.Create(path, 1, 1, path, $"lies outside the repository '{Root}'"));
        }

        var current = Root;
        foreach (var part in relative.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var attributes = new FileInfo(current).Attributes;
            if (attributes != (FileAttributes)(-1) && (attributes & FileAttributes.ReparsePoint) != 0)
            {
                throw new RefusedFileException(DiagnosticCatalog.SymbolicLink.Create(path, 1, 1, path, $"goes through the link or junction '{current}', which .NET Framework cannot follow safely"));
            }
        }

        return;
#else
        var real = RealPath(path);
        if (real == null)
        {
            throw new RefusedFileException(DiagnosticCatalog.SymbolicLink.Create(path, 1, 1, path, $"goes through links that cannot be followed (a cycle, or more than {MaxLinkHops} links)"));
        }

        if (!IsUnder(real, RealRoot))
        {
            throw new RefusedFileException(DiagnosticCatalog.SymbolicLink.Create(path, 1, 1, path, $"resolves to '{real}', outside the repository '{RealRoot}'"));
        }
#endif
    }

    /// <summary>
    /// Throws <see cref="RefusedFileException"/> when <paramref name="path"/>, a file about to be edited, is itself a
    /// symbolic link (a link is never edited through: a rename would replace it) or does not really lie inside the
    /// repository (a linked .github, .github/workflows or package folder). <paramref name="shown"/> names it in the message.
    /// </summary>
    public void EnsureEditableInside(string path, string shown)
    {
        if (AtomicFile.IsLink(path, out var target))
        {
            throw new RefusedFileException(DiagnosticCatalog.SymbolicLink.Create(path, 1, 1, shown, $"is a symbolic link (to '{target}')"));
        }

        EnsureInside(path);
    }

    /// <summary>The bytes of a regular file inside the repository.</summary>
    public byte[] ReadInside(string path)
    {
        EnsureInside(path);
        return Read(path);
    }

    public string ReadTextInside(string path) => Decode(ReadInside(path));

    /// <summary>
    /// The text with nothing taken away, not even a BOM, so that comparing it with generated text compares
    /// the bytes (a workflow re-encoded as UTF-16 or given a BOM is drift, not a match).
    /// </summary>
    public string ReadExactTextInside(string path) => Strict.GetString(ReadInside(path));

    /// <summary>The bytes of a regular file wherever it is (git's own files may live outside the work tree).</summary>
    public static byte[] Read(string path)
    {
        var kind = FileKind(path);
        if (kind != null)
        {
            throw new RefusedFileException(DiagnosticCatalog.NotARegularFile.Create(path, 1, 1, path, kind));
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            // Read up to one byte past the limit, never the whole of an endless file.
            if (buffer.Length + read > MaxFileBytes)
            {
                throw new RefusedFileException(DiagnosticCatalog.FileTooLarge.Create(path, 1, 1, path, MaxFileBytes / (1024 * 1024)));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static string ReadText(string path) => Decode(Read(path));

    /// <summary>Decodes UTF-8 without detecting any other encoding; an invalid byte becomes U+FFFD, as in npm and GitHub.</summary>
    private static readonly System.Text.UTF8Encoding Strict = new(false, false);

    /// <summary>UTF-8 with or without a BOM (dropped); invalid bytes become U+FFFD.</summary>
    private static string Decode(byte[] bytes)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return Strict.GetString(bytes, start, bytes.Length - start);
    }

    /// <summary>
    /// <paramref name="path"/> with every link in it resolved, component by component (a linked folder
    /// anywhere on the way counts, not only the last name); null past <see cref="MaxLinkHops"/> links.
    /// Names that do not exist yet are kept as they are.
    /// </summary>
    public static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var hops = 0;
        var root = Path.GetPathRoot(full)!;
        var remaining = full.Substring(root.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < remaining.Length; i++)
        {
            var candidate = Path.Combine(current, remaining[i]);
            var target = LinkTarget(candidate);
            if (target == null)
            {
                current = candidate;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            // Start again from the link's target, followed by what was left of the path.
            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
            var rest = string.Join(Path.DirectorySeparatorChar.ToString(), remaining, i + 1, remaining.Length - i - 1);
            full = rest.Length == 0 ? resolved : Path.Combine(resolved, rest);
            root = Path.GetPathRoot(full)!;
            remaining = full.Substring(root.Length).Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
            current = root;
            i = -1;
        }

        return current;
    }

#if NET
    private static bool IsUnder(string path, string root)
    {
        var comparison = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var normalizedRoot = root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return (path.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar).StartsWith(normalizedRoot, comparison);
    }
#endif

    private static string? LinkTarget(string path)
    {
#if NET
        try
        {
            // lstat-based: null for a name that is not a link or does not exist; a dangling link has a target too.
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
#else
        return null; // RealPath refuses links itself under .NET Framework.
#endif
    }

    /// <summary>Null for a regular file (or when the kind cannot be told); otherwise what it is, for the message.</summary>
    private static string? FileKind(string path)
    {
        if (Directory.Exists(path))
        {
            return "a folder";
        }

#if NET
        if (!OperatingSystem.IsWindows())
        {
            var mode = UnixFileType(path);
            return mode switch
            {
                null or 0x8000 => null,
                0x1000 => "a named pipe (FIFO)",
                0x2000 => "a character device",
                0x6000 => "a block device",
                0xC000 => "a socket",
                _ => "not a regular file",
            };
        }
#endif
        return null;
    }

#if NET
    /// <summary>
    /// The S_IFMT bits of stat(2) through the runtime's own native shim (the same call File.Exists makes):
    /// .NET has no public API for the file type, and opening a FIFO to find out would hang.
    /// </summary>
    private static int? UnixFileType(string path)
    {
        try
        {
            var status = new byte[512];
            return Stat(path, status) == 0 ? BitConverter.ToInt32(status, 4) & 0xF000 : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, SetLastError = true)]
    private static extern int Stat(string path, byte[] status);
#endif
}

/// <summary>A file the package will not read or write, with the diagnostic that says why.</summary>
internal sealed class RefusedFileException : IOException
{
    public RefusedFileException(Diagnostic diagnostic)
        : base(diagnostic.Message)
    {
        Diagnostic = diagnostic;
    }

    public Diagnostic Diagnostic { get; }
}
