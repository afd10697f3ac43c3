using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Records;

namespace IptTriage.Records.Tests;

/// <summary>The referral list (<c>GET /api/referrals</c>): filters, orders and keyset pages, the same on every store.</summary>
public abstract partial class RecordStoreContract
{
    /// <summary>R-a routine awaiting review due T0+2h; R-b urgent awaiting clinic-x due T0+1h; R-c emergency placed
    /// (no due time); R-d routine, alternative pathway, unplaced; R-e urgent awaiting clinic-y due T0+1h.</summary>
    private async Task<IRecordStore> ListedAsync()
    {
        var store = await WithReferralsAsync(await OpenAsync(),
            ("R-a", Urgency.Routine, 0), ("R-b", Urgency.Urgent, 10), ("R-c", Urgency.Emergency, 20), ("R-d", Urgency.Routine, 30), ("R-e", Urgency.Urgent, 40));
        await store.SetStatusAsync("R-a", ReferralStatus.AwaitingReview, Step("R-a", T0.AddMinutes(50)), T0.AddHours(2));
        await store.SetStatusAsync("R-b", ReferralStatus.AwaitingClinic, Step("R-b", T0.AddMinutes(50)), T0.AddHours(1), "clinic-x");
        await store.SetStatusAsync("R-c", ReferralStatus.Placed, Step("R-c", T0.AddMinutes(50)), clinicId: "clinic-x");
        await store.OverrideRoutingAsync("R-d", Pathway.Alternative, Modality.Cbt, T0.AddMinutes(50));
        await store.SetStatusAsync("R-d", ReferralStatus.Unplaced, Step("R-d", T0.AddMinutes(51)));
        await store.SetStatusAsync("R-e", ReferralStatus.AwaitingClinic, Step("R-e", T0.AddMinutes(50)), T0.AddHours(1), "clinic-y");
        return store;
    }

    private static async Task<IEnumerable<string>> IdsAsync(IRecordStore store, ReferralQuery query) =>
        (await store.QueryAsync(query)).Select(referral => referral.ReferralId);

    [Fact]
    public async Task The_referral_list_filters_on_each_coded_field()
    {
        var store = await ListedAsync();
        var all = new ReferralQuery(ReferralSort.Received, 100);

        (await IdsAsync(store, all)).Should().Equal("R-a", "R-b", "R-c", "R-d", "R-e");
        (await IdsAsync(store, all with { Status = ReferralStatus.AwaitingClinic })).Should().Equal("R-b", "R-e");
        (await IdsAsync(store, all with { Urgency = Urgency.Routine })).Should().Equal("R-a", "R-d");
        (await IdsAsync(store, all with { Pathway = Pathway.Alternative })).Should().Equal("R-d");
        (await IdsAsync(store, all with { ClinicId = "clinic-x" })).Should().Equal("R-b", "R-c");
        (await IdsAsync(store, all with { OverdueAt = T0.AddHours(1).AddMinutes(1) })).Should().Equal("R-b", "R-e");
        (await IdsAsync(store, all with { OverdueAt = T0.AddHours(1) })).Should().BeEmpty("due exactly now is not yet overdue");
        (await IdsAsync(store, all with { ReceivedFrom = T0.AddMinutes(10), ReceivedTo = T0.AddMinutes(30) })).Should().Equal("R-b", "R-c");
        (await IdsAsync(store, all with { Status = ReferralStatus.AwaitingClinic, ClinicId = "clinic-y", Urgency = Urgency.Urgent })).Should().Equal("R-e");
    }

