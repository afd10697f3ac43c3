using IptTriage.Cli.Commands.Serve;
using IptTriage.Composition;
using IptTriage.Hosting.Api.Security;
using IptTriage.Hosting.Data;

namespace IptTriage.Cli.Commands.Run;

/// <summary>The folder a run keeps its databases, outbox and audit key in (<c>IptTriage:DataDirectory</c>).</summary>
public static class DataDirectory
{
    public static string Default { get; } = new IptTriageOptions().DataDirectory;

    /// <summary>What IptTriage writes there (the databases with their -wal and -shm files), as
    /// <see cref="IptTriageOptions"/> names it, the development keys <c>serve</c> may have created, and the lock a
    /// running process holds.</summary>
    private static readonly string[] FilePrefixes =
        Names(options => [options.RecordsPath, options.DurablePath, options.AuditHashKeyPath, DevelopmentKeys.FileName, DataDirectoryGuard.LockFileName]);

    /// <summary>The outbox, and the keys that sign <c>serve</c>'s session cookies.</summary>
    private static readonly string[] Folders = [.. Names(options => [options.OutboxPath]), StaffSessions.KeysFolderName];

    /// <summary>Deletes what an earlier run left, so the run starts over. Refuses a folder holding anything else: a
    /// mistyped <c>--data</c> must never delete someone's files.</summary>
    /// <exception cref="UsageException">The folder holds files IptTriage did not write.</exception>
    /// <exception cref="DataDirectoryInUseException">A running <c>serve</c> or <c>run</c> holds the folder.</exception>
    public static void Clear(string path)
    {
        if (!Directory.Exists(path)) return;
        var entries = Directory.EnumerateFileSystemEntries(path).ToList();
        var foreign = entries.Where(entry => !IsOurs(entry)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
        {
            throw new UsageException(
                $"--fresh would delete '{path}', but it holds files iptriage did not write ({string.Join(", ", foreign.Take(3))}"
                + $"{(foreign.Count > 3 ? ", ..." : "")}); choose another --data folder or remove them yourself");
        }
        DataDirectoryGuard.ThrowIfHeld(path);
        foreach (var entry in entries)
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
        }
    }

    private static bool IsOurs(string entry)
    {
        var name = Path.GetFileName(entry);
        return Directory.Exists(entry)
            ? Folders.Contains(name)
            : FilePrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static string[] Names(Func<IptTriageOptions, string[]> paths) => [.. paths(new IptTriageOptions()).Select(Path.GetFileName).OfType<string>()];
}
