using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

public sealed class ReferralViewTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_coordinator_sees_the_decision_routing_deadline_and_audit_trail()
    {
        var referralId = await host.SubmitAsync(Samples.UrgentReview);

        var view = await host.WaitForStatusAsync(referralId, "awaiting-review", auditStep: "review-requested");

        var decision = view.GetProperty("decision");
        decision.GetProperty("outcome").GetString().Should().Be("review");
        decision.GetProperty("urgency").GetString().Should().Be("urgent");
        decision.GetProperty("reasons").GetArrayLength().Should().BePositive();
        view.GetProperty("routing").GetProperty("pathway").GetString().Should().Be("ipt");
        view.GetProperty("dueAt").GetDateTimeOffset().Should().BeAfter(view.GetProperty("receivedAt").GetDateTimeOffset());
        view.GetProperty("audit").EnumerateArray().Select(entry => entry.GetProperty("step").GetString())
            .Should().ContainInOrder("screened", "review-requested");
    }

    [Fact]
    public async Task The_clinic_a_case_awaits_sees_only_what_it_needs_to_act()
    {
        var referralId = await host.SubmitAsync(Samples.Routed);
        var clinicId = (await host.WaitForStatusAsync(referralId, "awaiting-clinic")).GetProperty("clinicId").GetString()!;
        using var clinic = host.Clinic(clinicId);

        var view = await clinic.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}");

        view.EnumerateObject().Select(property => property.Name).Should()
            .BeEquivalentTo("referralId", "status", "pathway", "adaptations", "urgency", "respondBy");
        view.GetProperty("status").GetString().Should().Be("awaiting-clinic");
        view.GetProperty("pathway").GetString().Should().Be("ipt");
        view.GetProperty("urgency").GetString().Should().Be("routine");
    }

    [Fact]
    public async Task An_unknown_referral_is_404()
    {
        using var coordinator = host.Coordinator();

        using var response = await coordinator.GetAsync("/api/referrals/NO-SUCH-REFERRAL");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "NO-SUCH-REFERRAL");
    }
}
