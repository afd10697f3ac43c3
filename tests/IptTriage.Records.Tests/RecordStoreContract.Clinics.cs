using System.Text;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Records.Tests;

/// <summary>Clinic capacity: the effective capacity coordinators set, the clinic audit trail, and automatic placement
/// within it under concurrency, the same on every store.</summary>
public abstract partial class RecordStoreContract
{
    private static CapacityEdit Edit(int directoryCapacity, int capacity, DateTimeOffset at, string? reason = null) =>
        new("clinic-a", directoryCapacity, capacity, Actors.User("c-1"), reason, at);

    [Fact]
    public async Task A_capacity_edit_is_the_clinics_effective_capacity_from_then_on_and_is_audited_for_the_clinic()
    {
        var store = await OpenAsync();
        (await store.EditedCapacitiesAsync()).Should().BeEmpty();
        (await store.TryReserveWithinCapacityAsync("clinic-a", "R-1", 1, T0)).Should().BeTrue();
        (await store.TryReserveWithinCapacityAsync("clinic-a", "R-2", 1, T0)).Should().BeFalse("until edited, the directory's capacity holds");

        var change = await store.SetCapacityAsync(Edit(1, 3, T0.AddHours(1), "Two therapists joined."));

        change.Should().Be(new CapacityChange(From: 1, To: 3, InUse: 1));
        (change.Changed, change.SlotsFreed, change.OverCapacity).Should().Be((true, 2, false));
        (await store.TryReserveWithinCapacityAsync("clinic-a", "R-2", 1, T0)).Should().BeTrue();
        (await store.TryReserveWithinCapacityAsync("clinic-a", "R-3", 1, T0)).Should().BeTrue();
        (await store.TryReserveWithinCapacityAsync("clinic-a", "R-4", 1, T0)).Should().BeFalse();
        (await store.TryReserveWithinCapacityAsync("clinic-a", "R-3", 1, T0)).Should().BeTrue("a full clinic still holds the slots it gave");
        (await store.EditedCapacitiesAsync()).Should().Equal(new Dictionary<string, int> { ["clinic-a"] = 3 });

        var again = await store.SetCapacityAsync(Edit(1, 3, T0.AddHours(2), "Same again."));

        again.Should().Be(new CapacityChange(3, 3, 3));
        again.Changed.Should().BeFalse();
        (await store.ReadClinicAuditAsync("clinic-a")).Should().BeEquivalentTo(
            [new ClinicAuditEntry("clinic-a", T0.AddHours(1), ClinicAuditStep.CapacityChanged, "user:c-1", "Two therapists joined.") { CapacityFrom = 1, CapacityTo = 3, InUse = 1 }],
            "an edit that changes nothing audits nothing");
        (await store.ReadClinicAuditAsync("clinic-b")).Should().BeEmpty();
        (await store.TryReserveAsync("clinic-a", "R-5", int.MaxValue, T0)).Should().BeTrue("a reservation with its own capacity (a person's placement) is not limited by the edit");
    }

    [Fact]
    public async Task A_capacity_lowered_below_what_is_in_use_is_kept_and_gives_no_slot_until_fewer_are_held()
    {
        var store = await OpenAsync();
        foreach (var referral in new[] { "R-1", "R-2", "R-3" }) await store.TryReserveWithinCapacityAsync("clinic-a", referral, 3, T0);

        var lowered = await store.SetCapacityAsync(Edit(3, 1, T0.AddHours(1)));

        lowered.Should().Be(new CapacityChange(3, 1, 3));
        (lowered.OverCapacity, lowered.SlotsFreed).Should().Be((true, 0));
        (await store.SlotsInUseAsync())["clinic-a"].Should().Be(3, "the cases the clinic holds keep their slots");
        await store.ReleaseAsync("clinic-a", "R-1");
        await store.ReleaseAsync("clinic-a", "R-2");
        (await store.TryReserveWithinCapacityAsync("clinic-a", "R-4", 3, T0)).Should().BeFalse("one held, capacity one: full");
        await store.ReleaseAsync("clinic-a", "R-3");
        (await store.TryReserveWithinCapacityAsync("clinic-a", "R-4", 3, T0)).Should().BeTrue();

        var raised = await store.SetCapacityAsync(Edit(3, 2, T0.AddHours(2), null));

        (raised, raised.SlotsFreed).Should().Be((new CapacityChange(1, 2, 1), 1));
        (await store.ReadClinicAuditAsync("clinic-a")).Select(entry => (entry.CapacityFrom, entry.CapacityTo, entry.InUse, entry.Detail))
            .Should().Equal((3, 1, 3, null), (1, 2, 1, null));
    }

