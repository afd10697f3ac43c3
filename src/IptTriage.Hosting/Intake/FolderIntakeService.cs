using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IptTriage.Hosting.Intake;

public sealed record FolderIntakeOptions(string Folder, TimeSpan PollInterval);

/// <summary>
/// Takes in every <c>*.json</c> file dropped in a folder, then moves it to <c>processed/</c> (or <c>invalid/</c>) beside
/// it, so a restart never looks at it again and nothing is deleted. Writers should write <c>name.tmp</c> and rename it to
/// <c>name.json</c>; a file is also only taken once its size and write time were the same at two polls in a row, for
/// writers that do not. Polling rather than a file-system watcher, which misses events on network and container file
/// systems. A file that cannot be taken in (the database unavailable, say) stays where it is and is tried next poll; one
/// taken in but not yet moved when the process stopped is submitted again, which intake's idempotency makes harmless.
/// </summary>
public sealed partial class FolderIntakeService(
    FolderIntakeOptions options, ReferralIntake intake, TimeProvider time, ILogger<FolderIntakeService> logger) : BackgroundService
{
    public const string ProcessedFolderName = "processed";

    public const string InvalidFolderName = "invalid";

    private readonly Dictionary<string, (long Length, DateTime WrittenAt)> lastSeen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await PollSafelyAsync(stoppingToken);
                await Task.Delay(options.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PollSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.Combine(options.Folder, ProcessedFolderName));
            Directory.CreateDirectory(Path.Combine(options.Folder, InvalidFolderName));
            await PollOnceAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A folder on a share that is away for a while: keep looking rather than stop the host.
            LogFolderUnavailable(exception.GetType().FullName);
        }
    }

    private async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(options.Folder, "*.json").Order(StringComparer.Ordinal))
        {
            present.Add(path);
            var file = new FileInfo(path);
            var seen = (file.Length, file.LastWriteTimeUtc);
            if (lastSeen.TryGetValue(path, out var before) && before == seen)
            {
                await TakeInAsync(file, cancellationToken);
            }
            else
            {
                lastSeen[path] = seen;
            }
        }

        foreach (var gone in lastSeen.Keys.Where(path => !present.Contains(path)).ToList()) lastSeen.Remove(gone);
    }

    private async Task TakeInAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            var form = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
            // Not the file's name: whoever wrote the file chose it, and it may name the client.
            var receipt = await intake.SubmitAsync(form, "folder-" + Guid.NewGuid().ToString("N"), cancellationToken);
            var invalid = receipt.Status == ReferralStatus.Invalid;
            var destination = invalid ? InvalidFolderName : ProcessedFolderName;
            // An invalid file is filed under its referral id, so the coordinator alerted about it can find it.
            file.MoveTo(FreePath(Path.Combine(options.Folder, destination), invalid ? receipt.ReferralId + ".json" : file.Name));
            lastSeen.Remove(file.FullName);
            LogTaken(receipt.ReferralId, receipt.Status, destination);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Only the type: a message may quote the form. The file stays and is tried again next poll.
            LogFailed(exception.GetType().FullName);
        }
    }

    /// <summary>The file's name in <paramref name="folder"/>, numbered when a file of that name was taken in before, so no
    /// earlier file is overwritten.</summary>
    private static string FreePath(string folder, string fileName)
    {
        var path = Path.Combine(folder, fileName);
        for (var n = 1; File.Exists(path); n++)
            path = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(fileName)}.{n}{Path.GetExtension(fileName)}");
        return path;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A watched-folder file was taken in as referral {ReferralId}: {Status}, moved to {Destination}")]
    private partial void LogTaken(string referralId, ReferralStatus status, string destination);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The watched folder could not be read ({ExceptionType}); trying again at the next poll")]
    private partial void LogFolderUnavailable(string? exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A watched-folder file could not be taken in ({ExceptionType}); it stays in the folder and will be tried again")]
    private partial void LogFailed(string? exceptionType);
}
