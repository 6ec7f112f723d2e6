using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

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

    /// <summary>
    /// Writes every file whose content changed, as one change: all temporary files are written first, then
    /// renamed one after another, and when a rename fails the files already renamed get their old content
    /// back, so a failure never leaves the workflow updated and package.json not (or the reverse).
    /// Returns the files that were written.
    /// </summary>
    public static IReadOnlyList<string> WriteAllIfChanged(IReadOnlyList<KeyValuePair<string, byte[]>> files)
    {
        var pending = new List<PendingWrite>();
        try
        {
            foreach (var file in files)
            {
                var old = File.Exists(file.Key) ? File.ReadAllBytes(file.Key) : null;
                if (old != null && old.AsSpan().SequenceEqual(file.Value))
                {
                    continue;
                }

                EnsureWritable(file.Key);
                pending.Add(new PendingWrite(file.Key, old, WriteTemporary(file.Key, file.Value)));
            }

            var renamed = new List<PendingWrite>();
            foreach (var write in pending)
            {
                try
                {
                    BeforeRename?.Invoke(write.Temporary);
                    Replace(write.Temporary, write.Path);
                    renamed.Add(write);
                }
                catch
                {
                    Undo(renamed);
                    throw;
                }
            }

            return renamed.Select(w => w.Path).ToList();
        }
        finally
        {
            foreach (var write in pending)
            {
                if (File.Exists(write.Temporary))
                {
                    File.Delete(write.Temporary);
                }
            }
        }
    }

    /// <summary>
    /// Removes temporary files this package left next to <paramref name="path"/> when a build was killed
    /// mid-write (".NAME.xxxxxxxx.tmp"). Call only while holding the <see cref="RepositoryLock"/>, so no
    /// other build of this repository is writing one right now.
    /// </summary>
    public static void RemoveStaleTemporaryFiles(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            return;
        }

        var prefix = "." + Path.GetFileName(path) + ".";
        foreach (var candidate in Directory.GetFiles(folder, prefix + "*.tmp"))
        {
            var middle = Path.GetFileName(candidate).Substring(prefix.Length);
            if (middle.Length == 12 && middle.EndsWith(".tmp", StringComparison.Ordinal) && middle.Substring(0, 8).All(Uri.IsHexDigit))
            {
                File.Delete(candidate);
            }
        }
    }

    private static void Undo(List<PendingWrite> renamed)
    {
        foreach (var write in renamed)
        {
            try
            {
                if (write.Old == null)
                {
                    File.Delete(write.Path);
                }
                else
                {
                    Replace(WriteTemporary(write.Path, write.Old), write.Path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The original failure is the one reported; this file keeps the new, complete content.
            }
        }
    }

    /// <summary>The content in a new temporary file beside <paramref name="path"/>, flushed to disk, with the file's mode.</summary>
    private static string WriteTemporary(string path, byte[] content)
    {
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
            return temporary;
        }
        catch
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw;
        }
    }

    private sealed class PendingWrite
    {
        public PendingWrite(string path, byte[]? old, string temporary)
        {
            Path = path;
            Old = old;
            Temporary = temporary;
        }

        public string Path { get; }

        public byte[]? Old { get; }

        public string Temporary { get; }
    }

    /// <summary>True when the file was written; false when it already held these bytes.</summary>
    public static bool WriteIfChanged(string path, byte[] content) =>
        WriteAllIfChanged(new[] { new KeyValuePair<string, byte[]>(path, content) }).Count > 0;

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