    [Theory]
    [InlineData(ReferralSort.Received, new[] { "R-a", "R-b", "R-c", "R-d", "R-e" })]
    [InlineData(ReferralSort.Due, new[] { "R-b", "R-e", "R-a", "R-c", "R-d" })]
    [InlineData(ReferralSort.Urgency, new[] { "R-c", "R-b", "R-e", "R-a", "R-d" })]
    public async Task The_referral_list_pages_in_order_without_gaps_or_repeats(ReferralSort sort, string[] expected)
    {
        var store = await ListedAsync();

        (await IdsAsync(store, new ReferralQuery(sort, 100))).Should().Equal(expected);
        var paged = new List<string>();
        ReferralPosition? after = null;
        while (true)
        {
            var page = await store.QueryAsync(new ReferralQuery(sort, 2, after));
            if (page.Count == 0) break;
            page.Count.Should().BeLessThanOrEqualTo(2);
            paged.AddRange(page.Select(referral => referral.ReferralId));
            after = ReferralQuery.KeyOf(page[^1], sort);
        }
        paged.Should().Equal(expected);
    }

    /// <summary>The queries of a clinic's worklist (<c>GET /api/clinic/cases</c>): its offers soonest due first, its
    /// placed cases oldest first, each paged by keyset; a case it discharged keeps the clinic but leaves both lists, and
    /// another clinic's cases are never in them.</summary>
    [Fact]
    public async Task A_clinics_offers_and_placed_cases_are_found_by_clinic_and_status()
    {
        var store = await ListedAsync();
        await store.SetStatusAsync("R-d", ReferralStatus.AwaitingClinic, Step("R-d", T0.AddMinutes(52)), T0.AddMinutes(90), "clinic-x");
        await store.SetStatusAsync("R-a", ReferralStatus.Placed, Step("R-a", T0.AddMinutes(53)), clinicId: "clinic-x");
        await store.SetStatusAsync("R-a", ReferralStatus.Discharged, Step("R-a", T0.AddMinutes(54)));

        var offers = new ReferralQuery(ReferralSort.Due, 1, Status: ReferralStatus.AwaitingClinic, ClinicId: "clinic-x");
        var first = await store.QueryAsync(offers);
        first.Select(referral => referral.ReferralId).Should().Equal("R-b");
        (await IdsAsync(store, offers with { After = ReferralQuery.KeyOf(first[^1], ReferralSort.Due) })).Should().Equal("R-d");
        (await IdsAsync(store, new ReferralQuery(ReferralSort.Received, 100, Status: ReferralStatus.Placed, ClinicId: "clinic-x"))).Should().Equal("R-c");
        (await store.FindAsync("R-a"))!.ClinicId.Should().Be("clinic-x", "a discharge keeps the clinic that ended the care");
        (await IdsAsync(store, new ReferralQuery(ReferralSort.Received, 100, Status: ReferralStatus.Placed, ClinicId: "clinic-y"))).Should().BeEmpty();
    }

    /// <summary>A clinic's recent discharges (<c>GET /api/clinic/cases</c>): its discharged cases whose last change, the
    /// discharge, is at or after the window's start; older ones and other clinics' are not found.</summary>
    [Fact]
    public async Task A_clinics_recent_discharges_are_found_by_when_they_last_changed()
    {
        var store = await ListedAsync();
        foreach (var (id, minute, clinic) in new[] { ("R-a", 60, "clinic-x"), ("R-c", 70, "clinic-x"), ("R-d", 80, "clinic-y") })
        {
            await store.SetStatusAsync(id, ReferralStatus.Placed, Step(id, T0.AddMinutes(minute - 1)), clinicId: clinic);
            await store.SetStatusAsync(id, ReferralStatus.Discharged, Step(id, T0.AddMinutes(minute)));
        }

        var recent = new ReferralQuery(ReferralSort.Received, 100, Status: ReferralStatus.Discharged, ClinicId: "clinic-x") { UpdatedFrom = T0.AddMinutes(70) };
        (await IdsAsync(store, recent)).Should().Equal(["R-c"], "the window's start is inclusive, and R-a was discharged before it");
        (await IdsAsync(store, recent with { UpdatedFrom = T0.AddMinutes(60) })).Should().Equal(["R-a", "R-c"]);
        (await IdsAsync(store, recent with { UpdatedFrom = T0.AddMinutes(71) })).Should().BeEmpty();
    }
}
