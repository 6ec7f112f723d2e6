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

    /// <summary>Test hook: runs when half of the content is written to the temporary file.</summary>
    internal static Action<string>? MidWrite { get; set; }

    /// <summary>True when the file was written; false when it already held these bytes.</summary>
    public static bool WriteIfChanged(string path, byte[] content)
    {
        if (File.Exists(path) && ContentEquals(path, content))
        {
            return false;
        }

        EnsureWritable(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var half = content.Length / 2;
                stream.Write(content, 0, half);
                MidWrite?.Invoke(temporary);
                stream.Write(content, half, content.Length - half);
                stream.Flush(flushToDisk: true);
            }

            CopyMode(path, temporary);
            BeforeRename?.Invoke(temporary);
            Replace(temporary, path);
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

    /// <summary>
    /// Throws when writing <paramref name="path"/> would be wrong or fail: a folder or a link in its place, a
    /// read-only file, or a read-only folder. Checked for every file before any is written, so a bad target
    /// never leaves the other file half-updated. Root could write anyway; the owner's intent is honoured.
    /// </summary>
    public static void EnsureWritable(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException("a folder has that name.");
        }

        if (IsLink(path, out _))
        {
            throw new IOException("it is a symbolic link.");
        }

        if (File.Exists(path) && ((File.GetAttributes(path) & FileAttributes.ReadOnly) != 0 || !HasWriteBit(path, isFolder: false)))
        {
            throw new UnauthorizedAccessException("the file is read-only.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        while (!Directory.Exists(folder))
        {
            var parent = Path.GetDirectoryName(folder);
            if (parent == null)
            {
                return;
            }

            folder = parent;
        }

        if (!HasWriteBit(folder, isFolder: true))
        {
            throw new UnauthorizedAccessException($"the folder '{folder}' is read-only.");
        }
    }

    /// <summary>True when <paramref name="path"/> is a symbolic link (dangling or not).</summary>
    public static bool IsLink(string path, out string target)
    {
        target = "";
        var info = new FileInfo(path);
        if (!info.Exists && !Directory.Exists(path) && (info.Attributes == (FileAttributes)(-1)))
        {
            return false;
        }

#if NET
        if (info.LinkTarget != null)
        {
            target = info.LinkTarget;
            return true;
        }

        return false;
#else
        return (info.Attributes & FileAttributes.ReparsePoint) != 0;
#endif
    }

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

    private static bool HasWriteBit(string path, bool isFolder)
    {
#if NET
        if (!OperatingSystem.IsWindows())
        {
            var mode = isFolder ? new DirectoryInfo(path).UnixFileMode : File.GetUnixFileMode(path);
            return (mode & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;
        }
#endif
        return isFolder || (File.GetAttributes(path) & FileAttributes.ReadOnly) == 0;
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
