using System.Net;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

public sealed class CrisisAndPlacementTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Acknowledging_an_open_emergency_is_202_and_placement_goes_on()
    {
        var referralId = await host.SubmitAsync(Samples.Emergency);
        await host.WaitForStatusAsync(referralId, "emergency");
        using var coordinator = host.Coordinator();

        using var response = await coordinator.PostAsync($"/api/referrals/{referralId}/crisis-ack", Samples.Json("{}"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var view = await host.WaitForStatusAsync(referralId, "awaiting-clinic", auditStep: "offered");
        view.GetProperty("audit").EnumerateArray().Should().Contain(entry =>
            entry.GetProperty("step").GetString() == "crisis-acknowledged" && entry.GetProperty("actor").GetString() == "key:coordinator");
    }

    [Fact]
    public async Task Acknowledging_a_referral_that_is_not_an_emergency_is_409()
    {
        var referralId = await host.SubmitAsync(Samples.UrgentReview);
        await host.WaitForStatusAsync(referralId, "awaiting-review");
        using var coordinator = host.Coordinator();

        using var response = await coordinator.PostAsync($"/api/referrals/{referralId}/crisis-ack", Samples.Json("{}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_unplaced_case_placed_by_hand_is_offered_to_the_clinic_named()
    {
        // northbridge-ipt declined it, then agrees on the phone, and still matches with room.
        var referralId = await host.SubmitDeclinedByEveryMatchAsync();
        using var coordinator = host.Coordinator();

        using var response = await coordinator.PostAsync($"/api/referrals/{referralId}/placement",
            Samples.Json("""{"clinicId":"northbridge-ipt"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        // An offer like any other: the clinic is told and answers it.
        var view = await host.WaitForStatusAsync(referralId, "awaiting-clinic", auditStep: "offered-manually");
        view.GetProperty("clinicId").GetString().Should().Be("northbridge-ipt");
        view.GetProperty("audit").EnumerateArray().Should().Contain(entry =>
            entry.GetProperty("step").GetString() == "offered-manually" && entry.GetProperty("actor").GetString() == "key:coordinator");
        await host.WaitForStatusAsync(referralId, "awaiting-clinic", auditStep: "notified");
    }

    [Fact]
    public async Task A_clinic_offering_neither_the_pathway_nor_the_modality_is_409_with_the_reason_and_places_nothing()
    {
        var referralId = await host.SubmitAsync(Samples.PolishSpeaking());
        await host.WaitForStatusAsync(referralId, "unplaced");
        using var coordinator = host.Coordinator();

        using var response = await coordinator.PostAsync($"/api/referrals/{referralId}/placement",
            Samples.Json("""{"clinicId":"westfield-community"}"""));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "north");
        problem.GetProperty("detail").GetString().Should().Be("Clinic 'westfield-community' does not offer the pathway 'ipt', does not serve the client's region "
            + "and offers no telehealth; to place the case there anyway, say why in overrideReason.");
        problem.GetProperty("mismatches").EnumerateArray().Select(code => code.GetString()).Should().Equal("pathway", "region");
        var view = await host.WaitForStatusAsync(referralId, "unplaced");
        view.GetProperty("audit").EnumerateArray().Select(entry => entry.GetProperty("step").GetString()).Should().NotContain("offered-manually");
    }

    [Fact]
    public async Task With_an_override_reason_the_case_is_offered_there_and_the_reason_is_in_the_audit_trail()
    {
        var referralId = await host.SubmitAsync(Samples.PolishSpeaking());
        await host.WaitForStatusAsync(referralId, "unplaced");
        using var coordinator = host.Coordinator();

        using var response = await coordinator.PostAsync($"/api/referrals/{referralId}/placement", Samples.Json(
            """{"clinicId":"westfield-community","overrideReason":"Their Polish-speaking psychiatrist will see her; agreed by phone."}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var view = await host.WaitForStatusAsync(referralId, "awaiting-clinic", auditStep: "offered-manually");
        view.GetProperty("clinicId").GetString().Should().Be("westfield-community");
        view.GetProperty("audit").EnumerateArray().Should().ContainSingle(entry => entry.GetProperty("step").GetString() == "placement-override-reason")
            .Which.Should().Match<System.Text.Json.JsonElement>(entry => entry.GetProperty("actor").GetString() == "key:coordinator"
                && entry.GetProperty("detail").GetString() == "Their Polish-speaking psychiatrist will see her; agreed by phone."
                && entry.GetProperty("clinicId").GetString() == "westfield-community"
                && entry.GetProperty("mismatches").EnumerateArray().Select(code => code.GetString()).SequenceEqual(new[] { "pathway", "region" }));
    }

    [Fact]
    public async Task Placing_a_case_that_is_not_unplaced_is_409_and_an_unknown_clinic_is_400()
    {
        var referralId = await host.SubmitAsync(Samples.Routed);
        await host.WaitForStatusAsync(referralId, "awaiting-clinic");
        using var coordinator = host.Coordinator();

        using var notUnplaced = await coordinator.PostAsync($"/api/referrals/{referralId}/placement",
            Samples.Json("""{"clinicId":"westfield-community"}"""));
        using var unknownClinic = await coordinator.PostAsync($"/api/referrals/{referralId}/placement",
            Samples.Json("""{"clinicId":"nowhere-clinic"}"""));

        await notUnplaced.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await unknownClinic.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "nowhere-clinic")).Errors().Single().Path.Should().Be("clinicId");
    }
}
