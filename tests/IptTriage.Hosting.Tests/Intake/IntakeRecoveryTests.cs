using IptTriage.Testing;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Orchestrators;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IptTriage.Hosting.Tests.Intake;

/// <summary>Issue 11 item 1 for an HTTP submission, which nothing redelivers: a process that died between storing a form
/// and starting its orchestration leaves the referral at <c>received</c>, and the next host start finishes it.</summary>
public sealed class IntakeRecoveryTests : IDisposable
{
    private const string ValidSample = "0101-ipt-grief-spanish-speaking-widow.json";
    private const string ValidSampleId = "SMP-0101";

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("iptriage-recovery-").FullName;

    private readonly CapturedLogs logs = new();

    private Task<IntakeHost> StartHostAsync() =>
        IntakeHost.StartAsync(dataDirectory, [], services => services.AddSingleton<ILoggerProvider>(logs));

    /// <summary>What a process that died part-way through intake leaves: the installation composed but never started (no
    /// worker ran), and whatever <paramref name="write"/> did through its store and client.</summary>
    private async Task CrashAfterAsync(Func<IServiceProvider, Task> write)
    {
        using (var host = Scenarios.BuildHost(dataDirectory))
        {
            await write(host.Services);
        }
        SqliteConnection.ClearAllPools();
    }

    private static Task StoreAsync(IServiceProvider services, string referralId, byte[] form) =>
        services.GetRequiredService<IRecordStore>().AddAsync(new NewReferral(referralId, DateTimeOffset.UtcNow, form));

    /// <summary>The summary the <paramref name="start"/>-th host start (from 0) logged once its recovery pass was done.</summary>
    private Task<string> RecoveryLogAsync(int start = 0) => IntakeHost.WaitUntilAsync(() =>
        Task.FromResult(logs.Lines.Where(line => line.Contains("Start-up intake recovery")).Skip(start).FirstOrDefault()));

    [Fact]
    public async Task A_form_stored_without_its_orchestration_is_started_at_the_next_start_and_screened_once()
    {
        await CrashAfterAsync(services => StoreAsync(services, ValidSampleId, IntakeHost.Sample(ValidSample)));

        await using var host = await StartHostAsync();

        await host.WaitForStatusAsync(ValidSampleId, ReferralStatus.AwaitingClinic);
        (await host.OrchestrationCountAsync()).Should().Be(1);
        (await host.Records.ReadAuditAsync(ValidSampleId)).Count(entry => entry.Step == AuditStep.Screened).Should().Be(1);
        (await RecoveryLogAsync()).Should().Contain("Received=1; Started=1").And.NotContain(ValidSampleId, "counts only");
    }

    [Fact]
    public async Task A_referral_whose_orchestration_was_started_before_the_crash_is_not_started_again()
    {
        await CrashAfterAsync(async services =>
        {
            await StoreAsync(services, ValidSampleId, IntakeHost.Sample(ValidSample));
            // Started but never run: no worker ran in the process that died.
            await services.GetRequiredService<DurableTaskClient>().ScheduleNewOrchestrationInstanceAsync(
                ReferralOrchestrator.Name, ValidSampleId, new StartOrchestrationOptions(ValidSampleId));
        });

        await using (var host = await StartHostAsync())
        {
            await host.WaitForStatusAsync(ValidSampleId, ReferralStatus.AwaitingClinic);
            // The engine resumes the orchestration as the host starts, and the recovery pass lists the referrals still at
            // received only once the host has started: under load the orchestration may have screened it by then, so the
            // pass finds it (1) or not (0); either way it starts nothing. The branch that finds it is checked without the
            // race by the pass on a host that is never started (below).
            (await RecoveryLogAsync()).Should().MatchRegex("Received=[01]; Started=0", "the stored referral has its orchestration, which the engine resumes");
        }

        // A start with nothing left over finds nothing to do.
        await using var again = await StartHostAsync();
        (await RecoveryLogAsync(start: 1)).Should().Contain("Received=0; Started=0");
        (await again.OrchestrationCountAsync()).Should().Be(1);
        (await again.Records.ReadAuditAsync(ValidSampleId)).Count(entry => entry.Step == AuditStep.Screened).Should().Be(1);
    }

    /// <summary>The branch where <see cref="ReferralIntake.ResumeAsync"/> answers false because the referral has its
    /// orchestration, without a race: the pass runs on an installation that is composed but never started, so no worker
    /// runs the orchestrations and both referrals stay at received, however fast or slow the machine.</summary>
    [Fact]
    public async Task The_pass_counts_a_received_referral_with_its_orchestration_as_received_and_leaves_its_orchestration_alone()
    {
        const string stalledId = "SMP-0102";
        using var host = Scenarios.BuildHost(dataDirectory);
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        await StoreAsync(host.Services, ValidSampleId, IntakeHost.Sample(ValidSample));
        await client.ScheduleNewOrchestrationInstanceAsync(ReferralOrchestrator.Name, ValidSampleId, new StartOrchestrationOptions(ValidSampleId));
        await StoreAsync(host.Services, stalledId, IntakeHost.Sample("0102-ipt-role-dispute-no-email-phone-contact.json"));
        var before = await client.GetInstanceAsync(ValidSampleId);
        var recovery = host.Services.GetRequiredService<StalledIntakeRecovery>();

        var counts = await recovery.RunAsync(DateTimeOffset.MaxValue, CancellationToken.None);

        counts.Should().Be(new IntakeRecoveryCounts(Received: 2, Started: 1, Failed: 0, NotReached: 0), "only the referral without an orchestration is started");
        var instances = await client.GetAllInstancesAsync(new OrchestrationQuery()).ToListAsync();
        instances.Select(instance => instance.InstanceId).Should().BeEquivalentTo([ValidSampleId, stalledId], "one orchestration per referral");
        instances.Single(instance => instance.InstanceId == ValidSampleId).Should().BeEquivalentTo(
            new { before!.Name, before.CreatedAt, before.RuntimeStatus }, "the existing orchestration is the one scheduled before the pass, untouched");
        (await host.Services.GetRequiredService<IRecordStore>().FindAsync(ValidSampleId))!.Status.Should().Be(ReferralStatus.Received);

        // A second pass finds both at received and starts neither.
        (await recovery.RunAsync(DateTimeOffset.MaxValue, CancellationToken.None)).Should().Be(new IntakeRecoveryCounts(2, 0, 0, 0));
        (await client.GetAllInstancesAsync(new OrchestrationQuery()).CountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task An_invalid_form_stored_without_its_orchestration_is_recorded_invalid_with_one_coordinator_alert()
    {
        const string referralId = "queue-crashed";
        await CrashAfterAsync(services => StoreAsync(services, referralId, IntakeHost.Sample(Path.Combine("invalid", "broken-json.json"))));

        await using var host = await StartHostAsync();

        await host.WaitForStatusAsync(referralId, ReferralStatus.Invalid);
        await host.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(referralId);
        (await host.Records.ListNotificationsAsync(referralId)).Should().ContainSingle().Which.Kind.Should().Be("coordinator-invalid-form");
        (await host.Records.ReadAuditAsync(referralId)).Count(entry => entry.Step == AuditStep.Invalid).Should().Be(1);
        (await host.OrchestrationCountAsync()).Should().Be(1);
    }

    public void Dispose()
    {
        logs.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
