using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IptTriage.Hosting.Data;

/// <summary>What composing the services found in the data directory: the paths whose modes were looser than
/// owner-only and were tightened (<see cref="PrivateDataDirectory.Secure"/>).</summary>
public sealed record DataDirectoryReport(string Directory, IReadOnlyList<string> Tightened);

/// <summary>The data directory is used by one process at a time, as the embedded engine's state must be: the first
/// thing a starting host does is take an exclusive lock on <see cref="LockFileName"/> there, so a second
/// <c>serve</c> or <c>run</c> on the same directory stops at once with <see cref="DataDirectoryInUseException"/>
/// (the lock goes with the process, however it ends). Once every service has started, it tightens whatever they
/// created in the directory meanwhile (the engine's own lock file, say).</summary>
public sealed partial class DataDirectoryGuard(DataDirectoryReport report, ILogger<DataDirectoryGuard> logger) : IHostedLifecycleService, IDisposable
{
    public const string LockFileName = "iptriage.lock";

    private FileStream? held;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        held ??= TakeLock(report.Directory);
        if (report.Tightened.Count > 0)
            LogTightened(Path.GetFullPath(report.Directory), report.Tightened.Count, string.Join(", ", report.Tightened.Take(5)));
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        PrivateDataDirectory.Secure(report.Directory);
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        held?.Dispose();
        held = null;
    }

    /// <summary>For a command about to delete what the directory holds: throws when a running process holds it.</summary>
    /// <exception cref="DataDirectoryInUseException">Another process holds the directory.</exception>
    public static void ThrowIfHeld(string directory)
    {
        // A running process always has the lock file; without one nobody holds the directory.
        if (File.Exists(Path.Combine(directory, LockFileName))) TakeLock(directory, FileMode.Open).Dispose();
    }

    private static FileStream TakeLock(string directory, FileMode mode = FileMode.OpenOrCreate)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows() && mode != FileMode.Open) options.UnixCreateMode = PrivateDataDirectory.FilesMode;
        try
        {
            return new FileStream(Path.Combine(directory, LockFileName), options);
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or FileNotFoundException))
        {
            throw new DataDirectoryInUseException(Path.GetFullPath(directory), e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The data directory {Directory} was open to other users: {Count} item(s) ({Paths}) are now readable by this account only")]
    private partial void LogTightened(string directory, int count, string paths);
}

/// <summary>Another process holds the data directory (<see cref="DataDirectoryGuard"/>).</summary>
public sealed class DataDirectoryInUseException(string directory, Exception inner) : IOException(
    $"The data directory '{directory}' is in use by another iptriage process (a running 'iptriage serve' or 'iptriage run'); "
    + "stop that process first, or use another data directory.", inner);