    [Fact]
    public async Task Concurrent_reservations_within_an_edited_capacity_never_overbook()
    {
        var clients = new[] { await OpenAsync(), await OpenAsync(), await OpenAsync() };
        await clients[0].SetCapacityAsync(Edit(50, 5, T0));

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Task.Run(() => clients[i % clients.Length].TryReserveWithinCapacityAsync("clinic-a", $"R-{i}", 50, T0))));

        results.Count(reserved => reserved).Should().Be(5);
        (await clients[1].SlotsInUseAsync())["clinic-a"].Should().Be(5);
    }

    [Fact]
    public async Task Capacity_edits_racing_reservations_are_serialised_with_them()
    {
        var clients = new[] { await OpenAsync(), await OpenAsync(), await OpenAsync() };
        int[] capacities = [2, 7, 4, 9, 3, 6, 1, 5];

        await Task.WhenAll(Enumerable.Range(0, 80).Select(i => Task.Run(async () =>
        {
            var client = clients[i % clients.Length];
            if (i % 10 == 0) await client.SetCapacityAsync(Edit(10, capacities[i / 10], T0.AddSeconds(i)));
            else await client.TryReserveWithinCapacityAsync("clinic-a", $"R-{i}", 10, T0);
        })));

        var audit = await clients[0].ReadClinicAuditAsync("clinic-a");
        audit.Should().NotBeEmpty();
        audit.Zip(audit.Skip(1)).Should().OnlyContain(pair => pair.Second.CapacityFrom == pair.First.CapacityTo,
            "each edit starts from the capacity the one before it left");
        var last = audit[^1];
        (await clients[1].EditedCapacitiesAsync())["clinic-a"].Should().Be(last.CapacityTo);
        (await clients[2].SlotsInUseAsync()).GetValueOrDefault("clinic-a").Should().BeLessThanOrEqualTo(Math.Max(last.CapacityTo!.Value, last.InUse!.Value),
            "after the last edit, a reservation is made only while fewer slots are held than it allows");
    }

    [Fact]
    public async Task Automatic_placement_under_concurrency_offers_no_more_cases_than_the_effective_capacity()
    {
        var clients = new[] { await OpenAsync(), await OpenAsync(), await OpenAsync() };
        var directory = ClinicDirectory.Load(new MemoryStream(Encoding.UTF8.GetBytes("""
            {"clinics": [{"id": "clinic-a", "name": "Clinic A", "email": "intake@clinic-a.example.org", "regions": ["north"], "telehealth": false,
              "languages": ["en", "es"], "pathways": ["ipt"], "modalities": [], "adaptations": [], "capacity": 20}]}
            """)), "clinics.json");
        var form = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "samples", "intake", "0101-ipt-grief-spanish-speaking-widow.json"));
        var referrals = Enumerable.Range(0, 12).Select(i => $"R-{i}").ToList();
        foreach (var id in referrals)
        {
            await clients[0].AddAsync(new NewReferral(id, T0, form));
            await clients[0].RecordDecisionAsync(id, Decision(Urgency.Routine) with { ReferralId = id }, "{}", ReferralStatus.Placing, Step(id, T0, AuditStep.Screened));
        }
        await clients[0].SetCapacityAsync(new CapacityEdit("clinic-a", 20, 3, Actors.User("c-1"), null, T0));

        var offered = await Task.WhenAll(referrals.Select((id, i) => Task.Run(() =>
            new OfferToNextClinic(clients[i % clients.Length], directory, TimeProvider.System).RunAsync(new PlacementRequest(id, [], T0.UtcDateTime.AddHours(72))))));

        offered.Count(clinic => clinic == "clinic-a").Should().Be(3);
        offered.Count(clinic => clinic is null).Should().Be(9);
        (await clients[1].SlotsInUseAsync())["clinic-a"].Should().Be(3);
        var statuses = await Task.WhenAll(referrals.Select(async id => (await clients[2].FindAsync(id))!.Status));
        statuses.Count(status => status == ReferralStatus.AwaitingClinic).Should().Be(3);
        statuses.Count(status => status == ReferralStatus.Unplaced).Should().Be(9);
    }

    [Fact]
    public async Task A_placement_override_reason_keeps_the_clinic_and_its_coded_mismatches()
    {
        var store = await OpenAsync();
        var entry = new AuditEntry("R-1", T0, AuditStep.PlacementOverrideReason, Actors.User("c-1"), [], "Agreed by phone.")
        {
            ClinicId = "clinic-a", Mismatches = [ClinicMismatch.Language, ClinicMismatch.Age, ClinicMismatch.Capacity],
        };

        await store.AppendAuditAsync(entry);
        await store.AppendAuditAsync(entry with { At = T0.AddSeconds(1), Mismatches = [] });

        (await store.ReadAuditAsync("R-1")).Should().BeEquivalentTo([entry, entry with { At = T0.AddSeconds(1), Mismatches = null }],
            options => options.WithStrictOrdering(), "no mismatches reads back as none");
    }
}
