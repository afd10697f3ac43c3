using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Tests.Activities;

/// <summary>Automatic placement reserves within a clinic's effective capacity: a coordinator's edit, else the directory's.</summary>
public sealed class EffectiveCapacityTests
{
    private static readonly DateTime RespondBy = ActivityHarness.Now.UtcDateTime.AddHours(72);

    [Fact]
    public async Task A_clinic_whose_capacity_was_lowered_to_what_it_holds_is_passed_over_and_one_raised_is_offered_again()
    {
        await using var harness = await ActivityHarness.CreateAsync();
        var first = await harness.ScreenedAsync("ipt-grief.json"); // north, Spanish-speaking, IPT: northbridge-ipt first
        var second = await harness.ScreenedAsync("ipt-grief.json", form => form["referralId"] = "ipt-grief-2");
        await harness.Records.SetCapacityAsync(new CapacityEdit("northbridge-ipt", 4, 0, Actors.User("c-1"), null, ActivityHarness.Now));

        (await harness.Offer.RunAsync(new PlacementRequest(first, [], RespondBy))).Should().Be("lumen-telehealth", "northbridge-ipt's capacity is 0 now, though the directory says 4");

        await harness.Records.SetCapacityAsync(new CapacityEdit("northbridge-ipt", 4, 1, Actors.User("c-1"), null, ActivityHarness.Now));

        (await harness.Offer.RunAsync(new PlacementRequest(second, [], RespondBy))).Should().Be("northbridge-ipt");
        (await harness.Records.SlotsInUseAsync()).Should().Equal(new Dictionary<string, int> { ["northbridge-ipt"] = 1, ["lumen-telehealth"] = 1 });
    }
}
