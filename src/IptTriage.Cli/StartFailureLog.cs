namespace IptTriage.Cli;

/// <summary>The host logs a failed start ("Hosting failed to start", with the exception's stack trace) before the
/// command sees the exception; the commands say what went wrong themselves, in one sentence, so their log output
/// leaves that entry out.</summary>
internal static class StartFailureLog
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    // Microsoft.Extensions.Hosting's event id for "Hosting failed to start" (LoggerEventIds.HostedServiceStartupFaulted).
    private const int HostedServiceStartupFaulted = 11;

    public static bool IsStartFailure(string category, int eventId) => category == HostCategory && eventId == HostedServiceStartupFaulted;
}
