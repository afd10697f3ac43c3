using IptTriage.Cli.Tests.Support;
using IptTriage.Workflow.Records;

namespace IptTriage.Cli.Tests.Run;

/// <summary>The quick start: <c>iptriage run --simulate-responses</c> on the bundled samples, run once for all these tests.</summary>
public sealed class SimulatedSamplesRun : IDisposable
{
    private readonly TempDirectory temp = new();

    public SimulatedSamplesRun() => Output = RunOutput.Run(Path.Combine(temp.Path, "data"), "--simulate-responses");

    public RunOutput Output { get; }

    public void Dispose() => temp.Dispose();
}

[Collection(RunCollection.Name)]
public sealed class SimulatedSamplesRunTests(SimulatedSamplesRun run) : IClassFixture<SimulatedSamplesRun>
{
    private static IEnumerable<string> SampleIds => SampleFiles.ValidFormNames.Select(SampleFiles.ReferralIdOf);

    [Fact]
    public async Task Every_sample_referral_is_placed_then_discharged_and_the_summary_says_how_many_waited_for_a_freed_slot()
    {
        run.Output.Result.ExitCode.Should().Be(ExitCodes.Success, run.Output.Result.Stderr);
        run.Output.Summary.Keys.Should().Equal(SampleIds);
        run.Output.Summary.Values.Should().OnlyContain(row => row.Status == "discharged" && row.Clinic != "-");
        var waited = 0;
        foreach (var id in SampleIds)
        {
            var record = await run.Output.RecordAsync(id);
            record!.Status.Should().Be(ReferralStatus.Discharged, id);
            record.ClinicId.Should().Be(run.Output.Summary[id].Clinic, id);
            var steps = (await run.Output.AuditAsync(id)).Select(entry => entry.Step).ToList();
            steps.Should().ContainSingle(step => step == AuditStep.CareEnded, id);
            if (steps.Contains(AuditStep.Unplaced) && steps.IndexOf(AuditStep.Unplaced) < steps.IndexOf(AuditStep.ClinicAccepted)) waited++;
        }
        var count = SampleIds.Count();
        waited.Should().BePositive("the clinics' capacity is less than the samples need: slots freed by discharges go to the cases waiting");
        run.Output.Result.Stdout.Should().Contain($"{count} referrals: {count} discharged;")
            .And.Contain($"placed with a clinic: {count} ({waited} re-placed after waiting unplaced); discharged: {count}; still unplaced: 0");
    }

    [Fact]
    public async Task A_case_that_waited_unplaced_is_offered_a_slot_a_discharge_freed_by_the_workflow_itself()
    {
        var reoffered = 0;
        foreach (var id in SampleIds)
        {
            var audit = (await run.Output.AuditAsync(id)).ToList();
            var unplaced = audit.FindIndex(entry => entry.Step == AuditStep.Unplaced);
            if (unplaced < 0) continue;
            // After waiting, an offer made by the system (a freed slot), not a coordinator's choice.
            if (audit.Skip(unplaced).Any(entry => entry.Step == AuditStep.Offered && entry.Actor == Actors.System)) reoffered++;
        }
        reoffered.Should().BePositive();
    }

    [Fact]
    public void The_header_explains_the_simulated_clock_and_people()
    {
        run.Output.Result.Stdout.Should().Contain("Simulated clock: 1 second = 1h00m")
            .And.Contain("clinics accept after 2 h, but decline the first offer of every 4th referral taken in");
    }

    [Fact]
    public void Every_email_counted_in_the_summary_is_an_eml_file_in_the_outbox_it_names()
    {
        var emails = run.Output.Summary.Values.Sum(row => row.Emails);

        emails.Should().BePositive();
        run.Output.OutboxFiles.Should().HaveCount(emails);
        run.Output.Result.Stdout.Should().Contain($"outbox:   {Path.Combine(run.Output.DataDirectory, "outbox")} ({emails} .eml files)")
            .And.Contain($"records:  {Path.Combine(run.Output.DataDirectory, "records.db")}")
            .And.Contain($"workflow: {Path.Combine(run.Output.DataDirectory, "durable.db")}");
    }

    [Fact]
    public async Task An_emergency_is_acknowledged_in_the_workflow_and_placed_with_the_crisis_team()
    {
        var row = run.Output.Summary["SMP-0201"];

        row.Should().Be(new SummaryRow("SMP-0201", "discharged", "crisis-services", "harbour-crisis", row.Emails));
        var audit = await run.Output.AuditAsync("SMP-0201");
        var steps = audit.Select(entry => entry.Step).ToList();
        steps.Should().Contain(AuditStep.Emergency);
        steps.Should().ContainSingle(step => step == AuditStep.CrisisAcknowledged || step == AuditStep.UnacknowledgedEmergency);
    }

    [Fact]
    public async Task A_review_is_approved_by_the_simulated_coordinator_before_it_is_placed()
    {
        var audit = await run.Output.AuditAsync("SMP-0301");

        var steps = audit.Select(entry => (entry.Step, entry.Actor)).ToList();
        steps.Should().ContainInOrder(
            (AuditStep.ReviewRequested, Actors.System),
            (AuditStep.ReviewSubmitted, "user:sim-coordinator"),
            (AuditStep.ReviewDecided, "user:sim-coordinator"));
        audit.Single(entry => entry.Step == AuditStep.ReviewSubmitted).Detail.Should().Be("review: approve (simulated by iptriage run --simulate-responses)");
        run.Output.Summary["SMP-0301"].Status.Should().Be("discharged");
    }

    [Fact]
    public async Task The_first_offer_of_every_fourth_referral_is_declined_and_no_other_offer_is()
    {
        // Which referrals get an offer at all depends on which took the last slots first; the rule holds for those that do.
        // The samples directory is taken in in file-name order, which is id order.
        var ordered = SampleIds.ToList();
        var declines = 0;
        for (var index = 0; index < ordered.Count; index++)
        {
            var answers = (await run.Output.AuditAsync(ordered[index]))
                .Where(entry => entry.Step == AuditStep.ClinicResponseSubmitted)
                .Select(entry => entry.Detail!.StartsWith("clinic response: decline", StringComparison.Ordinal))
                .ToList();
            var expected = answers.Select((_, offer) => offer == 0 && (index + 1) % 4 == 0);
            answers.Should().Equal(expected, ordered[index]);
            declines += answers.Count(declined => declined);
        }
        declines.Should().BePositive();
    }
}
