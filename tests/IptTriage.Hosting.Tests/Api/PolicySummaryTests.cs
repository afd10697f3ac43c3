using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

/// <summary><c>GET /api/policy</c>: the policy the server screens with, and the codes a review's override chooses from.</summary>
public sealed class PolicySummaryTests
{
    [Fact]
    public async Task The_default_policy_answers_its_version_the_three_pathways_and_every_alternative_service()
    {
        await using var host = await ApiHost.StartAsync();
        using var coordinator = host.Coordinator();

        var policy = await coordinator.GetFromJsonAsync<JsonElement>("/api/policy");

        policy.GetProperty("policyVersion").GetString().Should().Be("1.0.0");
        policy.GetProperty("description").GetString().Should().StartWith("Default IPT triage policy");
        Codes(policy, "pathways").Should().Equal("ipt", "ipt-with-medication", "alternative");
        Codes(policy, "modalities").Should().Equal("crisis-services", "psychiatric-care", "personality-disorder-service",
            "trauma-focused-therapy", "eating-disorder-service", "child-and-family-services", "cbt");
    }

    [Fact]
    public async Task A_clinics_own_policy_file_answers_its_own_version()
    {
        var tuned = Path.Combine(AppContext.BaseDirectory, "samples", "policy", "tuned-clinic.json");
        await using var host = await ApiHost.StartAsync(new() { ["IptTriage:PolicyPath"] = tuned });
        using var supervisor = host.Client(ApiHost.SupervisorKey);

        var policy = await supervisor.GetFromJsonAsync<JsonElement>("/api/policy");

        policy.GetProperty("policyVersion").GetString().Should().Be("north-clinic-2.1");
        Codes(policy, "pathways").Should().HaveCount(3);
    }

    [Fact]
    public async Task Coordinators_and_supervisors_may_read_the_policy_and_no_one_else()
    {
        await using var host = await ApiHost.StartAsync();
        var callers = new (string Caller, string? Key, HttpStatusCode Status)[]
        {
            ("coordinator", ApiHost.CoordinatorKey, HttpStatusCode.OK), ("supervisor", ApiHost.SupervisorKey, HttpStatusCode.OK),
            ("crisis", ApiHost.CrisisKey, HttpStatusCode.Forbidden), ("intake", ApiHost.IntakeKey, HttpStatusCode.Forbidden),
            ("a clinic", ApiHost.ClinicKey(ApiHost.ClinicIds[0]), HttpStatusCode.Forbidden), ("no key", null, HttpStatusCode.Unauthorized),
        };

        foreach (var (caller, key, status) in callers)
        {
            using var client = host.Client(key);
            using var response = await client.GetAsync("/api/policy");
            response.StatusCode.Should().Be(status, caller);
        }
    }

    private static IEnumerable<string?> Codes(JsonElement policy, string name) =>
        policy.GetProperty(name).EnumerateArray().Select(code => code.GetString());
}
