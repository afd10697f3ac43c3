using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

public sealed class ReviewTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_worklist_lists_urgent_reviews_first_then_the_oldest_with_due_times()
    {
        foreach (var sample in new[] { Samples.RoutineReview, Samples.UrgentReview, Samples.OtherRoutineReview })
            await host.WaitForStatusAsync(await host.SubmitAsync(sample), "awaiting-review");
        await host.WaitForStatusAsync(await host.SubmitAsync(Samples.Routed), "awaiting-clinic");
        using var coordinator = host.Coordinator();

        var worklist = await coordinator.GetFromJsonAsync<JsonElement[]>("/api/reviews");

        worklist!.Select(item => item.GetProperty("referralId").GetString()).Should().Equal("SMP-0301", "SMP-0303", "SMP-0304");
        worklist!.Select(item => item.GetProperty("urgency").GetString()).Should().Equal("urgent", "routine", "routine");
        worklist.Should().OnlyContain(item => item.GetProperty("dueAt").GetDateTimeOffset() > item.GetProperty("receivedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_approval_is_202_audits_the_reason_and_the_case_goes_on_to_a_clinic()
    {
        var referralId = await host.SubmitAsync(Samples.UrgentReview);
        await host.WaitForStatusAsync(referralId, "awaiting-review");
        using var coordinator = host.Coordinator();

        using var response = await coordinator.PostAsync($"/api/referrals/{referralId}/review",
            Samples.Json("""{"decision":"approve","reason":"Spoke with the GP; safety plan in place."}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var view = await host.WaitForStatusAsync(referralId, "awaiting-clinic");
        view.GetProperty("audit").EnumerateArray().Should().Contain(entry =>
            entry.GetProperty("step").GetString() == "review-reason"
            && entry.GetProperty("actor").GetString() == "key:coordinator"
            && entry.GetProperty("detail").GetString() == "Spoke with the GP; safety plan in place.");
    }

    [Fact]
    public async Task An_override_to_an_alternative_service_places_with_that_service()
    {
        var referralId = await host.SubmitAsync(Samples.RoutineReview);
        await host.WaitForStatusAsync(referralId, "awaiting-review");
        using var coordinator = host.Coordinator();

        using var response = await coordinator.PostAsync($"/api/referrals/{referralId}/review",
            Samples.Json("""{"decision":"override","pathway":"alternative","modality":"cbt","reason":"CBT suits better."}"""));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var routing = (await host.WaitForStatusAsync(referralId, "awaiting-clinic")).GetProperty("routing");
        routing.GetProperty("pathway").GetString().Should().Be("alternative");
        routing.GetProperty("modality").GetString().Should().Be("cbt");
    }

    [Fact]
    public async Task Deciding_a_referral_that_is_not_awaiting_review_is_409()
    {
        var referralId = await host.SubmitAsync(Samples.Routed);
        await host.WaitForStatusAsync(referralId, "awaiting-clinic");
        using var coordinator = host.Coordinator();

        using var response = await coordinator.PostAsync($"/api/referrals/{referralId}/review",
            Samples.Json("""{"decision":"close","reason":"Moved away from the area."}"""));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "Moved away");
        var audit = (await host.WaitForStatusAsync(referralId, "awaiting-clinic")).GetProperty("audit").EnumerateArray();
        audit.Should().NotContain(entry => entry.GetProperty("step").GetString() == "review-reason");
    }

    [Theory]
    [InlineData("""{"decision":"override","pathway":"hypnosis","reason":"r"}""", "pathway")]
    [InlineData("""{"decision":"override","pathway":"alternative","reason":"r"}""", "modality")]
    [InlineData("""{"decision":"override","pathway":"alternative","modality":"reiki","reason":"r"}""", "modality")]
    [InlineData("""{"decision":"override","reason":"r"}""", "pathway")]
    [InlineData("""{"decision":"approve","pathway":"ipt","reason":"r"}""", "pathway")]
    [InlineData("""{"decision":"maybe","reason":"r"}""", "decision")]
    [InlineData("""{"decision":"approve"}""", "reason")]
    [InlineData("""{"decision":"approve","reason":"r","coordinatorId":"lucia.fernandez@example.org"}""", "coordinatorId")]
    [InlineData("""{"decision":true,"reason":"r"}""", "decision")]
    public async Task A_bad_decision_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var referralId = await host.SubmitAsync(Samples.UrgentReview);
        await host.WaitForStatusAsync(referralId, "awaiting-review");
        using var coordinator = host.Coordinator();

        using var response = await coordinator.PostAsync($"/api/referrals/{referralId}/review", Samples.Json(body));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "lucia.fernandez", "hypnosis", "reiki");
        problem.Errors().Select(error => error.Path).Should().Contain(field);
        (await host.WaitForStatusAsync(referralId, "awaiting-review")).GetProperty("audit").EnumerateArray()
            .Should().NotContain(entry => entry.GetProperty("step").GetString() == "review-reason");
    }
}
