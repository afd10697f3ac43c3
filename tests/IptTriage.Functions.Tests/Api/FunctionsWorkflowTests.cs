using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Functions.Tests.Api;

/// <summary>A referral taken from submission to placement through the Functions app's HTTP functions alone, with the
/// orchestration they start and signal run by the embedded engine in the Durable client's place.</summary>
public sealed class FunctionsWorkflowTests : IAsyncLifetime
{
    private TwoHosts hosts = null!;

    public async Task InitializeAsync() => hosts = await TwoHosts.StartAsync();

    public async Task DisposeAsync() => await hosts.DisposeAsync();

    [Fact]
    public async Task Submit_review_and_clinic_acceptance_through_the_functions_place_the_referral()
    {
        var form = TwoHosts.Sample("0301-review-risk-cssrs-moderate-method.json");

        var submitted = await hosts.Functions.SendAsync(ApiRequest.Post("/api/referrals", ApiHost.IntakeKey, form));
        submitted.Status.Should().Be(202, submitted.Body);
        submitted.Location.Should().Be("/api/referrals/SMP-0301");
        await hosts.WaitForStatusAsync("SMP-0301", "awaiting-review");

        var again = await hosts.Functions.SendAsync(ApiRequest.Post("/api/referrals", ApiHost.IntakeKey, form));
        again.Status.Should().Be(202, "the same form again gets the first answer, and is taken in once");

        var reviewed = await hosts.Functions.SendAsync(ApiRequest.Post("/api/referrals/SMP-0301/review", ApiHost.CoordinatorKey,
            """{"decision":"approve","reason":"Safety plan agreed with the GP."}"""));
        reviewed.Status.Should().Be(202, reviewed.Body);
        var offered = await hosts.WaitForStatusAsync("SMP-0301", "awaiting-clinic");
        var clinicId = offered["clinicId"]!.GetValue<string>();

        var accepted = await hosts.Functions.SendAsync(ApiRequest.Post("/api/referrals/SMP-0301/clinic-response", ApiHost.ClinicKey(clinicId),
            """{"accept":true}"""));
        accepted.Status.Should().Be(202, accepted.Body);

        var placed = await hosts.WaitForStatusAsync("SMP-0301", "placed");
        placed["clinicId"]!.GetValue<string>().Should().Be(clinicId);
        placed["audit"]!.AsArray().Select(entry => (entry!["step"]!.GetValue<string>(), entry["actor"]!.GetValue<string>()))
            .Should().Contain(("review-reason", "key:coordinator"));
    }

    [Fact]
    public async Task An_invalid_form_submitted_through_the_function_is_400_and_recorded_as_invalid()
    {
        var answer = await hosts.Functions.SendAsync(ApiRequest.Post("/api/referrals", ApiHost.IntakeKey,
            """{"referralId":"FN-INVALID","client":{"email":"lucia.fernandez-at-example.org"}}"""));

        answer.Status.Should().Be(400);
        answer.Body.Should().NotContain("lucia.fernandez");
        answer.Json!["referralId"]!.GetValue<string>().Should().Be("FN-INVALID");
        (await hosts.WaitForStatusAsync("FN-INVALID", "invalid"))["status"]!.GetValue<string>().Should().Be("invalid");
    }
}
