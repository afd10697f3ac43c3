using System.Text.Json.Nodes;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Triage.Policy;
using IptTriage.Workflow.Records;

namespace IptTriage.Functions.Tests.Api;

/// <summary>Sets up one state both hosts share: SMP-0301 awaiting review, SMP-0101 awaiting a clinic's answer.</summary>
public sealed class SharedState : IAsyncLifetime
{
    internal TwoHosts Hosts { get; private set; } = null!;

    public string OfferedClinic { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Hosts = await TwoHosts.StartAsync();
        foreach (var sample in new[] { "0301-review-risk-cssrs-moderate-method.json", "0101-ipt-grief-spanish-speaking-widow.json" })
            (await Hosts.LocalAsync(ApiRequest.Post("/api/referrals", ApiHost.CoordinatorKey, TwoHosts.Sample(sample)))).Status.Should().Be(202);
        await Hosts.WaitForStatusAsync("SMP-0301", "awaiting-review");
        OfferedClinic = (await Hosts.WaitForStatusAsync("SMP-0101", "awaiting-clinic"))["clinicId"]!.GetValue<string>();
    }

    public async Task DisposeAsync() => await Hosts.DisposeAsync();
}

/// <summary>The Functions app answers every request as <c>iptriage serve</c> does — status, content type, location
/// and body — for each route under each kind of key, and for the bodies and states each route refuses. Requests here
/// change nothing either host could then disagree on: each is refused, or reads.</summary>
public sealed class ApiParityTests(SharedState state) : IClassFixture<SharedState>
{
    /// <summary>Keys by who holds them; "offered" and "other" clinic keys are resolved once the state exists.</summary>
    public static readonly string?[] Callers = [ApiHost.CoordinatorKey, ApiHost.SupervisorKey, ApiHost.CrisisKey, ApiHost.IntakeKey, "offered", "other", null, "not-a-key"];

