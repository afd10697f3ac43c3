using IptTriage.Workflow.Intake;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IptTriage.Hosting.Intake;

/// <summary>Once the host has started (the Durable Task worker with it), starts the orchestration of every referral an
/// earlier process stored but did not start (<see cref="StalledIntakeRecovery"/>), once per start, in the background:
/// start-up never waits for it, and it gives up after <paramref name="timeout"/> (wall-clock time, whatever clock the
/// workflow runs on) if the store is slow, leaving the rest to the next start. Only referrals received before this
/// host began starting are looked at. Logs counts only.</summary>
public sealed partial class IntakeRecoveryService(
    StalledIntakeRecovery recovery, TimeProvider time, IHostApplicationLifetime lifetime, TimeSpan timeout, ILogger<IntakeRecoveryService> logger)
    : BackgroundService, IHostedLifecycleService
{
    private DateTimeOffset startingAt;

    /// <summary>Before any hosted service starts, so no form the sources take in from now on counts as left over.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        startingAt = time.GetUtcNow();
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken);
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            bounded.CancelAfter(timeout);
            var counts = await recovery.RunAsync(startingAt, bounded.Token);
            if (counts.Failed > 0 || counts.NotReached > 0)
                LogIncomplete(counts.Received, counts.Started, counts.Failed, counts.NotReached, counts.FailureType);
            else
                LogDone(counts.Received, counts.Started);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // The listing failed or ran out of time: the host runs on, and the next start tries again.
            LogListingFailed(exception.GetType().FullName);
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Start-up intake recovery: {Received} referral(s) stored without a screening, {Started} orchestration(s) started")]
    private partial void LogDone(int received, int started);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Start-up intake recovery incomplete: {Received} referral(s) stored without a screening, {Started} orchestration(s) started, {Failed} failed ({FailureType}), {NotReached} not reached in time; the next start tries again")]
    private partial void LogIncomplete(int received, int started, int failed, int notReached, string? failureType);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Start-up intake recovery could not list the referrals waiting to start ({ExceptionType}); the next start tries again")]
    private partial void LogListingFailed(string? exceptionType);
}
