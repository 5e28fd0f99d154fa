namespace Complaints.Storage;

/// <summary>
/// The data directory and what it holds (the database and its -wal/-shm, the signing keys, the logs) are for the
/// platform's own account only: directories 0700, files 0600 on Unix, created so and tightened when found looser
/// (an installation made before this rule). Windows keeps its ACLs: the data directory inherits its parent's.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and its parents, as the platform's) as 0700, or tightens it to 0700.</summary>
    public static string Directory(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(full);
            return full;
        }

        System.IO.Directory.CreateDirectory(full, PrivateDirectoryMode);
        if ((File.GetUnixFileMode(full) & UnixFileMode.StickyBit) == 0)
        {
            // A sticky folder (/tmp) is shared by design: a data directory pointed at one is not the platform's to close.
            Tighten(full, PrivateDirectoryMode);
        }

        return full;
    }

    /// <summary>
    /// Creates <paramref name="path"/> as 0700 when it is missing; an existing folder is left as it is (a file may be
    /// configured into a shared folder such as /etc/…: only the data directory itself is the platform's to tighten).
    /// </summary>
    public static string EnsureDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        if (!System.IO.Directory.Exists(full))
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(full);
            }
            else
            {
                System.IO.Directory.CreateDirectory(full, PrivateDirectoryMode);
            }
        }

        return full;
    }

    /// <summary>Makes an existing file 0600 (nothing when it does not exist).</summary>
    public static void Tighten(string path) => Tighten(path, PrivateFileMode);

    /// <summary>Creates an empty file as 0600 when there is none yet, so whatever opens it next finds it private.</summary>
    public static void Create(string path)
    {
        if (File.Exists(path))
        {
            Tighten(path);
            return;
        }

        try
        {
            using var _ = OperatingSystem.IsWindows()
                ? new FileStream(path, System.IO.FileMode.CreateNew, FileAccess.Write)
                : new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFileMode });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another opener of the same folder (a second host in the same process) created it in between.
            Tighten(path);
        }
    }

    /// <summary>Writes <paramref name="text"/> to a new file made 0600 from its first byte (never readable by others, not even briefly).</summary>
    public static void WriteNew(string path, string text)
    {
        using var stream = OperatingSystem.IsWindows()
            ? new FileStream(path, System.IO.FileMode.CreateNew, FileAccess.Write)
            : new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFileMode });
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    /// <summary>True when group or others may read, write or enter <paramref name="path"/>.</summary>
    public static bool IsOpenToOthers(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)) != 0;

    private static void Tighten(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows() || !Path.Exists(path))
        {
            return;
        }

        if ((File.GetUnixFileMode(path) & ~mode) != 0)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) & mode);
        }
    }
}
