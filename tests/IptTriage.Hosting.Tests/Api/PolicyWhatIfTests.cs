using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Testing;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Policy;
using IptTriage.Triage.WhatIf;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.Hosting.Tests.Api;

/// <summary>Every sample referral taken in and screened once, shared by the tests: each only reads.</summary>
public sealed class ScreenedSamples : IAsyncLifetime
{
    public CapturedLogs Logs { get; } = new();

    internal ApiHost Host { get; private set; } = null!;

    /// <summary>The sample files in referral-id order: the order they were submitted in, one after another.</summary>
    public IReadOnlyList<string> Files { get; } =
        [.. Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "samples", "intake"), "*.json").Order(StringComparer.Ordinal)];

    public async Task InitializeAsync()
    {
        Host = await ApiHost.StartAsync(services: services => services.AddSingleton<ILoggerProvider>(Logs));
        foreach (var file in Files) await Host.SubmitAsync(JsonNode.Parse(File.ReadAllText(file))!);
        using var coordinator = Host.Coordinator();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        // Screened once each has an urgency in the list (the orchestrations carry on in the background: offers, notices).
        while ((await coordinator.GetFromJsonAsync<JsonElement>("/api/referrals?limit=100", guard.Token)).GetProperty("items").EnumerateArray()
               .Count(row => row.TryGetProperty("urgency", out _)) < Files.Count)
            await Task.Delay(50, guard.Token);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary><c>POST /api/policy/what-if</c> on <c>iptriage serve</c>'s host over the screened samples.</summary>
public sealed class PolicyWhatIfTests(ScreenedSamples samples) : IClassFixture<ScreenedSamples>
{
    private static string PolicyFileText(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "policy", name));

    private static string DefaultPolicyText()
    {
        using var resource = typeof(PolicyFile).Assembly.GetManifestResourceStream("IptTriage.Triage.default-policy.json")!;
        return new StreamReader(resource).ReadToEnd();
    }

    private async Task<HttpResponseMessage> PostAsync(string candidate, string query = "")
    {
        using var coordinator = samples.Host.Coordinator();
        return await coordinator.PostAsync($"/api/policy/what-if{query}", Samples.Json(candidate));
    }

    /// <summary>The report the domain gives over the sample files, as <c>iptriage policy what-if</c> reads them.</summary>
    private string ReportOverTheSampleFiles(TriagePolicy candidate)
    {
        var policies = new TwoPolicies(PolicyFile.LoadDefault(), candidate);
        var tally = new WhatIfTally(policies);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, DecisionJson.CompactOptions))
        {
            WhatIfJson.BeginReport(json);
            foreach (var file in samples.Files)
            {
                if (tally.Add(policies.Screen(File.ReadAllBytes(file), Path.GetFileName(file))) is { } change) WhatIfJson.WriteChange(json, change);
            }
            WhatIfJson.EndReport(json, tally.Summary());
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public async Task The_tuned_sample_policy_is_reported_over_the_stored_referrals_as_over_their_forms()
    {
        var tuned = PolicyFileText("tuned-clinic.json");

        using var response = await PostAsync(tuned);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Be(ReportOverTheSampleFiles(PolicyFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(tuned)), "tuned")));
        // The four the CLI's hand-derived test explains (IptTriage.Cli.Tests, PolicyWhatIfCommandTests).
        var report = JsonNode.Parse(body)!;
        report["changes"]!.AsArray().Select(change => change!["referralId"]!.GetValue<string>()).Should().Equal("SMP-0104", "SMP-0110", "SMP-0207", "SMP-0308");
        report["summary"]!["forms"]!.GetValue<int>().Should().Be(samples.Files.Count);
    }

    [Fact]
    public async Task The_current_policy_as_a_candidate_changes_nothing()
    {
        using var response = await PostAsync(DefaultPolicyText());

        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        report["changes"]!.AsArray().Should().BeEmpty();
        report["summary"]!["changed"]!.GetValue<int>().Should().Be(0);
        report["summary"]!["rules"]!.AsArray().Should().BeEmpty();
        report["summary"]!["crossTable"]!.AsArray().Should().OnlyContain(row => row!["before"]!.GetValue<int>() == row["after"]!.GetValue<int>());
    }

    [Fact]
    public async Task Only_referrals_received_in_the_window_are_re_screened()
    {
        var tuned = PolicyFileText("tuned-clinic.json");
        var all = await (await PostAsync(tuned, "?receivedFrom=2000-01-01T00:00:00Z")).Content.ReadFromJsonAsync<JsonElement>();
        var none = await (await PostAsync(tuned, "?receivedFrom=2100-01-01T00:00:00Z")).Content.ReadFromJsonAsync<JsonElement>();
        var before = await (await PostAsync(tuned, "?receivedTo=2000-01-01T00:00:00Z")).Content.ReadFromJsonAsync<JsonElement>();

        all.GetProperty("summary").GetProperty("forms").GetInt32().Should().Be(samples.Files.Count);
        none.GetProperty("summary").GetProperty("forms").GetInt32().Should().Be(0, "the window is when referrals arrived");
        none.GetProperty("changes").GetArrayLength().Should().Be(0);
        before.GetProperty("summary").GetProperty("forms").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task A_malformed_candidate_is_refused_naming_every_problem_and_its_place()
    {
        var candidate = JsonNode.Parse(DefaultPolicyText())!.AsObject();
        candidate["thresholds"]!["phq9"]!["subthresholdBelow"] = 40;
        candidate["thresholds"]!["gad7"]!.AsObject().Remove("anxietyFlagAtLeast");
        candidate["thresholds"]!["auditC"]!["positiveTotalAtLeast"]!["female"] = 3;

        using var response = await PostAsync(candidate.ToJsonString(), "?receivedTo=tomorrow");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("path").GetString()).Should().Equal(
            "receivedTo", "$.thresholds.phq9.subthresholdBelow", "$.thresholds.gad7.anxietyFlagAtLeast", "$.thresholds.auditC.positiveTotalAtLeast.female");
        (await PostAsync("{\"policyVersion\":")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(ApiHost.CoordinatorKey, HttpStatusCode.OK)]
    [InlineData(ApiHost.SupervisorKey, HttpStatusCode.OK)]
    [InlineData(ApiHost.CrisisKey, HttpStatusCode.Forbidden)]
    [InlineData(ApiHost.IntakeKey, HttpStatusCode.Forbidden)]
    [InlineData("clinic", HttpStatusCode.Forbidden)]
    public async Task Coordinators_and_supervisors_may_try_a_policy(string key, HttpStatusCode status)
    {
        using var client = samples.Host.Client(key == "clinic" ? ApiHost.ClinicKey(ApiHost.ClinicIds[0]) : key);

        using var response = await client.PostAsync("/api/policy/what-if", Samples.Json(DefaultPolicyText()));

        response.StatusCode.Should().Be(status);
    }

    [Fact]
    public async Task Stored_decisions_are_unchanged_and_no_personal_data_is_logged_or_answered()
    {
        var store = samples.Host.Services.GetRequiredService<IRecordStore>();
        var ids = samples.Files.Select(file => JsonNode.Parse(File.ReadAllText(file))!["referralId"]!.GetValue<string>()).ToList();
        async Task<List<(string?, Routing?)>> DecisionsAsync()
        {
            var decisions = new List<(string?, Routing?)>();
            foreach (var id in ids) decisions.Add(((await store.FindAsync(id))!.DecisionJson, (await store.FindAsync(id))!.Routing));
            return decisions;
        }
        var before = await DecisionsAsync();

        using var response = await PostAsync(PolicyFileText("tuned-clinic.json"));
        var body = await response.Content.ReadAsStringAsync();

        (await DecisionsAsync()).Should().BeEquivalentTo(before, options => options.WithStrictOrdering());
        samples.Logs.Lines.Should().Contain(line => line.Contains("policy/what-if", StringComparison.Ordinal), "the host logs the request");
        var logs = string.Join("\n", samples.Logs.Lines);
        foreach (var value in samples.Files.SelectMany(file => PersonalValues(JsonNode.Parse(File.ReadAllText(file))!)))
        {
            logs.Should().NotContain(value);
            body.Should().NotContain(value);
        }
    }

    /// <summary>The sample's names, addresses, phone, date of birth and free text.</summary>
    private static IEnumerable<string> PersonalValues(JsonNode form) =>
        new[]
        {
            form["client"]!["givenName"], form["client"]!["familyName"], form["client"]!["email"], form["client"]!["phone"],
            form["client"]!["dateOfBirth"], form["referrer"]!["name"], form["referrer"]!["email"], form["presentation"]!["summary"],
        }.OfType<JsonNode>().Select(value => value.GetValue<string>());
}
