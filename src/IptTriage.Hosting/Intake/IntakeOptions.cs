using Microsoft.Extensions.Configuration;

namespace IptTriage.Hosting.Intake;

/// <summary>Where referral forms come in besides the HTTP submit endpoint. Bound from <c>Intake</c>; the queue listener's
/// own settings (batch size, visibility timeout, dequeue count, polling) from <c>Intake:Queue</c>.</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    public const string QueueSectionName = "Intake:Queue";

    /// <summary>The longest idle wait between polls of the intake queue unless configured: as host.json's
    /// <c>maxPollingInterval</c>, so an emergency form alerts the crisis team within a minute (the listener's own
    /// default, a minute, would use all of it).</summary>
    public static readonly TimeSpan DefaultMaxPollingInterval = TimeSpan.FromSeconds(2);

    public static IntakeOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<IntakeOptions>() ?? new IntakeOptions();

    /// <summary>A folder whose <c>*.json</c> files are taken in; no folder intake when empty.</summary>
    public string? WatchFolder { get; set; }

    /// <summary>How often the watched folder is looked at.</summary>
    public TimeSpan FolderPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the start-up pass that starts referrals stored without an orchestration may take
    /// (<see cref="IntakeRecoveryService"/>); what it has not reached by then waits for the next start.</summary>
    public TimeSpan StartupRecoveryTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
