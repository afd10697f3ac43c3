using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

/// <summary>Coordinators set a clinic's capacity (audited in the clinic's own trail), and automatic placement offers
/// within it; the directory list shows age range, effective capacity, in use and free.</summary>
public sealed class ClinicCapacityTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static Task<HttpResponseMessage> PutCapacityAsync(HttpClient client, string clinicId, string body) =>
        client.PutAsync($"/api/clinics/{clinicId}/capacity", Samples.Json(body));

    [Fact]
    public async Task A_coordinator_sets_a_capacity_and_the_clinic_shows_it_with_who_changed_it_from_what_to_what_and_why()
    {
        using var coordinator = host.Coordinator();
        using var supervisor = host.Client(ApiHost.SupervisorKey);

        using var raised = await PutCapacityAsync(coordinator, "riverside-specialist", """{"capacity":3,"reason":"Two locum therapists until March."}""");
        using var lowered = await PutCapacityAsync(supervisor, "riverside-specialist", """{"capacity":2}""");

        raised.StatusCode.Should().Be(HttpStatusCode.OK);
        var change = await raised.Content.ReadFromJsonAsync<JsonElement>();
        (change.GetProperty("capacity").GetInt32(), change.GetProperty("previousCapacity").GetInt32(), change.GetProperty("inUse").GetInt32(),
            change.GetProperty("free").GetInt32(), change.GetProperty("changed").GetBoolean(), change.GetProperty("slotsFreed").GetInt32(),
            change.GetProperty("overCapacity").GetBoolean()).Should().Be((3, 1, 0, 3, true, 2, false));
        change.TryGetProperty("note", out _).Should().BeFalse();
        lowered.StatusCode.Should().Be(HttpStatusCode.OK);
        var clinic = await coordinator.GetFromJsonAsync<JsonElement>("/api/clinics/riverside-specialist");
        var shown = clinic.GetProperty("clinic");
        (shown.GetProperty("capacity").GetInt32(), shown.GetProperty("directoryCapacity").GetInt32(), shown.GetProperty("free").GetInt32()).Should().Be((2, 1, 2));
        clinic.GetProperty("audit").EnumerateArray().Select(entry => (
                entry.GetProperty("step").GetString(), entry.GetProperty("actor").GetString(), entry.GetProperty("capacityFrom").GetInt32(),
                entry.GetProperty("capacityTo").GetInt32(), entry.GetProperty("inUse").GetInt32(), entry.TryGetProperty("detail", out var detail) ? detail.GetString() : null))
            .Should().Equal(("capacity-changed", "key:coordinator", 1, 3, 0, "Two locum therapists until March."), ("capacity-changed", "key:supervisor", 3, 2, 0, null));
        clinic.GetProperty("audit")[0].GetProperty("at").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        (await coordinator.GetFromJsonAsync<JsonElement[]>("/api/clinics"))!.Single(row => row.GetProperty("id").GetString() == "riverside-specialist")
            .GetProperty("capacity").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task The_clinics_list_shows_each_age_range_effective_capacity_in_use_and_free()
    {
        var referralId = await host.SubmitAsync(Samples.Routed);
        var offeredTo = (await host.WaitForStatusAsync(referralId, "awaiting-clinic")).GetProperty("clinicId").GetString();
        using var coordinator = host.Coordinator();

        var clinics = (await coordinator.GetFromJsonAsync<JsonElement[]>("/api/clinics"))!;

        var offered = clinics.Single(clinic => clinic.GetProperty("id").GetString() == offeredTo);
        (offered.GetProperty("inUse").GetInt32(), offered.GetProperty("free").GetInt32()).Should().Be((1, offered.GetProperty("capacity").GetInt32() - 1));
        var young = clinics.Single(clinic => clinic.GetProperty("id").GetString() == "eastside-young-people");
        young.GetProperty("maxAge").GetInt32().Should().Be(17);
        young.TryGetProperty("minAge", out _).Should().BeFalse("no lower limit is shown as none");
        clinics.Single(clinic => clinic.GetProperty("id").GetString() == "northbridge-ipt").GetProperty("minAge").GetInt32().Should().Be(18);
        clinics.Should().OnlyContain(clinic => clinic.GetProperty("capacity").GetInt32() == clinic.GetProperty("directoryCapacity").GetInt32());
    }

    [Fact]
    public async Task A_capacity_lowered_below_what_is_in_use_is_kept_says_so_and_the_next_case_is_offered_elsewhere()
    {
        var first = await host.SubmitAsync(Samples.Routed); // north, Spanish, IPT: northbridge-ipt first, then lumen-telehealth
        (await host.WaitForStatusAsync(first, "awaiting-clinic")).GetProperty("clinicId").GetString().Should().Be("northbridge-ipt");
        using var coordinator = host.Coordinator();

        using var response = await PutCapacityAsync(coordinator, "northbridge-ipt", """{"capacity":0,"reason":"Service paused for a move."}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var change = await response.Content.ReadFromJsonAsync<JsonElement>();
        (change.GetProperty("capacity").GetInt32(), change.GetProperty("inUse").GetInt32(), change.GetProperty("free").GetInt32(),
            change.GetProperty("overCapacity").GetBoolean()).Should().Be((0, 1, 0, true));
        change.GetProperty("note").GetString().Should().Contain("no new case is offered to this clinic");
        var second = Samples.Read(Samples.Routed);
        second["referralId"] = "API-SECOND-NORTH";
        var secondId = await host.SubmitAsync(second);
        (await host.WaitForStatusAsync(secondId, "awaiting-clinic")).GetProperty("clinicId").GetString().Should().Be("lumen-telehealth");
        (await host.WaitForStatusAsync(first, "awaiting-clinic")).GetProperty("clinicId").GetString().Should().Be("northbridge-ipt", "the case it holds keeps its slot");
    }

    [Theory]
    [InlineData("{}", "capacity")]
    [InlineData("""{"capacity":-1}""", "capacity")]
    [InlineData("""{"capacity":10001}""", "capacity")]
    [InlineData("""{"capacity":"five"}""", "capacity")]
    [InlineData("""{"capacity":2.5}""", "capacity")]
    [InlineData("""{"capacity":2,"reason":5}""", "reason")]
    public async Task A_bad_capacity_body_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        using var coordinator = host.Coordinator();

        using var response = await PutCapacityAsync(coordinator, "northbridge-ipt", body);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Errors().Select(error => error.Path).Should().Equal(field);
        (await coordinator.GetFromJsonAsync<JsonElement>("/api/clinics/northbridge-ipt")).GetProperty("audit").EnumerateArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_reason_over_2000_characters_a_body_that_is_not_json_and_an_unknown_clinic_are_refused()
    {
        using var coordinator = host.Coordinator();

        using var longReason = await PutCapacityAsync(coordinator, "northbridge-ipt", $$"""{"capacity":2,"reason":"{{new string('x', 2001)}}"}""");
        using var notJson = await coordinator.PutAsync("/api/clinics/northbridge-ipt/capacity", new StringContent("""{"capacity":2}""", System.Text.Encoding.UTF8, "text/plain"));
        using var unknown = await PutCapacityAsync(coordinator, "no-such-clinic", """{"capacity":2}""");

        (await longReason.ShouldBeProblemAsync(HttpStatusCode.BadRequest, new string('x', 50))).Errors().Select(error => error.Path).Should().Equal("reason");
        await notJson.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        (await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString().Should().Be("There is no clinic with this id in the clinic directory.");
        await (await coordinator.GetAsync("/api/clinics/no-such-clinic")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