    public static TheoryData<string, string, string?, string?> Requests()
    {
        var data = new TheoryData<string, string, string?, string?>();
        var routes = new (string Method, string Path, string? Body)[]
        {
            ("GET", "/api/referrals/SMP-0101", null),
            ("GET", "/api/referrals/SMP-0301", null),
            ("GET", "/api/referrals/NO-SUCH-REFERRAL", null),
            ("GET", "/api/referrals/SMP-0101/source", null),
            ("GET", "/api/referrals/NO-SUCH-REFERRAL/source", null),
            ("GET", "/api/referrals", null),
            ("GET", "/api/referrals?status=awaiting-review&sort=urgency&limit=1", null),
            ("GET", "/api/referrals?sort=due&overdue=true&urgency=routine&pathway=ipt&clinic=northbridge-ipt", null),
            ("GET", "/api/referrals?receivedFrom=2026-01-01T00:00:00Z&receivedTo=2100-01-01T00:00:00Z&limit=100", null),
            ("GET", "/api/referrals?status=nope&limit=0&cursor=not-a-cursor&overdue=yes&receivedFrom=soon", null),
            ("POST", "/api/referrals/search", """{"q":"SMP-03"}"""),
            ("POST", "/api/referrals/search?sort=due", """{"q":"lucia fern"}"""),
            ("POST", "/api/referrals/search?assignedTo=nobody", """{"q":"1971-04-12"}"""),
            ("POST", "/api/referrals/search?assignedTo=me", """{"q":"++"}"""),
            ("POST", "/api/referrals/search", """{"q":" "}"""),
            ("GET", "/api/referrals?q=SMP-03", null),
            ("GET", "/api/referrals?format=csv&sort=urgency", null),
            ("GET", "/api/referrals?format=csv&contacts=true&status=awaiting-clinic", null),
            ("GET", "/api/referrals?format=csv&contacts=maybe&cursor=x", null),
            ("GET", "/api/referrals?format=xml", null),
            ("GET", "/api/reviews", null),
            ("GET", "/api/clinic/cases", null),
            ("GET", "/api/worklists", null),
            ("GET", "/api/clinics", null),
            ("GET", "/api/policy", null),
            ("GET", "/api/schema/intake-form", null),
            ("POST", "/api/referrals", """{"referralId":"PARITY-INVALID","client":{"email":"not-an-address"}}"""),
            ("POST", "/api/referrals/SMP-0101/review", """{"decision":"approve","reason":"Checked."}"""),
            ("POST", "/api/referrals/NO-SUCH-REFERRAL/review", """{"decision":"approve","reason":"Checked."}"""),
            ("POST", "/api/referrals/SMP-0301/clinic-response", """{"accept":true}"""),
            ("POST", "/api/referrals/SMP-0301/crisis-ack", "{}"),
            ("POST", "/api/referrals/SMP-0301/placement", """{"clinicId":"northbridge-ipt"}"""),
            ("GET", "/api/clinics/northbridge-ipt", null),
            ("GET", "/api/clinics/no-such-clinic", null),
            ("PUT", "/api/clinics/northbridge-ipt/capacity", """{"capacity":-1}"""),
            ("PUT", "/api/clinics/no-such-clinic/capacity", """{"capacity":3}"""),
            ("GET", "/api/referrals/SMP-0101/placement-options", null),
            ("GET", "/api/referrals/SMP-0301/placement-options", null),
            ("GET", "/api/referrals/NO-SUCH-REFERRAL/placement-options", null),
            ("POST", "/api/referrals/SMP-0301/assignment", """{"assignee":"alice"}"""),
            ("POST", "/api/referrals/NO-SUCH-REFERRAL/assignment", """{"assignee":null}"""),
            ("POST", "/api/referrals/SMP-0301/notes", """{"text":" "}"""),
            ("POST", "/api/referrals/NO-SUCH-REFERRAL/notes", """{"text":"A note."}"""),
            // Refused for every caller: a close of no referral, one whose note is missing, a discharge of a case not placed.
            ("POST", "/api/referrals/NO-SUCH-REFERRAL/close", """{"reason":"withdrawn"}"""),
            ("POST", "/api/referrals/SMP-0301/close", """{"reason":"other"}"""),
            ("POST", "/api/referrals/SMP-0101/discharge", """{"reason":"completed"}"""),
            ("GET", "/fhir/metadata", null),
            ("GET", "/fhir/Questionnaire", null),
            ("GET", "/fhir/Questionnaire/phq-9", null),
            ("GET", "/fhir/Questionnaire/no-such-questionnaire", null),
            ("GET", "/fhir/Task/SMP-0101", null),
            ("GET", "/fhir/Task/SMP-0301", null),
            ("GET", "/fhir/Task/NO-SUCH-REFERRAL", null),
            ("POST", "/fhir/Bundle", """{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient"}}]}"""),
            ("POST", "/fhir/QuestionnaireResponse", """{"resourceType":"QuestionnaireResponse","status":"completed"}"""),
            ("POST", "/api/policy/what-if", Candidate(policy => policy["thresholds"]!["phq9"]!["severeDepressionAtLeast"] = 13)),
            ("POST", "/api/policy/what-if?receivedFrom=2000-01-01T00:00:00Z&receivedTo=2100-01-01T00:00:00Z", Candidate(_ => { })),
            ("POST", "/api/policy/what-if?receivedFrom=2100-01-01T00:00:00Z", Candidate(policy => policy["thresholds"]!["gad7"]!["anxietyFlagAtLeast"] = 1)),
            ("POST", "/api/policy/what-if?receivedTo=soon", Candidate(policy => policy["thresholds"]!["age"]!["minimumYears"] = 99)),
        };
        foreach (var (method, path, body) in routes)
            foreach (var caller in Callers)
                data.Add(method, path, caller, body);
        return data;
    }

