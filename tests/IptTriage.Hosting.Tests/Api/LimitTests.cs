using System.Net;
using IptTriage.Hosting.Tests.Intake;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Hosting.Tests.Api;

/// <summary>The API's rate limits (docs/api.md, "Limits"), each on a host configured with small ones.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task A_key_past_its_requests_per_minute_gets_429_problem_details_with_retry_after_while_other_keys_go_on()
    {
        await using var host = await ApiHost.StartAsync(new() { ["Api:Limits:RequestsPerMinutePerKey"] = "3" });
        using var coordinator = host.Coordinator();
        using var clinic = host.Clinic(ApiHost.ClinicIds[0]);

        for (var i = 0; i < 3; i++) (await coordinator.GetAsync("/api/reviews")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var refused = await coordinator.GetAsync("/api/reviews");

        await ShouldBeTooManyAsync(refused);
        (await clinic.GetAsync("/api/referrals/NO-SUCH-REFERRAL")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_address_past_its_requests_per_minute_gets_429_whichever_keys_it_uses()
    {
        await using var host = await ApiHost.StartAsync(new() { ["Api:Limits:RequestsPerMinutePerAddress"] = "3" });
        using var coordinator = host.Coordinator();
        using var intake = host.Client(ApiHost.IntakeKey);

        for (var i = 0; i < 3; i++) (await coordinator.GetAsync("/api/reviews")).StatusCode.Should().Be(HttpStatusCode.OK);

        await ShouldBeTooManyAsync(await intake.GetAsync("/api/schema/intake-form"));
    }

    [Fact]
    public async Task After_too_many_wrong_keys_an_address_gets_429_even_with_the_right_key()
    {
        await using var host = await ApiHost.StartAsync(new() { ["Api:Limits:FailedAuthenticationsPerMinutePerAddress"] = "3" });
        using var guessing = host.Client("guess-0000000000000000000000000000000000");
        using var anonymous = host.Client(null);
        using var coordinator = host.Coordinator();

        await (await guessing.GetAsync("/api/reviews")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsync("/api/referrals/R1/crisis-ack", Samples.Json("{}"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        for (var i = 0; i < 5; i++)
            await (await anonymous.GetAsync("/api/reviews")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized); // a read that presents no credential guesses nothing
        (await coordinator.GetAsync("/api/reviews")).StatusCode.Should().Be(HttpStatusCode.OK, "a right key is no failure");
        await (await guessing.GetAsync("/api/reviews")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        await ShouldBeTooManyAsync(await guessing.GetAsync("/api/reviews"), "guess-0000");
        await ShouldBeTooManyAsync(await coordinator.GetAsync("/api/reviews"));
    }

    [Fact]
    public async Task Past_its_unreadable_submissions_a_key_gets_429_and_nothing_more_is_recorded_or_alerted()
    {
        await using var host = await ApiHost.StartAsync(new() { ["Api:Limits:UnreadableSubmissionsPerMinutePerKey"] = "2" });
        using var intake = host.Client(ApiHost.IntakeKey);
        var records = host.Services.GetRequiredService<IRecordStore>();

        for (var i = 0; i < 2; i++) await (await intake.PostAsync("/api/referrals", Samples.Json("not json"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using var refused = await intake.PostAsync("/api/referrals", Samples.Json("""{"referralId": 42}"""));

        await ShouldBeTooManyAsync(refused);
        // The 400 answers once the form is stored; its orchestration records it invalid soon after.
        var invalid = await IntakeHost.WaitUntilAsync(async () => await records.ListAsync(ReferralStatus.Invalid) is { Count: >= 2 } found ? found : null);
        invalid.Should().HaveCount(2);
        (await records.ListAsync(ReferralStatus.Received)).Should().BeEmpty("the refused form was not stored");
        var readable = Samples.Read(Samples.Routed);
        readable["client"]!["email"] = "not-an-address";
        (await intake.PostAsync("/api/referrals", Samples.Content(readable))).StatusCode.Should().Be(HttpStatusCode.BadRequest,
            "a form whose id can be read is recorded under it once, however often it comes");
    }

    [Fact]
    public async Task A_limit_that_is_not_a_positive_number_stops_start_up_naming_the_setting()
    {
        var start = () => ApiHost.StartAsync(new() { ["Api:Limits:RequestsPerMinutePerKey"] = "0" });

        (await start.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Be("Api:Limits:RequestsPerMinutePerKey must be a positive number of requests per minute.");
    }

    private static async Task ShouldBeTooManyAsync(HttpResponseMessage response, params string[] secrets)
    {
        await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, secrets);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        retryAfter.Should().NotBeNull("a refused caller is told when to come back");
        retryAfter!.Value.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        response.Dispose();
    }
}
