using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

/// <summary><c>GET /api/worklists</c>: each tab's count, the open emergencies with their alert time and escalations,
/// for coordinators and supervisors; the emergencies only for the crisis team; no one else.</summary>
public sealed class WorklistTests : IAsyncLifetime
{
    private ApiHost host = null!;

    // Escalations a second apart, so a test sees them rise; more of them than the test waits for.
    public async Task InitializeAsync() => host = await ApiHost.StartAsync(new Dictionary<string, string?>
    {
        ["Workflow:EmergencyEscalationInterval"] = "00:00:01",
        ["Workflow:MaxEmergencyEscalations"] = "60",
    });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_coordinator_sees_each_tabs_count_and_an_open_emergency_with_its_alert_and_rising_escalations()
    {
        var emergency = await host.SubmitAsync(Samples.Emergency);
        var review = await host.SubmitAsync(Samples.UrgentReview);
        await host.WaitForStatusAsync(review, "awaiting-review");
        await host.WaitForStatusAsync(emergency, "emergency");
        using var coordinator = host.Coordinator();

        var first = await EscalatedAsync(coordinator, emergency, atLeast: 1);
        var later = await EscalatedAsync(coordinator, emergency, atLeast: Escalations(first) + 2);

        Escalations(later).Should().BeGreaterThan(Escalations(first));
        // Two escalations apart, so the next one is a later one whichever moment of an escalation each read caught.
        NextEscalation(first).Should().BeAfter(first.GetProperty("alertedAt").GetDateTimeOffset());
        NextEscalation(later).Should().BeAfter(NextEscalation(first), "each escalation moves the due time on to the next");
        var worklists = await coordinator.GetFromJsonAsync<JsonElement>("/api/worklists");
        worklists.GetProperty("emergencies").GetProperty("count").GetInt32().Should().Be(1);
        var row = worklists.GetProperty("emergencies").GetProperty("items").EnumerateArray().Single();
        row.GetProperty("referralId").GetString().Should().Be(emergency);
        row.GetProperty("alertedAt").GetDateTimeOffset().Should().BeOnOrAfter(row.GetProperty("receivedAt").GetDateTimeOffset());
        worklists.GetProperty("reviews").GetProperty("count").GetInt32().Should().Be(1);
        worklists.GetProperty("reviews").GetProperty("overdue").GetInt32().Should().Be(0);
        worklists.GetProperty("awaitingClinic").GetProperty("count").GetInt32().Should().Be(0);
        worklists.GetProperty("unplaced").GetProperty("count").GetInt32().Should().Be(0);
        worklists.TryGetProperty("mine", out _).Should().BeFalse("an API key has no username to be assigned cases");
        row.EnumerateObject().Select(property => property.Name).Should().BeSubsetOf(["referralId", "receivedAt", "alertedAt", "escalations", "assignee", "nextEscalationAt"]);
    }

    [Fact]
    public async Task A_signed_in_coordinator_sees_the_count_of_cases_assigned_to_them_and_an_acknowledged_emergency_leaves_the_list()
    {
        await host.AddAccountAsync("alice", "coordinator");
        using var alice = await host.SignedInAsync("alice");
        var emergency = await host.SubmitAsync(Samples.Emergency);
        await host.WaitForStatusAsync(emergency, "emergency");
        (await alice.PostAsJsonAsync($"/api/referrals/{emergency}/assignment", new { assignee = "me" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var worklists = await alice.GetFromJsonAsync<JsonElement>("/api/worklists");
        worklists.GetProperty("mine").GetProperty("count").GetInt32().Should().Be(1);
        worklists.GetProperty("emergencies").GetProperty("items")[0].GetProperty("assignee").GetString().Should().Be("alice");

        (await alice.PostAsJsonAsync($"/api/referrals/{emergency}/crisis-ack", new { })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await host.WaitForStatusAsync(emergency, "awaiting-clinic", auditStep: "offered");
        var after = await alice.GetFromJsonAsync<JsonElement>("/api/worklists");
        after.GetProperty("emergencies").GetProperty("count").GetInt32().Should().Be(0);
        after.GetProperty("emergencies").GetProperty("items").GetArrayLength().Should().Be(0);
        after.GetProperty("awaitingClinic").GetProperty("count").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task The_crisis_team_gets_the_emergencies_only_and_other_roles_are_refused()
    {
        var emergency = await host.SubmitAsync(Samples.Emergency);
        await host.WaitForStatusAsync(emergency, "emergency");
        using var crisis = host.Client(ApiHost.CrisisKey);
        using var supervisor = host.Client(ApiHost.SupervisorKey);

        var worklists = await crisis.GetFromJsonAsync<JsonElement>("/api/worklists");
        worklists.EnumerateObject().Select(property => property.Name).Should().Equal("emergencies");
        worklists.GetProperty("emergencies").GetProperty("items")[0].GetProperty("referralId").GetString().Should().Be(emergency);
        (await supervisor.GetFromJsonAsync<JsonElement>("/api/worklists")).TryGetProperty("reviews", out _).Should().BeTrue();

        using var intake = host.Client(ApiHost.IntakeKey);
        using var clinic = host.Clinic(ApiHost.ClinicIds[0]);
        using var nobody = host.Client(null);
        await (await intake.GetAsync("/api/worklists")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await clinic.GetAsync("/api/worklists")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await nobody.GetAsync("/api/worklists")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static int Escalations(JsonElement row) => row.GetProperty("escalations").GetInt32();

    private static DateTimeOffset NextEscalation(JsonElement row) => row.GetProperty("nextEscalationAt").GetDateTimeOffset();

    /// <summary>Polls until the emergency has had at least <paramref name="atLeast"/> escalations, and answers its row;
    /// a minute at most.</summary>
    private static async Task<JsonElement> EscalatedAsync(HttpClient client, string referralId, int atLeast)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var last = -1;
        while (!guard.IsCancellationRequested)
        {
            var worklists = await client.GetFromJsonAsync<JsonElement>("/api/worklists", CancellationToken.None);
            var row = worklists.GetProperty("emergencies").GetProperty("items").EnumerateArray()
                .SingleOrDefault(row => row.GetProperty("referralId").GetString() == referralId);
            last = row.ValueKind == JsonValueKind.Undefined ? -1 : Escalations(row);
            if (last >= atLeast) return row;
            await Task.Delay(100, CancellationToken.None);
        }
        throw new TimeoutException($"{referralId} had {last} escalations, not {atLeast}.");
    }
}
