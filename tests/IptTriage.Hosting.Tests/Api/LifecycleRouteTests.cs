using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Workflow.Clinics;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Hosting.Tests.Api;

/// <summary><c>POST /api/referrals/{id}/close</c> and <c>/discharge</c> on the local host: the case ends at whatever it
/// waits on, the person's note goes to the audit trail only, and a state that does not allow it is 409.</summary>
public sealed class LifecycleRouteTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_coordinator_closes_a_case_a_clinic_considers_with_a_coded_reason_and_a_second_close_is_409()
    {
        var (referralId, clinicId) = await OfferedAsync();
        using var coordinator = host.Coordinator();

        using var response = await coordinator.PostAsync($"/api/referrals/{referralId}/close",
            Samples.Json("""{"reason":"other","note":"The client asked us to stop; she has private therapy."}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var view = await host.WaitForStatusAsync(referralId, "closed", auditStep: "case-closed");
        var audit = view.GetProperty("audit").EnumerateArray().ToList();
        audit.Should().ContainSingle(entry => Step(entry) == "close-note").Which.Should().Match<JsonElement>(entry =>
            entry.GetProperty("actor").GetString() == "key:coordinator" && entry.GetProperty("detail").GetString() == "The client asked us to stop; she has private therapy.");
        audit.Should().ContainSingle(entry => Step(entry) == "case-closed").Which.GetProperty("actor").GetString().Should().Be("key:coordinator");
        using var again = await coordinator.PostAsync($"/api/referrals/{referralId}/close", Samples.Json("""{"reason":"duplicate"}"""));
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using var clinic = host.Clinic(clinicId);
        using var lateAnswer = await clinic.PostAsync($"/api/referrals/{referralId}/clinic-response", Samples.Json("""{"accept":true}"""));
        await lateAnswer.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_close_needs_a_known_reason_and_a_note_for_other_and_clinics_may_not_close()
    {
        var (referralId, clinicId) = await OfferedAsync();
        using var coordinator = host.Coordinator();

        using var noReason = await coordinator.PostAsync($"/api/referrals/{referralId}/close", Samples.Json("{}"));
        using var unknown = await coordinator.PostAsync($"/api/referrals/{referralId}/close", Samples.Json("""{"reason":"bored"}"""));
        using var otherWithoutNote = await coordinator.PostAsync($"/api/referrals/{referralId}/close", Samples.Json("""{"reason":"other"}"""));
        using var clinic = host.Clinic(clinicId);
        using var byClinic = await clinic.PostAsync($"/api/referrals/{referralId}/close", Samples.Json("""{"reason":"withdrawn"}"""));

        (await noReason.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Errors().Single().Path.Should().Be("reason");
        (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Errors().Single().Should().Be(
            ("reason", "must be one of: withdrawn, duplicate, moved-away, referred-elsewhere, other"));
        (await otherWithoutNote.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Errors().Single().Path.Should().Be("note");
        byClinic.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.WaitForStatusAsync(referralId, "awaiting-clinic")).GetProperty("audit").EnumerateArray().Select(Step).Should().NotContain("case-closed");
    }

    [Fact]
    public async Task The_clinic_a_case_is_placed_with_discharges_it_which_frees_the_slot()
    {
        var (referralId, clinicId) = await OfferedAsync();
        using var clinic = host.Clinic(clinicId);
        using var tooEarly = await clinic.PostAsync($"/api/referrals/{referralId}/discharge", Samples.Json("""{"reason":"completed"}"""));
        await tooEarly.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        using var accepted = await clinic.PostAsync($"/api/referrals/{referralId}/clinic-response", Samples.Json("""{"accept":true}"""));
        await host.WaitForStatusAsync(referralId, "placed");

        using var response = await clinic.PostAsync($"/api/referrals/{referralId}/discharge",
            Samples.Json("""{"reason":"transferred","note":"Moved to the perinatal team."}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var view = await host.WaitForStatusAsync(referralId, "discharged", auditStep: "care-ended");
        view.GetProperty("audit").EnumerateArray().Should().Contain(entry => Step(entry) == "discharge-note"
            && entry.GetProperty("detail").GetString() == "Moved to the perinatal team." && entry.GetProperty("actor").GetString() == $"key:clinic:{clinicId}");
        (await clinic.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}")).GetProperty("status").GetString()
            .Should().Be("discharged", "the clinic sees the end of the care it gave");
        using var coordinator = host.Coordinator();
        var listed = await coordinator.GetFromJsonAsync<JsonElement>("/api/clinics");
        listed.EnumerateArray().Single(row => row.GetProperty("id").GetString() == clinicId).GetProperty("inUse").GetInt32()
            .Should().Be(0, "the discharge released the slot");
    }

    [Fact]
    public async Task Another_clinic_gets_404_before_its_body_is_read_and_coordinators_may_not_discharge()
    {
        var (referralId, clinicId) = await OfferedAsync();
        var otherClinic = ApiHost.ClinicIds.First(id => id != clinicId);
        using var other = host.Clinic(otherClinic);
        using var coordinator = host.Coordinator();

        using var byOther = await other.PostAsync($"/api/referrals/{referralId}/discharge", Samples.Json("""{"reason":"""));
        using var byCoordinator = await coordinator.PostAsync($"/api/referrals/{referralId}/discharge", Samples.Json("""{"reason":"completed"}"""));

        await byOther.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        byCoordinator.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(ApiHost.CrisisKey, HttpStatusCode.Forbidden)]
    [InlineData(ApiHost.IntakeKey, HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Only_coordinators_and_supervisors_may_close_and_only_clinics_discharge(string? key, HttpStatusCode expected)
    {
        var (referralId, _) = await OfferedAsync();
        using var caller = host.Client(key);

        using var close = await caller.PostAsync($"/api/referrals/{referralId}/close", Samples.Json("""{"reason":"withdrawn"}"""));
        using var discharge = await caller.PostAsync($"/api/referrals/{referralId}/discharge", Samples.Json("""{"reason":"completed"}"""));

        (close.StatusCode, discharge.StatusCode).Should().Be((expected, expected));
        using var supervisor = host.Client(ApiHost.SupervisorKey);
        using var bySupervisor = await supervisor.PostAsync($"/api/referrals/{referralId}/close", Samples.Json("""{"reason":"referred-elsewhere"}"""));
        bySupervisor.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await host.WaitForStatusAsync(referralId, "closed", auditStep: "case-closed")).GetProperty("audit").EnumerateArray()
            .Should().Contain(entry => Step(entry) == "case-closed" && entry.GetProperty("closeReason").GetString() == "referred-elsewhere");
    }

    [Fact]
    public async Task The_local_host_provides_the_service_that_offers_a_clinics_freed_slots()
    {
        var (referralId, clinicId) = await OfferedAsync();
        using var scope = host.Services.CreateScope();
        var offers = scope.ServiceProvider.GetRequiredService<FreedSlotOffers>();

        // Nothing is unplaced: no case is told, and the one awaiting the clinic is left as it is.
        (await offers.OfferAsync(clinicId)).Should().BeEmpty();
        (await host.WaitForStatusAsync(referralId, "awaiting-clinic")).GetProperty("clinicId").GetString().Should().Be(clinicId);
    }

    private static string? Step(JsonElement entry) => entry.GetProperty("step").GetString();

    private async Task<(string ReferralId, string ClinicId)> OfferedAsync()
    {
        var referralId = await host.SubmitAsync(Samples.Routed);
        var view = await host.WaitForStatusAsync(referralId, "awaiting-clinic", auditStep: "offered");
        return (referralId, view.GetProperty("clinicId").GetString()!);
    }
}
