using IptTriage.Cli.Commands.Screen;
using Microsoft.DurableTask.Client;
using IptTriage.DurableTask.Sqlite.Dispatch;
using IptTriage.Composition;
using IptTriage.Hosting;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace IptTriage.Cli.Commands.Run;

/// <summary>One <c>iptriage run</c>: the workflow on the embedded engine, every form taken in, every referral driven
/// until it is finished or waits on a person, then a clean stop and the summary.</summary>
public sealed class ReferralRun
{
    /// <summary>Simulated seconds per real second with <c>--simulate-responses</c>: one second is one hour.</summary>
    public const double SimulatedSecondsPerSecond = 3600;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    // A referral waiting on a person has settled once the engine has committed no work for this many polls: its
    // notices are out and its timers set. Pending work left at the stop is kept in the store, never lost.
    private const int QuietPollsToSettle = 6;

    private readonly IHost host;
    private readonly IAnsiConsole console;
    private readonly TerminalInfo terminal;
    private readonly ScaledTimeProvider? clock;
    private readonly IRecordStore records;
    private readonly DurableTaskClient client;
    private readonly List<string> referralIds = [];
    private readonly HashSet<string> invalid = new(StringComparer.Ordinal);
    private readonly HashSet<string> existedBefore = new(StringComparer.Ordinal);
    private readonly HashSet<string> engineFailed = new(StringComparer.Ordinal);
    private readonly ResponseSimulator? simulator;
    private TimeSpan intakeBeganAt;

    private ReferralRun(IHost host, IAnsiConsole console, TerminalInfo terminal, ScaledTimeProvider? clock)
    {
        this.host = host;
        this.console = console;
        this.terminal = terminal;
        this.clock = clock;
        records = host.Services.GetRequiredService<IRecordStore>();
        client = host.Services.GetRequiredService<DurableTaskClient>();
        if (clock is not null)
            simulator = new ResponseSimulator(client, records, host.Services.GetRequiredService<ClinicDirectory>(), clock);
    }

    public static async Task<int> ExecuteAsync(FormSource source, string dataDirectory, bool simulateResponses, CliStreams streams, IAnsiConsole console)
    {
        var clock = simulateResponses ? new ScaledTimeProvider(SimulatedSecondsPerSecond) : null;
        var host = BuildHost(dataDirectory, clock, streams.Stderr);
        try
        {
            await using ((IAsyncDisposable)host)
            {
                return await new ReferralRun(host, console, streams.Terminal, clock).ExecuteAsync(source);
            }
        }
        finally
        {
            // Release the database files, so the data directory can be moved or deleted at once.
            SqliteConnection.ClearAllPools();
        }
    }

