using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Testing;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.Hosting.Tests.Api;

/// <summary>Working a case (issue 12): the coordinator's case view with the client panel, what a clinic sees once it has
/// accepted, search and assignment in the list, case notes, and the CSV export. Every read of client details is
/// audited and none reaches a log or a problem.</summary>
public sealed class CaseWorkTests : IAsyncLifetime
{
    private readonly CapturedLogs logs = new();
    private ApiHost host = null!;

    private IRecordStore Records => host.Services.GetRequiredService<IRecordStore>();

    public async Task InitializeAsync() =>
        host = await ApiHost.StartAsync(new() { ["Logging:LogLevel:Default"] = "Trace" }, services => services.AddSingleton<ILoggerProvider>(logs));

    public async Task DisposeAsync() => await host.DisposeAsync();

    private async Task<IEnumerable<AuditStep>> AuditStepsAsync(string referralId) => (await Records.ReadAuditAsync(referralId)).Select(entry => entry.Step);

    [Fact]
    public async Task A_coordinator_sees_the_client_referrer_and_presentation_and_the_read_is_audited_but_not_shown_as_case_history()
    {
        var referralId = await host.SubmitAsync(Samples.Routed);
        await host.WaitForStatusAsync(referralId, "awaiting-clinic");
        var readsBefore = (await AuditStepsAsync(referralId)).Count(step => step == AuditStep.ClientPanelRead);
        using var supervisor = host.Client(ApiHost.SupervisorKey);

        var view = await supervisor.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}");

