using IptTriage.Cli.Commands.Run;
using IptTriage.Cli.Tests.Support;
using IptTriage.Records.Sqlite;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;

namespace IptTriage.Cli.Tests.Run;

/// <summary>Which waiting cases the simulated people take up, decided on one record at a time: no run, no clock.</summary>
public sealed class ResponseSimulatorTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    [Fact]
    public async Task An_unplaced_case_a_clinic_matches_waits_for_a_slot_there_until_no_case_is_left_to_free_one()
    {
        const string referralId = "SMP-0101";
        var store = await SqliteRecordStore.OpenAsync(Path.Combine(temp.Path, "records.db"));
        await store.AddAsync(new NewReferral(referralId, DateTimeOffset.UtcNow, await File.ReadAllBytesAsync(SampleFiles.Valid("0101-ipt-grief-spanish-speaking-widow.json"))));
        await using var clinicsFile = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "samples", "clinics.json"));
        var simulator = new ResponseSimulator(client: null!, store, ClinicDirectory.Load(clinicsFile, "clinics.json"), TimeProvider.System);
        await simulator.TakenInAsync(referralId, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var unplaced = new ReferralRecord(referralId, ReferralStatus.Unplaced, now, now,
            new Routing(Outcome.Routed, Pathway.Ipt, Modality: null, Adaptations: [], Urgency.Routine, "test"), DecisionJson: null, ClinicId: null, DueAt: null);

        simulator.PlaysWhoItWaitsOn(unplaced).Should().BeFalse("a clinic matches it, so it waits for a slot there to free");

        simulator.SlotsMayFree = false;

        simulator.PlaysWhoItWaitsOn(unplaced).Should().BeTrue("no other case is left to free a slot: the coordinator places it by hand");
    }
}
