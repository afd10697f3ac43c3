using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

/// <summary>Placing a case by hand: the clinics that match with room first, why each other one does not, and a stated
/// reason (audited with the coded mismatches) for placing outside the match.</summary>
public sealed class PlacementOptionsTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static IEnumerable<string?> Codes(JsonElement array) => array.EnumerateArray().Select(code => code.GetString());

    [Fact]
    public async Task The_options_list_the_matching_clinics_with_their_free_slots_first_then_why_each_other_does_not_match()
    {
        var referralId = await host.SubmitAsync(Samples.Routed); // north, Spanish, adult, IPT
        await host.WaitForStatusAsync(referralId, "awaiting-clinic");
        using var coordinator = host.Coordinator();

        var options = await coordinator.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}/placement-options");

        var need = options.GetProperty("need");
        (need.GetProperty("pathway").GetString(), need.GetProperty("region").GetString(), need.GetProperty("language").GetString()).Should().Be(("ipt", "north", "es"));
        var clinics = options.GetProperty("clinics").EnumerateArray().ToList();
        clinics.Select(clinic => clinic.GetProperty("clinicId").GetString()).Should().BeEquivalentTo(ApiHost.ClinicIds, "every clinic is listed once");
        clinics.TakeWhile(clinic => clinic.GetProperty("matches").GetBoolean()).Select(clinic => (clinic.GetProperty("clinicId").GetString(), clinic.GetProperty("free").GetInt32()))
            .Should().Equal(("northbridge-ipt", 3), ("lumen-telehealth", 6));
        var reasons = clinics.ToDictionary(clinic => clinic.GetProperty("clinicId").GetString()!, clinic => Codes(clinic.GetProperty("mismatches")).ToList());
        reasons["southgate-mood"].Should().Equal("region", "language");
        reasons["eastside-young-people"].Should().Equal("language", "age");
        reasons["westfield-community"].Should().Equal("pathway", "region");
        reasons["harbour-crisis"].Should().Equal("pathway");
    }

    [Fact]
    public async Task A_full_clinic_does_not_match_for_capacity_and_placing_there_needs_a_reason_and_may_go_beyond_it()
    {
        var referralId = await host.SubmitDeclinedByEveryMatchAsync();
        using var coordinator = host.Coordinator();
        (await coordinator.PutAsync("/api/clinics/northbridge-ipt/capacity", Samples.Json("""{"capacity":0}"""))).StatusCode.Should().Be(HttpStatusCode.OK);

        var options = await coordinator.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}/placement-options");
        using var withoutReason = await coordinator.PostAsync($"/api/referrals/{referralId}/placement", Samples.Json("""{"clinicId":"northbridge-ipt"}"""));
        using var withReason = await coordinator.PostAsync($"/api/referrals/{referralId}/placement",
            Samples.Json("""{"clinicId":"northbridge-ipt","overrideReason":"Their lead will take one more; agreed by phone."}"""));

        Codes(options.GetProperty("clinics").EnumerateArray().Single(clinic => clinic.GetProperty("clinicId").GetString() == "northbridge-ipt").GetProperty("mismatches"))
            .Should().Equal("capacity");
        var problem = await withoutReason.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().Should().Be("Clinic 'northbridge-ipt' has no free slot; to place the case there anyway, say why in overrideReason.");
        Codes(problem.GetProperty("mismatches")).Should().Equal("capacity");
        withReason.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var view = await host.WaitForStatusAsync(referralId, "awaiting-clinic", auditStep: "offered-manually");
        view.GetProperty("audit").EnumerateArray().Single(entry => entry.GetProperty("step").GetString() == "placement-override-reason")
            .GetProperty("mismatches").Should().Match<JsonElement>(mismatches => Codes(mismatches).SequenceEqual(new[] { "capacity" }));
        var clinic = (await coordinator.GetFromJsonAsync<JsonElement>("/api/clinics/northbridge-ipt")).GetProperty("clinic");
        (clinic.GetProperty("capacity").GetInt32(), clinic.GetProperty("inUse").GetInt32(), clinic.GetProperty("free").GetInt32()).Should().Be((0, 1, 0));
    }

    [Fact]
    public async Task A_clinic_that_does_not_speak_the_clients_language_needs_a_reason_naming_it_without_the_language()
    {
        var referralId = await host.SubmitAsync(Samples.PolishSpeaking());
        await host.WaitForStatusAsync(referralId, "unplaced");
        using var coordinator = host.Coordinator();

        var options = await coordinator.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}/placement-options");
        using var withoutReason = await coordinator.PostAsync($"/api/referrals/{referralId}/placement", Samples.Json("""{"clinicId":"northbridge-ipt"}"""));
        using var withReason = await coordinator.PostAsync($"/api/referrals/{referralId}/placement",
            Samples.Json("""{"clinicId":"northbridge-ipt","overrideReason":"An interpreter is booked for every session."}"""));

        options.GetProperty("clinics").EnumerateArray().Should().OnlyContain(clinic => !clinic.GetProperty("matches").GetBoolean(), "no IPT clinic speaks Polish");
        var problem = await withoutReason.ShouldBeProblemAsync(HttpStatusCode.Conflict, "\"pl\"", "Polish");
        problem.GetProperty("detail").GetString().Should().Be("Clinic 'northbridge-ipt' does not speak the client's language; to place the case there anyway, say why in overrideReason.");
        Codes(problem.GetProperty("mismatches")).Should().Equal("language");
        withReason.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var view = await host.WaitForStatusAsync(referralId, "awaiting-clinic", auditStep: "offered-manually");
        var reason = view.GetProperty("audit").EnumerateArray().Single(entry => entry.GetProperty("step").GetString() == "placement-override-reason");
        (reason.GetProperty("clinicId").GetString(), reason.GetProperty("detail").GetString()).Should().Be(("northbridge-ipt", "An interpreter is booked for every session."));
        Codes(reason.GetProperty("mismatches")).Should().Equal("language");
    }

    [Fact]
    public async Task A_referral_without_a_screening_has_no_options_and_an_unknown_one_is_404()
    {
        var invalid = Samples.Read(Samples.Routed);
        invalid["referralId"] = "API-INVALID-OPTIONS";
        invalid["client"]!["email"] = "not-an-address";
        using var coordinator = host.Coordinator();
        (await coordinator.PostAsync("/api/referrals", Samples.Content(invalid))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await host.WaitForStatusAsync("API-INVALID-OPTIONS", "invalid");

        await (await coordinator.GetAsync("/api/referrals/API-INVALID-OPTIONS/placement-options")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await coordinator.GetAsync("/api/referrals/NO-SUCH-REFERRAL/placement-options")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>The new routes for every kind of caller: 401 without a known key, 403 for roles that may not call them,
    /// and for coordinators and supervisors the answer (404 for an id that does not exist).</summary>
    [Theory]
    [InlineData("GET", "/api/clinics/northbridge-ipt", null, HttpStatusCode.OK)]
    [InlineData("GET", "/api/clinics/no-such-clinic", null, HttpStatusCode.NotFound)]
    [InlineData("PUT", "/api/clinics/northbridge-ipt/capacity", """{"capacity":4}""", HttpStatusCode.OK)]
    [InlineData("PUT", "/api/clinics/no-such-clinic/capacity", """{"capacity":4}""", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/referrals/SMP-0101/placement-options", null, HttpStatusCode.OK)]
    [InlineData("GET", "/api/referrals/NO-SUCH-REFERRAL/placement-options", null, HttpStatusCode.NotFound)]
    public async Task Every_role_gets_401_403_or_the_answer_on_the_clinic_routes(string method, string path, string? body, HttpStatusCode coordinating)
    {
        await host.SubmitAsync(Samples.Routed);
        await host.WaitForStatusAsync("SMP-0101", "awaiting-clinic");
        var callers = new (string? Key, HttpStatusCode Expected)[]
        {
            (ApiHost.CoordinatorKey, coordinating), (ApiHost.SupervisorKey, coordinating), (ApiHost.CrisisKey, HttpStatusCode.Forbidden),
            (ApiHost.IntakeKey, HttpStatusCode.Forbidden), (ApiHost.ClinicKey("northbridge-ipt"), HttpStatusCode.Forbidden),
            (null, HttpStatusCode.Unauthorized), ("not-a-key-anyone-was-given-3f1e", HttpStatusCode.Unauthorized),
        };
        foreach (var (key, expected) in callers)
        {
            using var client = host.Client(key);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : Samples.Json(body) };
            using var response = await client.SendAsync(request);
            response.StatusCode.Should().Be(expected, $"{method} {path} as {key ?? "no key"}");
            if (expected != HttpStatusCode.OK) response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        }
    }
}