    public static TheoryData<string, string?, string?> BadBodies() => new()
    {
        { "/api/referrals/SMP-0301/review", null, "application/json" },
        { "/api/referrals/SMP-0301/review", "null", "application/json" },
        { "/api/referrals/SMP-0301/review", "[]", "application/json" },
        { "/api/referrals/SMP-0301/review", """{"decision":5}""", "application/json" },
        { "/api/referrals/SMP-0301/review", """{"decision":""", "application/json" },
        { "/api/referrals/SMP-0301/review", """{"decision":"approve","reason":"ok"}""", "text/plain" },
        { "/api/referrals/SMP-0301/review", "{}", "application/json" },
        { "/api/referrals/SMP-0301/review", """{"decision":"override","reason":"x"}""", "application/json" },
        { "/api/referrals/SMP-0301/review", """{"decision":"close","pathway":"ipt","reason":"x"}""", "application/json" },
        { "/api/referrals/SMP-0301/crisis-ack", """{"by":"crisis-7"}""", "application/json" },
        { "/api/referrals/SMP-0301/placement", """{"clinicId":"no-such-clinic"}""", "application/json" },
        { "/api/referrals/SMP-0301/placement", """{"clinicId":"northbridge-ipt","coordinatorId":"c-1"}""", "application/json" },
        { "/api/referrals", """{"referralId":"PARITY-TEXT"}""", "text/plain" },
        { "/api/referrals", """{"referralId":"PARITY-ARRAY","client":[]}""", "application/json" },
        { "/api/referrals/SMP-0301/review", """{"decision":"approve","reason":"ok"}""", null },
        { "/api/referrals/SMP-0301/crisis-ack", "", "application/json" },
        { "/api/referrals/SMP-0301/assignment", "{}", "application/json" },
        { "/api/referrals/SMP-0301/assignment", """{"assignee":["alice"]}""", "application/json" },
        { "/api/referrals/SMP-0301/assignment", """{"assignee":"me"}""", "application/json" },
        { "/api/referrals/SMP-0301/notes", """{"text":5}""", "application/json" },
        { "/api/referrals/SMP-0301/notes", "{}", "application/json" },
        { "/api/referrals/SMP-0301/close", "{}", "application/json" },
        { "/api/referrals/SMP-0301/close", """{"reason":"changed-mind","note":"x"}""", "application/json" },
        { "/api/referrals/SMP-0301/close", """{"reason":"other","note":"  "}""", "application/json" },
        { "/fhir/Bundle", """{"resourceType":"Bundle","type":"searchset"}""", "application/fhir+json" },
        { "/fhir/Bundle", """{"resourceType":"Bundle","type":""", "application/fhir+json" },
        { "/fhir/Bundle", """{"resourceType":"Patient"}""", "application/fhir+json" },
        { "/fhir/QuestionnaireResponse", """{"resourceType":"QuestionnaireResponse","status":"completed"}""", "text/plain" },
        { "/api/policy/what-if", "{}", "application/json" },
        { "/api/policy/what-if", """{"policyVersion":""", "application/json" },
        { "/api/policy/what-if", "", "application/json" },
        { "/api/policy/what-if", Candidate(policy => policy["thresholds"]!["pqb"] = "six"), "application/json" },
        { "/api/policy/what-if", Candidate(_ => { }), "text/plain" },
        { "/api/policy/what-if", Candidate(_ => { }), null },
    };