        var client = view.GetProperty("client");
        client.GetProperty("givenName").GetString().Should().Be("Lucía");
        client.GetProperty("familyName").GetString().Should().Be("Fernández");
        client.GetProperty("dateOfBirth").GetString().Should().Be("1971-04-12");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        client.GetProperty("age").GetInt32().Should().Be(today.Year - 1971 - (today < new DateOnly(today.Year, 4, 12) ? 1 : 0));
        client.GetProperty("sex").GetString().Should().Be("female");
        client.GetProperty("region").GetString().Should().Be("north");
        client.GetProperty("preferredLanguage").GetString().Should().Be("es");
        client.GetProperty("contactPreference").GetString().Should().Be("email");
        client.GetProperty("email").GetString().Should().Be("lucia.fernandez@example.org");
        client.GetProperty("consent").GetProperty("shareWithClinic").GetBoolean().Should().BeTrue();
        view.GetProperty("referrer").GetProperty("organisation").GetString().Should().Be("Riverside Practice");
        view.GetProperty("presentation").GetProperty("problemAreas").EnumerateArray().Select(area => area.GetString()).Should().Equal("grief");
        view.GetProperty("presentation").GetProperty("summary").GetString().Should().StartWith("Tristeza");
        view.GetProperty("notes").GetArrayLength().Should().Be(0);
        view.GetProperty("audit").EnumerateArray().Should().NotContain(entry => entry.GetProperty("step").GetString() == "client-panel-read");
        var reads = (await Records.ReadAuditAsync(referralId)).Where(entry => entry.Step == AuditStep.ClientPanelRead).ToList();
        reads.Should().HaveCount(readsBefore + 1);
        reads[^1].Actor.Should().Be("key:supervisor");
        logs.Lines.Should().NotContain(line => line.Contains("Fernández", StringComparison.OrdinalIgnoreCase) || line.Contains("Tristeza", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clinic_sees_name_contact_and_language_only_once_it_has_accepted_and_only_with_consent()
    {
        var shared = await host.SubmitAsync(Samples.Routed);
        var withheld = Samples.Read(Samples.Routed);
        withheld["referralId"] = "API-NO-SHARE";
        withheld["client"]!["consent"]!["shareWithClinic"] = false;
        await host.SubmitAsync(withheld);
        // Without consent to share, screening asks a coordinator first; approved, the case is offered like any other.
        await host.WaitForStatusAsync("API-NO-SHARE", "awaiting-review");
        (await host.Coordinator().PostAsync("/api/referrals/API-NO-SHARE/review", Samples.Json("""{"decision":"approve","reason":"Client agreed by phone to be seen."}""")))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        foreach (var referralId in new[] { shared, "API-NO-SHARE" })
        {
            var clinicId = (await host.WaitForStatusAsync(referralId, "awaiting-clinic")).GetProperty("clinicId").GetString()!;
            using var clinic = host.Clinic(clinicId);
            (await clinic.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}")).TryGetProperty("client", out _).Should().BeFalse("it has not accepted yet");
            (await clinic.PostAsync($"/api/referrals/{referralId}/clinic-response", Samples.Json("""{"accept":true}"""))).StatusCode.Should().Be(HttpStatusCode.Accepted);
            await host.WaitForStatusAsync(referralId, "placed");
        }
        var sharedClinic = (await host.WaitForStatusAsync(shared, "placed")).GetProperty("clinicId").GetString()!;
        var readsBefore = (await AuditStepsAsync(shared)).Count(step => step == AuditStep.ClientPanelRead);

        var view = await host.Clinic(sharedClinic).GetFromJsonAsync<JsonElement>($"/api/referrals/{shared}");
        var withheldView = await host.Clinic((await host.WaitForStatusAsync("API-NO-SHARE", "placed")).GetProperty("clinicId").GetString()!)
            .GetFromJsonAsync<JsonElement>("/api/referrals/API-NO-SHARE");

        view.GetProperty("client").EnumerateObject().Select(field => field.Name).Should().BeEquivalentTo("givenName", "familyName", "preferredLanguage", "email");
        view.GetProperty("client").GetProperty("givenName").GetString().Should().Be("Lucía");
        view.TryGetProperty("referrer", out _).Should().BeFalse();
        withheldView.TryGetProperty("client", out _).Should().BeFalse("the client did not consent to sharing with the clinic");
        var reads = (await Records.ReadAuditAsync(shared)).Where(entry => entry.Step == AuditStep.ClientPanelRead).ToList();
        reads.Should().HaveCount(readsBefore + 1);
        reads[^1].Actor.Should().Be($"key:clinic:{sharedClinic}");
    }

    [Fact]
    public async Task The_list_searches_by_name_date_of_birth_and_id_in_a_body_for_coordinators_only_and_never_logs_or_echoes_the_search()
    {
        var lucia = await host.SubmitAsync(Samples.Routed);
        var other = await host.SubmitAsync(Samples.UrgentReview);
        await host.WaitForStatusAsync(lucia, "awaiting-clinic");
        await host.WaitForStatusAsync(other, "awaiting-review");
        using var coordinator = host.Coordinator();
        static StringContent Search(string q) => Samples.Json(JsonSerializer.Serialize(new { q }));
        async Task<IEnumerable<string?>> FoundAsync(string q)
        {
            using var response = await coordinator.PostAsync("/api/referrals/search", Search(q));
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
                .Select(row => row.GetProperty("referralId").GetString());
        }

        (await FoundAsync("fernandez")).Should().Equal(lucia);
        (await FoundAsync("LUCÍA FERN")).Should().Equal(lucia);
        (await FoundAsync("1971-04-12")).Should().Equal(lucia);
        (await FoundAsync(lucia[..^1])).Should().Contain(lucia);
        (await FoundAsync(other)).Should().Equal(other);
        (await FoundAsync("nobody-by-this-name")).Should().BeEmpty();

        await (await host.Client(ApiHost.CrisisKey).PostAsync("/api/referrals/search", Search("fernandez"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "fernandez");
        (await (await coordinator.PostAsync("/api/referrals/search", Search(new string('x', 101)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "xxxx")).Errors()
            .Select(error => error.Path).Should().Equal("q");
        (await (await coordinator.PostAsync("/api/referrals/search", Search("++"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "++")).Errors()
            .Select(error => error.Path).Should().Equal("q");
        // A search in the URL is refused: proxies and request logs keep URLs.
        (await (await coordinator.GetAsync("/api/referrals?q=fernandez")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fernandez")).Errors()
            .Select(error => error.Path).Should().Equal("q");
        logs.Lines.Should().NotBeEmpty().And.NotContain(line => line.Contains("fernandez", StringComparison.OrdinalIgnoreCase)
            || line.Contains("1971-04-12", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_case_is_assigned_and_unassigned_with_audit_entries_and_the_list_filters_and_shows_its_assignee()
    {
        var referralId = await host.SubmitAsync(Samples.UrgentReview);
        var other = await host.SubmitAsync(Samples.RoutineReview);
        await host.WaitForStatusAsync(referralId, "awaiting-review");
        using var coordinator = host.Coordinator();

        using var assigned = await coordinator.PostAsync($"/api/referrals/{referralId}/assignment", Samples.Json("""{"assignee":"alice.k"}"""));

        assigned.StatusCode.Should().Be(HttpStatusCode.OK);
        (await assigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignee").GetString().Should().Be("alice.k");
        var page = await coordinator.GetFromJsonAsync<JsonElement>("/api/referrals?assignedTo=alice.k");
        page.GetProperty("items").EnumerateArray().Select(row => (row.GetProperty("referralId").GetString(), row.GetProperty("assignee").GetString()))
            .Should().Equal((referralId, "alice.k"));
        (await coordinator.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}")).GetProperty("assignee").GetString().Should().Be("alice.k");
        (await (await coordinator.GetAsync("/api/referrals?assignedTo=me")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Errors()
            .Select(error => error.Path).Should().Equal("assignedTo");

        (await coordinator.PostAsync($"/api/referrals/{referralId}/assignment", Samples.Json("""{"assignee":null}"""))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await coordinator.GetFromJsonAsync<JsonElement>("/api/referrals?assignedTo=alice.k")).GetProperty("items").GetArrayLength().Should().Be(0);
        (await Records.ReadAuditAsync(referralId)).Where(entry => entry.Step is AuditStep.Assigned or AuditStep.Unassigned)
            .Select(entry => (entry.Step, entry.Assignee, entry.Actor)).Should().Equal((AuditStep.Assigned, "alice.k", "key:coordinator"), (AuditStep.Unassigned, null, "key:coordinator"));
        (await Records.FindAsync(other))!.Assignee.Should().BeNull();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"assignee":"alice@example.org"}""")]
    [InlineData("""{"assignee":5}""")]
    [InlineData("""{"assignee":"me"}""")]
    public async Task An_assignment_that_does_not_name_a_username_or_null_is_refused_without_echoing_it(string body)
    {
        var referralId = await host.SubmitAsync(Samples.UrgentReview);
        using var coordinator = host.Coordinator();

        var problem = await (await coordinator.PostAsync($"/api/referrals/{referralId}/assignment", Samples.Json(body))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "alice@example.org");

        problem.Errors().Select(error => error.Path).Should().Equal("assignee");
        (await AuditStepsAsync(referralId)).Should().NotContain(AuditStep.Assigned);
    }

    [Fact]
    public async Task Only_coordinators_and_supervisors_assign()
    {
        var referralId = await host.SubmitAsync(Samples.Emergency);
        await host.WaitForStatusAsync(referralId, "emergency");
        var body = """{"assignee":"alice"}""";

        await (await host.Client(ApiHost.CrisisKey).PostAsync($"/api/referrals/{referralId}/assignment", Samples.Json(body))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await host.Client(ApiHost.IntakeKey).PostAsync($"/api/referrals/{referralId}/assignment", Samples.Json(body))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await host.Coordinator().PostAsync("/api/referrals/NO-SUCH-REFERRAL/assignment", Samples.Json(body))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await host.Client(ApiHost.SupervisorKey).PostAsync($"/api/referrals/{referralId}/assignment", Samples.Json(body))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Case_notes_are_shown_in_the_case_view_with_author_and_time_and_kept_out_of_the_audit_text_and_logs()
    {
        const string Text = "Phoned Lucía at 14:05; she prefers afternoons. Tel 0151 496 0000.";
        var referralId = await host.SubmitAsync(Samples.Routed);
        await host.WaitForStatusAsync(referralId, "awaiting-clinic");
        using var coordinator = host.Coordinator();

        using var added = await coordinator.PostAsync($"/api/referrals/{referralId}/notes", JsonContent.Create(new { text = Text }));

        added.StatusCode.Should().Be(HttpStatusCode.Created);
        (await added.Content.ReadAsStringAsync()).Should().NotContain("Phoned");
        var note = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/referrals/{referralId}")).GetProperty("notes").EnumerateArray().Single();
        note.GetProperty("text").GetString().Should().Be(Text);
        note.GetProperty("author").GetString().Should().Be("key:coordinator");
        note.GetProperty("at").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        var audit = await Records.ReadAuditAsync(referralId);
        audit.Should().ContainSingle(entry => entry.Step == AuditStep.CaseNoteAdded).Which.Actor.Should().Be("key:coordinator");
        audit.Should().NotContain(entry => entry.Detail != null && entry.Detail.Contains("Phoned", StringComparison.Ordinal));
        logs.Lines.Should().NotContain(line => line.Contains("Phoned", StringComparison.Ordinal) || line.Contains("0151", StringComparison.Ordinal));
        await (await coordinator.PostAsync($"/api/referrals/{referralId}/notes", Samples.Json("""{"text":"  "}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await coordinator.PostAsync($"/api/referrals/{referralId}/notes", JsonContent.Create(new { text = new string('n', 2001) })))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "nnnn");
    }

    [Fact]
    public async Task The_crisis_team_adds_notes_to_emergencies_only_and_clinics_add_none()
    {
        var emergency = await host.SubmitAsync(Samples.Emergency);
        var review = await host.SubmitAsync(Samples.UrgentReview);
        await host.WaitForStatusAsync(emergency, "emergency");
        await host.WaitForStatusAsync(review, "awaiting-review");
        using var crisis = host.Client(ApiHost.CrisisKey);

        (await crisis.PostAsync($"/api/referrals/{emergency}/notes", Samples.Json("""{"text":"On the phone with the GP."}"""))).StatusCode.Should().Be(HttpStatusCode.Created);
        await (await crisis.PostAsync($"/api/referrals/{review}/notes", Samples.Json("[]"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await host.Clinic(ApiHost.ClinicIds[0]).PostAsync($"/api/referrals/{review}/notes", Samples.Json("""{"text":"x"}"""))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        (await crisis.GetFromJsonAsync<JsonElement>($"/api/referrals/{emergency}")).GetProperty("notes").EnumerateArray()
            .Select(note => note.GetProperty("author").GetString()).Should().Equal("key:crisis");
    }

    [Fact]
    public async Task The_export_is_csv_of_the_filtered_list_without_contacts_unless_a_coordinator_asks_which_is_audited()
    {
        var routed = Samples.Read(Samples.Routed);
        routed["referralId"] = "-API-MINUS";
        routed["client"]!["givenName"] = "Smith, \"Jr\"";
        routed["client"]!["familyName"] = "=cmd|' /C calc'!A0";
        var formula = await host.SubmitAsync(routed);
        var review = await host.SubmitAsync(Samples.UrgentReview);
        await host.WaitForStatusAsync(review, "awaiting-review");
        using var coordinator = host.Coordinator();

        var plain = await coordinator.GetAsync("/api/referrals?format=csv&status=awaiting-review");

        plain.StatusCode.Should().Be(HttpStatusCode.OK);
        plain.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await plain.Content.ReadAsStringAsync()).Split("\r\n");
        lines[0].Should().Be("referralId,status,urgency,pathway,modality,clinicId,receivedAt,dueAt,overdue,assignee");
        lines.Skip(1).Should().ContainSingle(line => line.StartsWith(review + ",awaiting-review,urgent,ipt,", StringComparison.Ordinal));
        lines[^1].Should().BeEmpty("every record ends with CRLF");
        (await AuditStepsAsync(review)).Should().NotContain(AuditStep.ContactsExported);

        var withContacts = await (await coordinator.GetAsync("/api/referrals?format=csv&contacts=true&sort=received")).Content.ReadAsStringAsync();

        withContacts.Split("\r\n")[0].Should().EndWith(",givenName,familyName,preferredLanguage,phone,email,contactByEmail");
        withContacts.Should().Contain("\r\n'-API-MINUS,").And.Contain(",\"Smith, \"\"Jr\"\"\",'=cmd|' /C calc'!A0,es,,lucia.fernandez@example.org,true\r\n");
        (await AuditStepsAsync(formula)).Should().Contain(AuditStep.ContactsExported);
        (await Records.ReadAuditAsync(review)).Should().Contain(entry => entry.Step == AuditStep.ContactsExported && entry.Actor == "key:coordinator");
        await (await host.Client(ApiHost.CrisisKey).GetAsync("/api/referrals?format=csv&contacts=true")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await coordinator.GetAsync("/api/referrals?format=csv&limit=5&contacts=yes")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Errors()
            .Select(error => error.Path).Should().BeEquivalentTo("contacts", "limit");
        (await (await coordinator.GetAsync("/api/referrals?format=pdf")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Errors()
            .Select(error => error.Path).Should().Equal("format");
        logs.Lines.Should().NotContain(line => line.Contains("lucia.fernandez", StringComparison.Ordinal));
    }
}
