using System.Net;
using IptTriage.Hosting.Tests.Deployment;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/reviews")]
    [InlineData("GET", "/api/clinics")]
    [InlineData("POST", "/api/referrals")]
    [InlineData("GET", "/api/schema/intake-form")]
    [InlineData("GET", "/openapi/v1.json")]
    public async Task A_call_without_a_key_is_401_problem_details(string method, string path)
    {
        using var client = host.Client(null);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_key_is_401_and_not_repeated()
    {
        using var client = host.Client("not-a-key-anyone-was-given");

        using var response = await client.GetAsync("/api/reviews");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "not-a-key-anyone-was-given");
    }

    [Fact]
    public async Task The_intake_key_can_submit_and_do_nothing_else()
    {
        using var intake = host.Client(ApiHost.IntakeKey);

        using var submitted = await intake.PostAsync("/api/referrals", Samples.Content(Samples.Read(Samples.Routed)));
        submitted.StatusCode.Should().Be(HttpStatusCode.Accepted);

        foreach (var path in new[] { "/api/reviews", "/api/clinics", "/api/referrals/SMP-0101" })
            await (await intake.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await intake.PostAsync("/api/referrals/SMP-0101/crisis-ack", Samples.Json("{}")))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_clinic_key_cannot_use_coordinator_routes_or_submit()
    {
        using var clinic = host.Clinic(ApiHost.ClinicIds[0]);

        await (await clinic.GetAsync("/api/reviews")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await clinic.GetAsync("/api/clinics")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await clinic.PostAsync("/api/referrals", Samples.Content(Samples.Read(Samples.Routed)))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await clinic.PostAsync("/api/referrals/SMP-0101/review", Samples.Json("{}"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_coordinator_cannot_answer_for_a_clinic()
    {
        using var coordinator = host.Coordinator();

        using var response = await coordinator.PostAsync("/api/referrals/SMP-0101/clinic-response", Samples.Json("""{"accept":true}"""));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_clinic_gets_for_a_case_never_offered_to_it_the_404_of_an_unknown_id_whatever_the_body()
    {
        var referralId = await host.SubmitAsync(Samples.Routed);
        var offeredTo = (await host.WaitForStatusAsync(referralId, "awaiting-clinic")).GetProperty("clinicId").GetString();
        var otherClinic = ApiHost.ClinicIds.First(id => id != offeredTo);
        using var other = host.Clinic(otherClinic);
        var unknown = await (await other.GetAsync("/api/referrals/NO-SUCH-REFERRAL")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var answers = new List<HttpResponseMessage>
        {
            await other.GetAsync($"/api/referrals/{referralId}"),
            await other.PostAsync($"/api/referrals/{referralId}/clinic-response", Samples.Json("""{"accept":true}""")),
            await other.PostAsync($"/api/referrals/{referralId}/clinic-response", Samples.Json("""{"reason":"no accept"}""")),
            await other.PostAsync($"/api/referrals/{referralId}/clinic-response", Samples.Json("{\"accept\":")),
            await other.PostAsync($"/api/referrals/{referralId}/clinic-response", Samples.Json("""{"accept":"yes"}""")),
        };

        foreach (var answer in answers)
        {
            var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.NotFound, "Lucía", "Fernández");
            (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString())
                .Should().Be((unknown.GetProperty("title").GetString(), unknown.GetProperty("detail").GetString()));
        }
    }

    [Fact]
    public async Task Keys_configured_as_the_azure_deployment_configures_them_are_accepted_with_their_roles()
    {
        var apiSettings = DeploymentFiles.LocalSettings.Where(setting => setting.Key.StartsWith("Api__Keys__", StringComparison.Ordinal))
            .ToDictionary(setting => setting.Key.Replace("__", ":", StringComparison.Ordinal), setting => (string?)setting.Value);
        var coordinatorKey = KeyWithRole(apiSettings, "coordinator");
        var intakeKey = KeyWithRole(apiSettings, "intake");
        await using var azureKeyed = await ApiHost.StartAsync(apiSettings);

        using var coordinator = azureKeyed.Client(coordinatorKey);
        using var intake = azureKeyed.Client(intakeKey);
        (await coordinator.GetAsync("/api/reviews")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await intake.GetAsync("/api/reviews")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static string KeyWithRole(Dictionary<string, string?> apiSettings, string role)
    {
        var roleSetting = apiSettings.Single(setting => setting.Key.EndsWith(":Role", StringComparison.Ordinal) && setting.Value == role).Key;
        return apiSettings[roleSetting[..^"Role".Length] + "Key"]!;
    }
}
