using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Tests.Activities;

/// <summary>Activities run at least once: each step an activity records is audited once however often a crash makes
/// the engine run it again.</summary>
public sealed class RerunTests
{
    private static readonly DateTime RespondBy = ActivityHarness.Now.UtcDateTime.AddHours(72);

    [Fact]
    public async Task Every_recording_activity_run_twice_audits_its_step_once()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var time = harness.Time;
        var id = await harness.ScreenedAsync("ipt-grief.json");
        var record = new RecordStep(harness.Records, time);
        var review = new ApplyReviewDecision(harness.Records, time);
        var close = new CloseClinicOffer(harness.Records, time);

        await Twice(() => record.RunAsync(new StepRecord(id, ReferralStatus.AwaitingReview, "review-requested", "review due", RespondBy)));
        await Twice(() => review.RunAsync(new ReviewStep(id, new ReviewDecision(ReviewChoice.Approve, "coordinator-1"))));
        await Twice(() => harness.Offer.RunAsync(new PlacementRequest(id, [], RespondBy)));
        await Twice(() => close.RunAsync(new OfferOutcome(id, "northbridge-ipt", OfferEnd.Declined)));
        await Twice(() => harness.Offer.RunAsync(new PlacementRequest(id, ["northbridge-ipt", "lumen-telehealth", "riverside-specialist", "westfield-community", "harbour-crisis", "southgate-mood", "eastside-young-people"], RespondBy)));
        (await Twice(() => new OfferToClinic(harness.Records, harness.Clinics, time).RunAsync(new ClinicOffer(id, "northbridge-ipt", RespondBy, "user:coord-1"))))
            .Should().Equal(true, true);
        await Twice(() => close.RunAsync(new OfferOutcome(id, "northbridge-ipt", OfferEnd.Accepted, "key:northbridge")));
        (await Twice(() => new DischargeCase(harness.Records, time).RunAsync(new CaseDischarge(id, new CareEnd(DischargeReason.Completed, "key:northbridge")))))
            .Should().Equal("northbridge-ipt", "northbridge-ipt");

        (await harness.Records.ReadAuditAsync(id)).Select(entry => entry.Step).Should().Equal(
            AuditStep.Screened, AuditStep.ReviewRequested, AuditStep.ReviewDecided, AuditStep.Offered, AuditStep.ClinicDeclined,
            AuditStep.Unplaced, AuditStep.OfferedManually, AuditStep.ClinicAccepted, AuditStep.CareEnded);
        (await harness.Records.FindAsync(id))!.Status.Should().Be(ReferralStatus.Discharged);
        (await harness.Records.SlotsInUseAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Closing_twice_audits_the_close_once_and_names_the_same_released_clinic()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("ipt-grief.json");
        await harness.Offer.RunAsync(new PlacementRequest(id, [], RespondBy));

        (await Twice(() => new CloseCase(harness.Records, harness.Time).RunAsync(new CaseClosing(id, new CaseClosure(CloseReason.Duplicate, "user:coord-1")))))
            .Should().Equal("northbridge-ipt", "northbridge-ipt");

        (await harness.Records.ReadAuditAsync(id)).Should().ContainSingle(entry => entry.Step == AuditStep.CaseClosed)
            .Which.Should().BeEquivalentTo(new { CloseReason = (CloseReason?)CloseReason.Duplicate, ClinicId = "northbridge-ipt", Actor = "user:coord-1" });
        (await harness.Records.SlotsInUseAsync()).Should().BeEmpty();
    }

    private static async Task<T[]> Twice<T>(Func<Task<T>> run) => [await run(), await run()];

    private static async Task Twice(Func<Task> run)
    {
        await run();
        await run();
    }
}
