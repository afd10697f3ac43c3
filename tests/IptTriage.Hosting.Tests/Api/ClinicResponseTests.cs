using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

public sealed class ClinicResponseTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_clinic_accepts_and_the_case_is_placed_with_it_then_a_second_answer_is_409()
    {
        var (referralId, clinicId) = await OfferedAsync();
        using var clinic = host.Clinic(clinicId);

        using var accepted = await clinic.PostAsync($"/api/referrals/{referralId}/clinic-response", Samples.Json("""{"accept":true}"""));

        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await host.WaitForStatusAsync(referralId, "placed")).GetProperty("clinicId").GetString().Should().Be(clinicId);
        (await clinic.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}")).GetProperty("status").GetString().Should().Be("placed");
        using var again = await clinic.PostAsync($"/api/referrals/{referralId}/clinic-response", Samples.Json("""{"accept":false}"""));
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_decline_moves_the_case_on_and_the_first_clinic_then_sees_it_withdrawn()
    {
        var (referralId, firstClinic) = await OfferedAsync();
        using var first = host.Clinic(firstClinic);

        using var declined = await first.PostAsync($"/api/referrals/{referralId}/clinic-response",
            Samples.Json("""{"accept":false,"reason":"No Spanish-speaking therapist this month."}"""));

        declined.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var view = await WaitForOfferOtherThanAsync(referralId, firstClinic);
        view.GetProperty("audit").EnumerateArray().Should().Contain(entry =>
            entry.GetProperty("step").GetString() == "clinic-response-reason" && entry.GetProperty("actor").GetString() == $"key:clinic:{firstClinic}");
        var firstView = await first.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}");
        firstView.EnumerateObject().Select(property => property.Name).Should().BeEquivalentTo("referralId", "status");
        firstView.GetProperty("status").GetString().Should().Be("withdrawn");
        using var late = await first.PostAsync($"/api/referrals/{referralId}/clinic-response", Samples.Json("""{"accept":true}"""));
        await late.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_answer_without_accept_is_400()
    {
        var (referralId, clinicId) = await OfferedAsync();
        using var clinic = host.Clinic(clinicId);

        using var response = await clinic.PostAsync($"/api/referrals/{referralId}/clinic-response", Samples.Json("""{"reason":"?"}"""));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Errors().Single().Path.Should().Be("accept");
    }

    private async Task<(string ReferralId, string ClinicId)> OfferedAsync()
    {
        var referralId = await host.SubmitAsync(Samples.Routed);
        var view = await host.WaitForStatusAsync(referralId, "awaiting-clinic");
        return (referralId, view.GetProperty("clinicId").GetString()!);
    }

    private async Task<JsonElement> WaitForOfferOtherThanAsync(string referralId, string clinicId)
    {
        // Bounded like every wait: a case that stays with the declining clinic fails the test instead of hanging the run.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var view = await host.WaitForStatusAsync(referralId, "awaiting-clinic");
            if (view.GetProperty("clinicId").GetString() != clinicId) return view;
            await Task.Delay(25, guard.Token);
        }
    }
}