    /// <summary>The default policy file with <paramref name="change"/> made: a candidate for <c>POST /api/policy/what-if</c>.</summary>
    private static string Candidate(Action<JsonObject> change)
    {
        using var resource = typeof(PolicyFile).Assembly.GetManifestResourceStream("IptTriage.Triage.default-policy.json")!;
        var policy = JsonNode.Parse(resource)!.AsObject();
        change(policy);
        return policy.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Every_route_answers_every_caller_as_the_local_host_does(string method, string path, string? caller, string? body)
    {
        await ShouldAnswerAlikeAsync(new ApiRequest(method, path, Key(caller), body, body is null ? null : "application/json"));
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_refused_body_gets_the_same_problem_naming_the_same_fields(string path, string? body, string? contentType)
    {
        var answer = await ShouldAnswerAlikeAsync(ApiRequest.Post(path, ApiHost.CoordinatorKey, body, contentType));

        answer.Status.Should().BeOneOf(400, 415);
        // A FHIR route's own refusals are OperationOutcomes; the gate every route shares (key, media type, role) answers problem details.
        answer.ContentType.Should().Be(answer.Status == 400 && path.StartsWith("/fhir/", StringComparison.Ordinal) ? "application/fhir+json" : "application/problem+json");
    }

    public static TheoryData<string?, string?> BadCapacityBodies() => new()
    {
        { null, "application/json" },
        { "null", "application/json" },
        { "{}", "application/json" },
        { """{"capacity":"five"}""", "application/json" },
        { """{"capacity":2.5}""", "application/json" },
        { """{"capacity":""", "application/json" },
        { """{"capacity":2}""", "text/plain" },
        { """{"capacity":2}""", null },
    };

    [Theory]
    [MemberData(nameof(BadCapacityBodies))]
    public async Task A_refused_capacity_body_gets_the_same_problem_naming_the_same_fields(string? body, string? contentType)
    {
        var answer = await ShouldAnswerAlikeAsync(new ApiRequest("PUT", "/api/clinics/northbridge-ipt/capacity", ApiHost.CoordinatorKey, body, contentType));

        answer.Status.Should().BeOneOf(400, 415);
    }

    [Fact]
    public async Task A_capacity_set_on_the_functions_app_reads_back_alike_and_setting_it_again_answers_alike()
    {
        var set = await state.Hosts.Functions.SendAsync(new ApiRequest("PUT", "/api/clinics/riverside-specialist/capacity", ApiHost.SupervisorKey,
            """{"capacity":2,"reason":"A second therapist."}"""));
        set.Status.Should().Be(200, set.Body);
        set.Json!["previousCapacity"]!.GetValue<int>().Should().Be(1);

        var clinic = await ShouldAnswerAlikeAsync(ApiRequest.Get("/api/clinics/riverside-specialist", ApiHost.CoordinatorKey));
        clinic.Json!["audit"]![0]!["actor"]!.GetValue<string>().Should().Be("key:supervisor");
        (await ShouldAnswerAlikeAsync(new ApiRequest("PUT", "/api/clinics/riverside-specialist/capacity", ApiHost.CoordinatorKey, """{"capacity":2}""")))
            .Json!["changed"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task A_clinic_acting_on_a_case_it_was_offered_is_checked_like_the_local_host_checks_it()
    {
        await ShouldAnswerAlikeAsync(ApiRequest.Post("/api/referrals/SMP-0101/clinic-response", Key("offered"), """{"accept":"yes"}"""));
        await ShouldAnswerAlikeAsync(ApiRequest.Post("/api/referrals/SMP-0101/clinic-response", Key("offered"), """{"reason":"no answer"}"""));
        await ShouldAnswerAlikeAsync(ApiRequest.Post("/api/referrals/SMP-0101/clinic-response", Key("other"), """{"accept":true}"""));
        (await ShouldAnswerAlikeAsync(ApiRequest.Post("/api/referrals/SMP-0101/discharge", Key("offered"), """{"reason":"finished"}"""))).Status.Should().Be(400);
        (await ShouldAnswerAlikeAsync(ApiRequest.Post("/api/referrals/SMP-0101/discharge", Key("offered"), """{"reason":"other"}"""))).Status.Should().Be(400);
        (await ShouldAnswerAlikeAsync(ApiRequest.Post("/api/referrals/SMP-0101/discharge", Key("offered"), """{"reason":"completed"}"""))).Status
            .Should().Be(409, "the case is offered to the clinic, not placed with it");
        (await ShouldAnswerAlikeAsync(ApiRequest.Post("/api/referrals/SMP-0101/discharge", Key("other"), """{"reason":"""))).Status.Should().Be(404);
    }

    [Theory]
    [InlineData("received")]
    [InlineData("due")]
    [InlineData("urgency")]
    public async Task The_referral_list_pages_alike_on_both_hosts(string sort)
    {
        var first = await ShouldAnswerAlikeAsync(ApiRequest.Get($"/api/referrals?sort={sort}&limit=1", ApiHost.CoordinatorKey));
        first.Status.Should().Be(200);
        first.Json!["items"]!.AsArray().Should().ContainSingle();
        first.Json["items"]![0]!.AsObject().Select(field => field.Key).Should().BeSubsetOf(
            ["referralId", "status", "urgency", "pathway", "modality", "clinicId", "receivedAt", "dueAt", "overdue", "assignee"], "a row carries codes and times, no personal data (nulls are left out)")
            .And.Contain(["referralId", "status", "receivedAt", "overdue"]);
        var cursor = first.Json["nextCursor"]!.GetValue<string>();

        var second = await ShouldAnswerAlikeAsync(ApiRequest.Get($"/api/referrals?sort={sort}&limit=1&cursor={Uri.EscapeDataString(cursor)}", ApiHost.CoordinatorKey));
        second.Json!["items"]![0]!["referralId"]!.GetValue<string>().Should().NotBe(first.Json["items"]![0]!["referralId"]!.GetValue<string>());
        (await ShouldAnswerAlikeAsync(ApiRequest.Get($"/api/referrals?sort={(sort == "due" ? "received" : "due")}&cursor={Uri.EscapeDataString(cursor)}", ApiHost.CoordinatorKey)))
            .Status.Should().Be(400, "a cursor belongs to its sort");
    }

    [Fact]
    public async Task A_note_and_an_assignment_made_through_the_functions_app_are_in_the_case_view_on_both_hosts()
    {
        var noted = await state.Hosts.Functions.SendAsync(ApiRequest.Post("/api/referrals/SMP-0101/notes", ApiHost.SupervisorKey, """{"text":"Called the GP."}"""));
        noted.Status.Should().Be(201, noted.Body);
        noted.Json!["author"]!.GetValue<string>().Should().Be("key:supervisor");
        (await state.Hosts.Functions.SendAsync(ApiRequest.Post("/api/referrals/SMP-0101/assignment", ApiHost.CoordinatorKey, """{"assignee":"bob"}"""))).Status.Should().Be(200);

        var view = await ShouldAnswerAlikeAsync(ApiRequest.Get("/api/referrals/SMP-0101", ApiHost.CoordinatorKey));

        view.Json!["assignee"]!.GetValue<string>().Should().Be("bob");
        view.Json["notes"]!.AsArray().Should().Contain(note => note!["text"]!.GetValue<string>() == "Called the GP." && note["author"]!.GetValue<string>() == "key:supervisor");
        view.Json["client"]!["givenName"]!.GetValue<string>().Should().Be("Lucía");
        (await ShouldAnswerAlikeAsync(ApiRequest.Get("/api/referrals?assignedTo=bob", ApiHost.CoordinatorKey))).Json!["items"]!.AsArray()
            .Select(row => row!["referralId"]!.GetValue<string>()).Should().Equal("SMP-0101");
    }

    [Fact]
    public async Task A_clinics_worklist_holds_its_offer_and_its_recent_discharge_on_both_hosts_and_nothing_for_another_clinic()
    {
        // A case the offered clinic discharged yesterday, written as the workflow writes it; nothing else reads it here.
        var records = state.Hosts.Records;
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        await records.AddAsync(new NewReferral("SMP-DIS-1", yesterday.AddDays(-40), "{}"u8.ToArray()));
        await records.SetStatusAsync("SMP-DIS-1", ReferralStatus.Placed,
            new AuditEntry("SMP-DIS-1", yesterday.AddDays(-39), AuditStep.ClinicAccepted, "test", []), clinicId: state.OfferedClinic);
        await records.SetStatusAsync("SMP-DIS-1", ReferralStatus.Discharged, new AuditEntry("SMP-DIS-1", yesterday, AuditStep.CareEnded, "test", []));

        var offered = await ShouldAnswerAlikeAsync(ApiRequest.Get("/api/clinic/cases", Key("offered")));

        offered.Status.Should().Be(200, offered.Body);
        var row = offered.Json!.AsArray().Single(row => row!["referralId"]!.GetValue<string>() == "SMP-0101")!;
        row["status"]!.GetValue<string>().Should().Be("awaiting-clinic");
        row["respondBy"].Should().NotBeNull();
        var discharged = offered.Json!.AsArray().Single(row => row!["referralId"]!.GetValue<string>() == "SMP-DIS-1")!;
        discharged["status"]!.GetValue<string>().Should().Be("discharged");
        discharged["dischargedAt"]!.GetValue<DateTimeOffset>().Should().Be(yesterday);
        (await ShouldAnswerAlikeAsync(ApiRequest.Get("/api/clinic/cases", Key("other")))).Json!.AsArray()
            .Select(other => other!["referralId"]!.GetValue<string>()).Should().NotContain(["SMP-0101", "SMP-DIS-1"]);
    }

    [Fact]
    public async Task A_policy_what_if_reports_alike_on_both_hosts()
    {
        var answer = await ShouldAnswerAlikeAsync(ApiRequest.Post("/api/policy/what-if", ApiHost.CoordinatorKey,
            Candidate(policy => policy["thresholds"]!["phq9"]!["severeDepressionAtLeast"] = 13)));

        answer.Status.Should().Be(200, answer.Body);
        var changes = answer.Json!["changes"]!.AsArray();
        changes.Select(change => change!["referralId"]!.GetValue<string>()).Should().Contain("SMP-0301", "its PHQ-9 total is 13").And.NotContain("SMP-0101", "its total is 11");
        changes.Single(change => change!["referralId"]!.GetValue<string>() == "SMP-0301")!["rulesStarted"]!.AsArray()
            .Select(rule => rule!.GetValue<string>()).Should().Equal("RT-MEDICATION", "MED-SEVERE");
    }

    [Theory]
    [InlineData("""{"accept":""")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task A_clinic_not_offered_the_case_gets_404_before_its_body_is_read(string body)
    {
        (await ShouldAnswerAlikeAsync(ApiRequest.Post("/api/referrals/SMP-0101/clinic-response", Key("other"), body))).Status.Should().Be(404);
        (await ShouldAnswerAlikeAsync(ApiRequest.Post("/api/referrals/SMP-0101/clinic-response", Key("offered"), body))).Status.Should().Be(400);
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("not-a-key", 401)]
    [InlineData(ApiHost.IntakeKey, 415)]
    [InlineData("other", 415)]
    public async Task A_body_declared_as_another_type_is_refused_after_the_key_and_before_the_role(string? caller, int status)
    {
        (await ShouldAnswerAlikeAsync(ApiRequest.Post("/api/referrals/SMP-0301/crisis-ack", Key(caller), "{}", "text/plain")))
            .Status.Should().Be(status);
        (await ShouldAnswerAlikeAsync(ApiRequest.Post("/api/referrals", Key(caller), "{}", "application/xml"))).Status.Should().Be(status);
    }

    private async Task<ApiAnswer> ShouldAnswerAlikeAsync(ApiRequest request)
    {
        var local = await state.Hosts.LocalAsync(request);
        var functions = await state.Hosts.Functions.SendAsync(request);

        functions.Status.Should().Be(local.Status, $"{request} answers locally {local.Body}, on Functions {functions.Body}");
        functions.ContentType.Should().Be(local.ContentType, request.ToString());
        functions.Location.Should().Be(local.Location, request.ToString());
        functions.Comparable.Should().Be(local.Comparable, request.ToString());
        return local;
    }

    private string? Key(string? caller) => caller switch
    {
        "offered" => ApiHost.ClinicKey(state.OfferedClinic),
        "other" => ApiHost.ClinicKey(ApiHost.ClinicIds.First(id => id != state.OfferedClinic)),
        _ => caller,
    };
}
