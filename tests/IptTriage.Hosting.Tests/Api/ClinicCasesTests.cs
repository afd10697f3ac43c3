using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Hosting.Intake;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IptTriage.Hosting.Tests.Api;

/// <summary><c>GET /api/clinic/cases</c>: a clinic's own worklist, for clinic keys only, holding only its own cases,
/// with the minimum-necessary facts and never the client panel.</summary>
public sealed class ClinicCasesTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Only_a_clinic_may_list_its_cases()
    {
        using var anonymous = host.Client(null);
        await (await anonymous.GetAsync("/api/clinic/cases")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        foreach (var key in new[] { ApiHost.CoordinatorKey, ApiHost.SupervisorKey, ApiHost.CrisisKey, ApiHost.IntakeKey })
        {
            using var caller = host.Client(key);
            await (await caller.GetAsync("/api/clinic/cases")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task The_offered_clinic_sees_the_offer_then_the_placed_case_and_no_other_clinic_sees_either()
    {
        var referralId = await host.SubmitAsync(Samples.Routed);
        var offered = await host.WaitForStatusAsync(referralId, "awaiting-clinic");
        var clinicId = offered.GetProperty("clinicId").GetString()!;
        using var clinic = host.Clinic(clinicId);

        var offer = (await CasesAsync(clinic)).Should().ContainSingle(row => row.GetProperty("referralId").GetString() == referralId).Subject;
        offer.EnumerateObject().Select(property => property.Name).Should().BeSubsetOf(
            ["referralId", "status", "pathway", "modality", "adaptations", "urgency", "respondBy"], "a row is the minimum a clinic needs to answer").And
            .Contain(["referralId", "status", "pathway", "urgency", "respondBy"]);
        offer.GetProperty("status").GetString().Should().Be("awaiting-clinic");
        offer.GetProperty("respondBy").GetDateTimeOffset().Should().Be(offered.GetProperty("dueAt").GetDateTimeOffset());
        foreach (var other in ApiHost.ClinicIds.Where(id => id != clinicId))
        {
            using var otherClinic = host.Clinic(other);
            (await CasesAsync(otherClinic)).Should().NotContain(row => row.GetProperty("referralId").GetString() == referralId, $"{other} was not offered the case");
        }

        (await clinic.PostAsync($"/api/referrals/{referralId}/clinic-response", Samples.Json("""{"accept":true}"""))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await host.WaitForStatusAsync(referralId, "placed");
        var placed = (await CasesAsync(clinic)).Should().ContainSingle(row => row.GetProperty("referralId").GetString() == referralId).Subject;
        placed.GetProperty("status").GetString().Should().Be("placed");
        placed.TryGetProperty("client", out _).Should().BeFalse("the client panel is read, and audited, only on the case itself");
        placed.TryGetProperty("respondBy", out _).Should().BeFalse();
        (await host.Services.GetRequiredService<IRecordStore>().ReadAuditAsync(referralId)).Should()
            .NotContain(entry => entry.Step == AuditStep.ClientPanelRead && entry.Actor == $"key:clinic:{clinicId}", "listing reads no client panel");

        (await clinic.PostAsync($"/api/referrals/{referralId}/discharge", Samples.Json("""{"reason":"completed"}"""))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await host.WaitForStatusAsync(referralId, "discharged");
        var discharged = (await CasesAsync(clinic)).Should().ContainSingle(row => row.GetProperty("referralId").GetString() == referralId).Subject;
        discharged.EnumerateObject().Select(property => property.Name).Should().BeEquivalentTo(
            ["referralId", "status", "dischargedAt"], "a discharge is listed so the clinic can see it was recorded, with nothing more about the case");
        discharged.GetProperty("status").GetString().Should().Be("discharged");
        var careEnded = (await host.Services.GetRequiredService<IRecordStore>().ReadAuditAsync(referralId)).Single(entry => entry.Step == AuditStep.CareEnded);
        discharged.GetProperty("dischargedAt").GetDateTimeOffset().Should().Be(careEnded.At);
    }

    /// <summary>Discharges are listed for 30 days, most recent first, after the offers and placed cases; older ones,
    /// and other clinics', are not.</summary>
    [Fact]
    public async Task A_clinic_sees_its_discharges_of_the_last_30_days_most_recent_first()
    {
        var clinicId = ApiHost.ClinicIds[0];
        var now = DateTimeOffset.UtcNow;
        await DischargedAsync("DIS-29D", clinicId, now.AddDays(-29));
        await DischargedAsync("DIS-31D", clinicId, now.AddDays(-31));
        await DischargedAsync("DIS-1D", clinicId, now.AddDays(-1));
        await DischargedAsync("DIS-OTHER", ApiHost.ClinicIds[1], now.AddDays(-1));
        var placed = await host.SubmitAsync(Samples.Routed);
        var offeredTo = (await host.WaitForStatusAsync(placed, "awaiting-clinic")).GetProperty("clinicId").GetString()!;
        using var clinic = host.Clinic(clinicId);

        var rows = await CasesAsync(clinic);

        rows.Where(row => row.GetProperty("status").GetString() == "discharged").Select(row => row.GetProperty("referralId").GetString())
            .Should().Equal(["DIS-1D", "DIS-29D"], "the last 30 days, most recent first");
        if (offeredTo == clinicId)
        {
            rows.Select(row => row.GetProperty("status").GetString()).Should().StartWith(["awaiting-clinic"], "what the clinic must act on comes first");
        }
        using var other = host.Clinic(ApiHost.ClinicIds[1]);
        (await CasesAsync(other)).Select(row => row.GetProperty("referralId").GetString()).Should().Contain("DIS-OTHER").And.NotContain(["DIS-1D", "DIS-29D"]);
    }

    /// <summary>A case placed with <paramref name="clinicId"/> and discharged at <paramref name="at"/>, written to the store
    /// as the workflow writes it.</summary>
    private async Task DischargedAsync(string referralId, string clinicId, DateTimeOffset at)
    {
        // The start-up pass resumes referrals left at received: one put in the store by hand while it runs could be
        // taken for a stalled intake and given a run of its own, so it is awaited first.
        await host.Services.GetServices<IHostedService>().OfType<IntakeRecoveryService>().Single().ExecuteTask!;
        var records = host.Services.GetRequiredService<IRecordStore>();
        await records.AddAsync(new NewReferral(referralId, at.AddDays(-60), "{}"u8.ToArray()));
        await records.SetStatusAsync(referralId, ReferralStatus.Placed, new AuditEntry(referralId, at.AddDays(-59), AuditStep.ClinicAccepted, "test", []), clinicId: clinicId);
        await records.SetStatusAsync(referralId, ReferralStatus.Discharged, new AuditEntry(referralId, at, AuditStep.CareEnded, "test", []));
    }

    [Fact]
    public async Task A_declined_offer_leaves_the_declining_clinics_list()
    {
        var referralId = await host.SubmitAsync(Samples.Routed);
        var clinicId = (await host.WaitForStatusAsync(referralId, "awaiting-clinic")).GetProperty("clinicId").GetString()!;
        using var clinic = host.Clinic(clinicId);
        (await CasesAsync(clinic)).Should().Contain(row => row.GetProperty("referralId").GetString() == referralId);

        await host.DeclineAsync(referralId, clinicId);

        (await CasesAsync(clinic)).Should().NotContain(row => row.GetProperty("referralId").GetString() == referralId);
    }

    private static async Task<JsonElement[]> CasesAsync(HttpClient clinic)
    {
        using var response = await clinic.GetAsync("/api/clinic/cases");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }
}