    private static IHost BuildHost(string dataDirectory, TimeProvider? clock, TextWriter stderr)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{IptTriageOptions.SectionName}:{nameof(IptTriageOptions.DataDirectory)}"] = dataDirectory,
        });
        builder.Logging.ClearProviders().AddProvider(new StderrLoggerProvider(stderr));
        if (clock is not null) builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddIptTriage(builder.Configuration);
        return builder.Build();
    }

    private async Task<int> ExecuteAsync(FormSource source)
    {
        var options = host.Services.GetRequiredService<IptTriageOptions>();
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var interrupted = false;
        // Started before anything is printed: a data directory another process holds stops the run with one sentence.
        await host.StartAsync(stopping);
        WriteHeader(options);
        try
        {
            await ProgressView.Create(console, terminal).RunAsync(async report =>
            {
                await TakeInAsync(source, report, stopping);
                await DriveAsync(report, stopping);
            });
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            interrupted = true;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        var outcomes = new List<ReferralOutcome>();
        foreach (var id in referralIds) outcomes.Add(await ReferralOutcome.ReadAsync(records, id, engineFailed.Contains(id), CancellationToken.None));
        WriteNotes(outcomes, options, interrupted);
        RunSummary.Write(console, outcomes, new RunLocations(
            Path.GetFullPath(options.OutboxPath), Path.GetFullPath(options.RecordsPath), Path.GetFullPath(options.DurablePath)));

        if (interrupted) return ExitCodes.Interrupted;
        if (engineFailed.Count > 0) return ExitCodes.InternalError;
        return invalid.Count > 0 ? ExitCodes.InvalidForms : ExitCodes.Success;
    }

    private void WriteHeader(IptTriageOptions options)
    {
        console.WriteLine($"iptriage run: data in {Path.GetFullPath(options.DataDirectory)}");
        if (clock is null)
        {
            console.WriteLine("Real clock; referrals stop where they wait on a person (--simulate-responses plays them).");
            return;
        }
        console.WriteLine($"Simulated clock: 1 second = {RunProgress.DescribeDuration(TimeSpan.FromSeconds(clock.Scale))}. "
            + $"Simulated people: {ResponseSimulator.Rules}.");
    }

    /// <summary>Workflow step 1 for each form, as the queue listener and the HTTP endpoint do it. The referrals
    /// already taken in are watched (and answered) meanwhile: an emergency must not wait for the rest of the batch.</summary>
    private async Task TakeInAsync(FormSource source, Action<RunProgress> report, CancellationToken cancellationToken)
    {
        var intake = host.Services.GetRequiredService<ReferralIntake>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        intakeBeganAt = clock?.Elapsed ?? TimeSpan.Zero;
        var lastPoll = TimeProvider.System.GetTimestamp();
        foreach (var form in source.Read())
        {
            var receipt = await intake.SubmitAsync(form.Utf8.ToArray(), form.FallbackId, cancellationToken);
            var firstInThisRun = seen.Add(receipt.ReferralId);
            if (firstInThisRun) referralIds.Add(receipt.ReferralId);
            if (receipt.Status == ReferralStatus.Invalid)
            {
                invalid.Add(receipt.ReferralId);
                continue;
            }
            if (!receipt.Started) existedBefore.Add(receipt.ReferralId);
            if (firstInThisRun && simulator is not null) await simulator.TakenInAsync(receipt.ReferralId, cancellationToken);

            if (TimeProvider.System.GetElapsedTime(lastPoll) < PollInterval) continue;
            await PollAsync(report, cancellationToken);
            lastPoll = TimeProvider.System.GetTimestamp();
        }
    }

    /// <summary>Watches every referral (and plays the people, when simulating) until each has finished or waits on a
    /// person no one here plays.</summary>
    private async Task DriveAsync(Action<RunProgress> report, CancellationToken cancellationToken)
    {
        var counters = host.Services.GetRequiredService<DurableEngine>().Counters;
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var (lastWork, quietPolls) = (-1L, 0);
        while (true)
        {
            var current = await PollAsync(report, cancellationToken);
            var work = counters.WorkItems;
            quietPolls = work == lastWork ? quietPolls + 1 : 0;
            lastWork = work;
            var settled = true;
            foreach (var record in current.Where(record => !finished.Contains(record.ReferralId)))
            {
                if (await HasFinishedAsync(record.ReferralId, cancellationToken)) finished.Add(record.ReferralId);
                else settled &= quietPolls >= QuietPollsToSettle && WaitsOnSomeoneNotPlayed(record, inCareToo: true);
            }
            if (settled) return;
            if (quietPolls >= QuietPollsToSettle) SkipWeeksOfCare(current, finished);
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>When every referral still running is in care (placed) or waits for a slot no one here arranges, nothing
    /// is due until the next simulated discharge and no durable timer is set: the clock jumps there.</summary>
    private void SkipWeeksOfCare(IReadOnlyList<ReferralRecord> current, HashSet<string> finished)
    {
        if (clock is null) return;
        var running = current.Where(record => !finished.Contains(record.ReferralId)).ToList();
        if (!running.All(record => record.Status == ReferralStatus.Placed || (record.Status == ReferralStatus.Unplaced && WaitsOnSomeoneNotPlayed(record)))) return;
        if (ResponseSimulator.NextDischargeDue(running) is { } due && due > clock.GetUtcNow()) clock.SkipAhead(due - clock.GetUtcNow());
    }

    /// <summary>Reads where every referral stands, answers those a simulated person is due to, and reports progress.</summary>
    private async Task<IReadOnlyList<ReferralRecord>> PollAsync(Action<RunProgress> report, CancellationToken cancellationToken)
    {
        var current = new List<ReferralRecord>(referralIds.Count);
        foreach (var id in referralIds)
        {
            var record = await records.FindAsync(id, cancellationToken)
                ?? throw new InvalidOperationException($"Referral '{id}' was taken in but is not in the record store.");
            if (simulator is not null) await simulator.AnswerIfDueAsync(record, cancellationToken);
            current.Add(record);
        }
        if (simulator is not null)
            simulator.SlotsMayFree = current.Any(record => record.Status is not (ReferralStatus.Unplaced or ReferralStatus.Discharged or ReferralStatus.Closed or ReferralStatus.Invalid));
        report(new RunProgress(referralIds.Count, current.CountBy(record => record.Status).ToDictionary(), SimulatedTime()));
        return current;
    }

    private TimeSpan? SimulatedTime() => clock?.Elapsed - intakeBeganAt;

    /// <summary>Its orchestration has ended (an invalid form's too: it records the form and alerts coordinators), or
    /// never started: a form whose id is taken by another.</summary>
    private async Task<bool> HasFinishedAsync(string referralId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(referralId, cancellationToken);
        if (instance is { IsCompleted: false }) return false;
        if (instance is { RuntimeStatus: not OrchestrationRuntimeStatus.Completed }) engineFailed.Add(referralId);
        return true;
    }

    /// <param name="inCareToo">Whether a placed case counts: it waits on its clinic to end care.</param>
    private bool WaitsOnSomeoneNotPlayed(ReferralRecord record, bool inCareToo = false) =>
        (WaitsOnPerson(record.Status) || (inCareToo && record.Status == ReferralStatus.Placed)) && simulator?.PlaysWhoItWaitsOn(record) != true;

    private static bool WaitsOnPerson(ReferralStatus status) =>
        status is ReferralStatus.Emergency or ReferralStatus.AwaitingReview or ReferralStatus.AwaitingClinic or ReferralStatus.Unplaced;

    private void WriteNotes(IReadOnlyList<ReferralOutcome> outcomes, IptTriageOptions options, bool interrupted)
    {
        if (existedBefore.Count > 0)
        {
            console.WriteLine($"{existedBefore.Count} of these referrals were already in {Path.GetFullPath(options.DataDirectory)} "
                + "(an earlier run, or the same id twice): nothing new was started for them. --fresh starts over.");
        }
        if (interrupted)
        {
            console.WriteLine("Interrupted: the engine stopped cleanly. Run again without --fresh to carry on where it stopped.");
        }
        var waiting = outcomes.Count(outcome => WaitsOnPerson(outcome.Status));
        if (waiting > 0 && simulator is null)
        {
            console.WriteLine($"{waiting} referral(s) wait on a person (emergency, awaiting-review, awaiting-clinic, unplaced); "
                + "run again with --simulate-responses to play them.");
        }
    }
}
