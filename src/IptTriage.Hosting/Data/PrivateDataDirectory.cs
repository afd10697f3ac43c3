namespace IptTriage.Hosting.Data;

/// <summary>
/// Keeps the data directory readable by the account that runs iptriage only: it holds whole intake forms
/// (records.db), workflow history (durable.db), the secret behind the hashed addresses (audit-hash.key), API keys and
/// every email sent (outbox/). Directories are 0700 and files 0600, whatever the process's umask. SQLite gives a
/// database's -wal and -shm files the database file's own mode, so creating the database file owner-only covers the
/// files SQLite creates beside it, now and whenever it creates them again. Nothing here applies on Windows, where a
/// new directory inherits the ACL of the user's profile folder.
/// </summary>
public static class PrivateDataDirectory
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FilesMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="directory"/> owner-only, or takes away what an existing one, or anything in it,
    /// allows others (and execute bits from files).</summary>
    /// <returns>The paths whose modes were tightened, relative to the directory ("." for itself).</returns>
    public static IReadOnlyList<string> Secure(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return [];
        }
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, DirectoryMode);
            return [];
        }

        var tightened = new List<string>();
        Tighten(new DirectoryInfo(directory), directory, tightened);
        return tightened;
    }

    /// <summary>Creates an empty owner-only file unless <paramref name="path"/> exists; an empty file is an empty SQLite
    /// database.</summary>
    public static void CreateFile(string path)
    {
        if (File.Exists(path)) return;
        try
        {
            CreateNew(path).Dispose();
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created a moment ago by another process opening the same directory.
        }
    }

    /// <summary>Writes a new owner-only file: the mode is set as the file is created, so its content is never readable
    /// by others, even for a moment.</summary>
    public static void WriteFile(string path, string content)
    {
        using var writer = new StreamWriter(CreateNew(path));
        writer.Write(content);
    }

    private static FileStream CreateNew(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FilesMode;
        return new FileStream(path, options);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Tighten(FileSystemInfo entry, string root, List<string> tightened)
    {
        try
        {
            // A link is left alone: its target may be any file of the user's, outside the data directory.
            if (entry.LinkTarget is not null) return;
            var allowed = entry is DirectoryInfo ? DirectoryMode : FilesMode;
            if ((entry.UnixFileMode & ~allowed) != 0)
            {
                entry.UnixFileMode &= allowed;
                tightened.Add(Path.GetRelativePath(root, entry.FullName));
            }
            if (entry is DirectoryInfo folder)
            {
                foreach (var child in folder.EnumerateFileSystemInfos()) Tighten(child, root, tightened);
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Gone since it was listed (SQLite removes its -wal and -shm files when the last connection closes).
        }
    }
}
