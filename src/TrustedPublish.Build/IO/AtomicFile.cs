using System;
using System.IO;

namespace TrustedPublish.Build.IO;

/// <summary>
/// Writes a file only when its content changes, through a temporary file in the same folder and a
/// rename, so a crash, a full disk or a concurrent build leaves either the old file or the new one
/// whole, never a mix. A file that is already right keeps its timestamp (incremental builds).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Test hook: runs between writing the temporary file and the rename.</summary>
    internal static Action<string>? BeforeRename { get; set; }

    /// <summary>True when the file was written; false when it already held these bytes.</summary>
    public static bool WriteIfChanged(string path, byte[] content)
    {
        var target = ResolveLink(path);
        if (File.Exists(target))
        {
            if (ContentEquals(target, content))
            {
                return false;
            }

            if ((File.GetAttributes(target) & FileAttributes.ReadOnly) != 0 || !IsWritable(target))
            {
                // A rename would replace a read-only file anyway; honour the user's intent instead.
                throw new UnauthorizedAccessException("the file is read-only.");
            }
        }
        else if (Directory.Exists(target))
        {
            throw new IOException("a folder has that name.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }

            CopyMode(target, temporary);
            BeforeRename?.Invoke(temporary);
            Replace(temporary, target);
            return true;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads a file, or returns null when it does not exist.</summary>
    public static byte[]? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;

    private static bool ContentEquals(string path, byte[] content)
    {
        var info = new FileInfo(path);
        return info.Length == content.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(content);
    }

    private static void Replace(string source, string destination)
    {
#if NET
        File.Move(source, destination, overwrite: true);
#else
        if (File.Exists(destination))
        {
            File.Replace(source, destination, destinationBackupFileName: null, ignoreMetadataErrors: true);
        }
        else
        {
            File.Move(source, destination);
        }
#endif
    }

    /// <summary>Edit the file a symlink points at, so the link stays a link.</summary>
    private static string ResolveLink(string path)
    {
#if NET
        var info = new FileInfo(path);
        if (info.LinkTarget != null)
        {
            var final = info.ResolveLinkTarget(returnFinalTarget: true);
            if (final != null)
            {
                return final.FullName;
            }
        }
#endif
        return path;
    }

    private static bool IsWritable(string path)
    {
#if NET
        if (!OperatingSystem.IsWindows())
        {
            // Root can write anything; still honour a file whose owner removed every write bit.
            var mode = File.GetUnixFileMode(path);
            return (mode & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;
        }
#endif
        return true;
    }

    private static void CopyMode(string from, string to)
    {
#if NET
        if (!OperatingSystem.IsWindows() && File.Exists(from))
        {
            File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        }
#endif
    }
}
