using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Tests.Activities;

public sealed class PlacementActivityTests
{
    private static readonly DateTime RespondBy = ActivityHarness.Now.UtcDateTime.AddHours(72);

    [Fact]
    public async Task A_case_is_offered_to_the_first_matching_clinic_with_room()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("ipt-grief.json"); // north, Spanish-speaking, IPT

        var clinic = await harness.Offer.RunAsync(new PlacementRequest(id, [], RespondBy));

        clinic.Should().Be("northbridge-ipt");
        var record = await harness.Records.FindAsync(id);
        (record!.Status, record.ClinicId, record.DueAt).Should().Be((ReferralStatus.AwaitingClinic, "northbridge-ipt", new DateTimeOffset(RespondBy)));
        (await harness.Records.SlotsInUseAsync()).Should().Equal(new Dictionary<string, int> { ["northbridge-ipt"] = 1 });
    }

    [Fact]
    public async Task A_freed_slot_is_for_the_most_urgent_then_oldest_unplaced_cases_that_match_as_many_as_the_clinic_has_free()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        // Both match lumen-telehealth (IPT, telehealth, English and Spanish): one routine and older, one urgent and newer.
        var routineOlder = await UnplacedAsync(harness, "ipt-grief.json", "EX-ROUTINE-OLDER", ActivityHarness.Now.AddDays(-1));
        var urgentNewer = await UnplacedAsync(harness, "needs-review.json", "EX-URGENT-NEWER", ActivityHarness.Now);
        var declined = await UnplacedAsync(harness, "ipt-grief.json", "EX-DECLINED", ActivityHarness.Now.AddDays(-2));
        await harness.Records.AppendAuditAsync(new AuditEntry(declined, ActivityHarness.Now, AuditStep.ClinicDeclined, "key:lumen", []) { ClinicId = "lumen-telehealth" });
        var find = new FindCasesForSlot(harness.Records, harness.Clinics);

        (await find.RunAsync("lumen-telehealth")).Should().Equal([urgentNewer, routineOlder], "the clinic declined the oldest; urgency comes before age");
        // Northbridge serves the north only: the east's urgent case does not match it, the declined one (by lumen) does.
        (await find.RunAsync("northbridge-ipt")).Should().Equal([declined, routineOlder]);

        var lumen = harness.Clinics.Find("lumen-telehealth")!;
        for (var held = 0; held < lumen.Capacity - 1; held++) await harness.Records.TryReserveAsync(lumen.Id, $"EX-HOLDER-{held}", lumen.Capacity, ActivityHarness.Now);
        (await find.RunAsync("lumen-telehealth")).Should().Equal([urgentNewer], "one slot is free");
        await harness.Records.TryReserveAsync(lumen.Id, "EX-HOLDER-LAST", lumen.Capacity, ActivityHarness.Now);
        (await find.RunAsync("lumen-telehealth")).Should().BeEmpty("the clinic is full");
        (await find.RunAsync("no-such-clinic")).Should().BeEmpty();
    }

    private static async Task<string> UnplacedAsync(ActivityHarness harness, string sample, string referralId, DateTimeOffset receivedAt)
    {
        var form = ActivityHarness.Form(sample, json => json["referralId"] = referralId);
        await harness.Records.AddAsync(new NewReferral(referralId, receivedAt, form));
        await harness.Screen.RunAsync(referralId);
        await harness.Records.SetStatusAsync(referralId, ReferralStatus.Unplaced, new AuditEntry(referralId, ActivityHarness.Now, AuditStep.Unplaced, Actors.System, []));
        return referralId;
    }

    [Fact]
    public async Task Offering_again_after_a_crash_keeps_the_same_clinic_and_slot()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("ipt-grief.json");

        await harness.Offer.RunAsync(new PlacementRequest(id, [], RespondBy));
        var again = await harness.Offer.RunAsync(new PlacementRequest(id, [], RespondBy));

        again.Should().Be("northbridge-ipt");
        (await harness.Records.SlotsInUseAsync())["northbridge-ipt"].Should().Be(1);
    }

    [Fact]
    public async Task A_full_or_already_tried_clinic_is_passed_over_and_none_left_means_unplaced()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("ipt-grief.json");
        for (var i = 0; i < 4; i++) await harness.Records.TryReserveAsync("northbridge-ipt", $"other-{i}", 4, ActivityHarness.Now);

        var first = await harness.Offer.RunAsync(new PlacementRequest(id, [], RespondBy));
        var none = await harness.Offer.RunAsync(new PlacementRequest(id, ["lumen-telehealth"], RespondBy));

        first.Should().Be("lumen-telehealth");
        none.Should().BeNull();
        (await harness.Records.FindAsync(id))!.Status.Should().Be(ReferralStatus.Unplaced);
        var audit = await harness.Records.ReadAuditAsync(id);
        audit[^2].Should().BeEquivalentTo(new { Step = AuditStep.Offered, ClinicId = "lumen-telehealth", DueAt = new DateTimeOffset(RespondBy, TimeSpan.Zero) });
        audit[^1].Should().BeEquivalentTo(new { Step = AuditStep.Unplaced, ClinicId = (string?)null, Detail = (string?)null });
    }

    [Fact]
    public async Task A_decline_gives_the_slot_back_and_an_accept_places_the_case()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("ipt-grief.json");
        var close = new CloseClinicOffer(harness.Records, harness.Time);
        await harness.Offer.RunAsync(new PlacementRequest(id, [], RespondBy));

        await close.RunAsync(new OfferOutcome(id, "northbridge-ipt", OfferEnd.Declined, "user:nb-staff"));
        (await harness.Records.SlotsInUseAsync()).Should().BeEmpty();
        await harness.Offer.RunAsync(new PlacementRequest(id, ["northbridge-ipt"], RespondBy));
        await close.RunAsync(new OfferOutcome(id, "lumen-telehealth", OfferEnd.Accepted, "key:clinic:lumen-telehealth"));

        var record = await harness.Records.FindAsync(id);
        (record!.Status, record.ClinicId).Should().Be((ReferralStatus.Placed, "lumen-telehealth"));
        (await harness.Records.ReadAuditAsync(id)).Select(a => (a.Step, a.Actor, a.ClinicId)).Should().ContainInOrder(
            (AuditStep.ClinicDeclined, "user:nb-staff", "northbridge-ipt"), (AuditStep.ClinicAccepted, "key:clinic:lumen-telehealth", "lumen-telehealth"));
    }

    [Fact]
    public async Task A_coordinators_override_reroutes_the_case_before_placement()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("needs-review.json");
        var review = new ApplyReviewDecision(harness.Records, harness.Time);

        await review.RunAsync(new ReviewStep(id, new ReviewDecision(ReviewChoice.Override, "user:coord-7", Pathway.Alternative, Modality.Cbt)));
        var clinic = await harness.Offer.RunAsync(new PlacementRequest(id, [], RespondBy));

        (await harness.Records.FindAsync(id))!.Routing!.Should().BeEquivalentTo(new { Pathway = Pathway.Alternative, Modality = Modality.Cbt });
        clinic.Should().Be("lumen-telehealth", "the client is in the east, where only telehealth offers CBT");
        (await harness.Records.ReadAuditAsync(id)).Should().ContainSingle(a => a.Step == AuditStep.ReviewDecided).Which.Should().BeEquivalentTo(
            new { Actor = "user:coord-7", ReviewChoice = ReviewChoice.Override, Pathway = Pathway.Alternative, Modality = Modality.Cbt });
    }

    [Fact]
    public async Task An_override_without_a_pathway_is_refused()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var id = await harness.ScreenedAsync("needs-review.json");

        var review = () => new ApplyReviewDecision(harness.Records, harness.Time).RunAsync(new ReviewStep(id, new ReviewDecision(ReviewChoice.Override, "coord-7")));

        await review.Should().ThrowAsync<ArgumentException>().WithMessage("An override must name a pathway*");
        (await harness.Records.FindAsync(id))!.Status.Should().Be(ReferralStatus.Screened);
    }
}
