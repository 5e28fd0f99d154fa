using System.Runtime.InteropServices;

namespace Complaints.Storage.Sqlite;

/// <summary>
/// Attachment contents as files under the data directory, content-addressed: <c>attachments/ab/cd/{sha256}</c>. A file
/// is written to <c>attachments/tmp/</c>, fsynced, renamed into place (atomic: a reader sees all of it or nothing) and its
/// folder fsynced, so when <see cref="PutAsync"/> returns the file survives a crash. A crash before the rename leaves a
/// temporary file nobody refers to (removed at the next start).
/// </summary>
public sealed partial class DiskAttachmentContents : IAttachmentContents
{
    private readonly string _root;
    private readonly string _temporary;

    public DiskAttachmentContents(string directory)
    {
        _root = PrivateFiles.Directory(directory);
        _temporary = PrivateFiles.Directory(Path.Combine(_root, "tmp"));
        foreach (var left in Directory.EnumerateFiles(_temporary))
        {
            // Written by a process that died before renaming it: no case can refer to it.
            File.Delete(left);
        }
    }

    /// <summary>Where the contents of <paramref name="sha256"/> are kept.</summary>
    public string PathOf(string sha256) =>
        ContentAddress.IsValid(sha256)
            ? Path.Combine(_root, sha256[..2], sha256[2..4], sha256)
            : throw new ArgumentException("Not a SHA-256 address.", nameof(sha256));

    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var sha256 = ContentAddress.Of(content.Span);
        var path = PathOf(sha256);
        if (File.Exists(path))
        {
            return sha256; // the same bytes are stored once
        }

        var folder = Path.GetDirectoryName(path)!;
        var created = !Directory.Exists(folder);
        PrivateFiles.EnsureDirectory(folder);
        var temporary = Path.Combine(_temporary, Guid.NewGuid().ToString("N"));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFiles.PrivateFileMode;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another writer stored the same bytes at the same moment: theirs is as good as ours.
            File.Delete(temporary);
            return sha256;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        // The rename is durable only once the folder holding the new name is on disk (and the folders made for it).
        SyncDirectory(folder);
        if (created)
        {
            SyncDirectory(Path.GetDirectoryName(folder)!);
            SyncDirectory(_root);
        }

        return sha256;
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!ContentAddress.IsValid(sha256) || !File.Exists(PathOf(sha256)))
        {
            return Task.FromResult<Stream?>(null);
        }

        return Task.FromResult<Stream?>(new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous));
    }

    /// <summary>fsync(2) on a folder, which .NET cannot open as a stream; nothing to do on Windows (NTFS journals renames).</summary>
    private static void SyncDirectory(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(folder, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            throw new IOException($"Cannot open folder '{folder}' to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"Cannot sync folder '{folder}' (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
