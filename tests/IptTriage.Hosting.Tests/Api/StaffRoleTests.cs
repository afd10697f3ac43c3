using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

/// <summary>The roles of "Working a case": the crisis team sees and acknowledges emergencies only; a supervisor acts in
/// a coordinator's place; the audit trail names the caller, never a body's claim.</summary>
public sealed class StaffRoleTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_crisis_team_acknowledges_an_emergency_and_is_named_as_the_actor()
    {
        var referralId = await host.SubmitAsync(Samples.Emergency);
        await host.WaitForStatusAsync(referralId, "emergency");
        using var crisis = host.Client(ApiHost.CrisisKey);

        (await crisis.GetAsync($"/api/referrals/{referralId}")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var response = await crisis.PostAsync($"/api/referrals/{referralId}/crisis-ack", Samples.Json("{}"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var view = await host.WaitForStatusAsync(referralId, "awaiting-clinic", auditStep: "offered");
        view.GetProperty("audit").EnumerateArray().Should().Contain(entry =>
            entry.GetProperty("step").GetString() == "crisis-acknowledged" && entry.GetProperty("actor").GetString() == "key:crisis");
    }

    [Fact]
    public async Task The_crisis_team_gets_404_for_a_referral_that_is_not_an_emergency_and_403_for_coordinator_routes()
    {
        var referralId = await host.SubmitAsync(Samples.UrgentReview);
        await host.WaitForStatusAsync(referralId, "awaiting-review");
        using var crisis = host.Client(ApiHost.CrisisKey);

        await (await crisis.GetAsync($"/api/referrals/{referralId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await crisis.PostAsync($"/api/referrals/{referralId}/crisis-ack", Samples.Json("{}"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await crisis.GetAsync("/api/reviews")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await crisis.PostAsync($"/api/referrals/{referralId}/review", Samples.Json("""{"decision":"approve","reason":"r"}""")))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_crisis_teams_list_holds_emergencies_only()
    {
        var emergency = await host.SubmitAsync(Samples.Emergency);
        var review = await host.SubmitAsync(Samples.UrgentReview);
        await host.WaitForStatusAsync(emergency, "emergency");
        await host.WaitForStatusAsync(review, "awaiting-review");
        using var crisis = host.Client(ApiHost.CrisisKey);

        var page = await crisis.GetFromJsonAsync<JsonElement>("/api/referrals");
        page.GetProperty("items").EnumerateArray().Select(row => row.GetProperty("referralId").GetString()).Should().Equal(emergency);
        (await (await crisis.GetAsync("/api/referrals?urgency=routine")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .Errors().Select(error => error.Path).Should().Equal("urgency");
    }

    [Fact]
    public async Task A_supervisor_decides_a_review_in_a_coordinators_place_and_is_named_as_the_actor()
    {
        var referralId = await host.SubmitAsync(Samples.UrgentReview);
        await host.WaitForStatusAsync(referralId, "awaiting-review");
        using var supervisor = host.Client(ApiHost.SupervisorKey);

        using var response = await supervisor.PostAsync($"/api/referrals/{referralId}/review",
            Samples.Json("""{"decision":"approve","reason":"Covering the worklist."}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var view = await host.WaitForStatusAsync(referralId, "awaiting-clinic", auditStep: "offered");
        view.GetProperty("audit").EnumerateArray()
            .Where(entry => entry.GetProperty("step").GetString() is "review-reason" or "review-decided")
            .Select(entry => entry.GetProperty("actor").GetString()).Should().Equal("key:supervisor", "key:supervisor");
    }

    [Theory]
    [InlineData("review", """{"decision":"approve","reason":"r","coordinatorId":"c-17"}""", "coordinatorId")]
    [InlineData("placement", """{"clinicId":"northbridge-ipt","coordinatorId":"c-17"}""", "coordinatorId")]
    [InlineData("crisis-ack", """{"by":"crisis-oncall-3"}""", "by")]
    public async Task A_body_that_names_who_acts_is_refused_naming_the_field(string route, string body, string field)
    {
        var referralId = await host.SubmitAsync(Samples.UrgentReview);
        await host.WaitForStatusAsync(referralId, "awaiting-review");
        using var coordinator = host.Coordinator();

        using var response = await coordinator.PostAsync($"/api/referrals/{referralId}/{route}", Samples.Json(body));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "c-17", "crisis-oncall-3")).Errors().Select(error => error.Path).Should().Equal(field);
    }
}
