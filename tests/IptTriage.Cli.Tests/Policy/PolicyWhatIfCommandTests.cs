using IptTriage.Testing;
using System.Text.Json.Nodes;
using IptTriage.Cli.Tests.Support;
using IptTriage.Records.Sqlite;
using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Policy;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;

namespace IptTriage.Cli.Tests.Policy;

/// <summary><c>iptriage policy what-if</c> run in-process over the sample forms and over a real data directory.</summary>
public sealed class PolicyWhatIfCommandTests : IDisposable
{
    private static readonly string Tuned = Path.Combine(AppContext.BaseDirectory, "samples", "policy", "tuned-clinic.json");

    private readonly TempDirectory temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    private static (List<JsonObject> Changes, JsonObject Summary) Report(CliResult result)
    {
        result.ExitCode.Should().Be(ExitCodes.Success, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        lines[^1].Select(field => field.Key).Should().Equal(["summary"], "the last line is the summary");
        return (lines[..^1], lines[^1]["summary"]!.AsObject());
    }

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(item => item!.GetValue<string>())];

    private static JsonObject Codes(JsonObject decision) => new()
    {
        ["outcome"] = decision["outcome"]!.DeepClone(), ["pathway"] = decision["pathway"]?.DeepClone(), ["modality"] = decision["modality"]?.DeepClone(),
        ["urgency"] = decision["urgency"]!.DeepClone(), ["adaptations"] = decision["adaptations"]!.DeepClone(),
        ["exclusions"] = decision["exclusions"]!.DeepClone(), ["flags"] = decision["flags"]!.DeepClone(),
    };

    /// <summary>The sample's decision under the default policy, derived by hand (<c>samples/intake/expected/</c>).</summary>
    private static JsonObject HandDerived(string name) => JsonNode.Parse(File.ReadAllText(SampleFiles.Expected(name)))!.AsObject();

    /// <summary>
    /// What <c>samples/policy/tuned-clinic.json</c> changes, setting by setting, from the sample forms' own values:
    /// <list type="bullet">
    /// <item>PHQ-9 <c>severeDepressionAtLeast</c> 20 → 18: only 0201 and 0202 total 18 or 19, and both are acute risk
    /// (C-SSRS intent; a current crisis). Under an exclusion no section-3 rule is evaluated: no change.</item>
    /// <item>PC-PTSD-5 cut-off 3 → 4: 0207 answers 3 of 5 after trauma exposure with no clinician-reported flashbacks, so
    /// EX-TRAUMA stops; nothing else excludes or indicates medication (PHQ-9 11, 5 months, no previous episode, prefers
    /// therapy) and nothing calls for review (one problem area, item 9 is 0, C-SSRS all no, consent given): routed ipt
    /// routine by RT-IPT. Its FL-ANXIETY (GAD-7 12) fires either way. 0211 answers 4 of 5: still excluded.</item>
    /// <item>AUDIT-C 4 → 5 (male), 3 → 4 (otherwise): 0104 (male, 4) and 0308 (undisclosed, 3) lose FL-ALCOHOL and its
    /// flag, nothing else; 0114 (male, 6) keeps it; 0101 (1) and 0108 (male, 3) never had it.</item>
    /// <item>IPT-A below 18 → 19: no client on an IPT pathway is 18 on the day received (0115 is still 17 on 28 February,
    /// born 29 February 2008; 0111 is 17): no change.</item>
    /// <item>Chronic from 24 → 18 months: 0110 (18 months, binge eating, no exclusion) gains MED-CHRONIC and goes to IPT
    /// with medication (RT-MEDICATION for RT-IPT), keeping ipt-ed; 0103 (30) and 0302 (28) had it already; 0209 (26) is
    /// CBT, where no medication indicator is evaluated.</item>
    /// </list>
    /// </summary>
    private static readonly Dictionary<string, Action<JsonObject>> TunedChanges = new()
    {
        ["0104-ipt-with-medication-recurrent-prefers-combined.json"] = after => Remove(after, "flags", "hazardous-alcohol-use"),
        ["0110-ipt-ed-binge-eating-interpersonal-deficits.json"] = after =>
        {
            after["pathway"] = "ipt-with-medication";
            Add(after, "flags", "chronic-depression");
        },
        ["0207-trauma-focused-therapy-pc-ptsd-5-positive.json"] = after =>
        {
            after["pathway"] = "ipt";
            after["modality"] = null;
            Remove(after, "exclusions", "trauma-symptoms");
        },
        ["0308-review-several-triggers-undisclosed-alcohol.json"] = after => Remove(after, "flags", "hazardous-alcohol-use"),
    };

    /// <summary>The rules that start and stop in each change above, in evaluation order.</summary>
    private static readonly Dictionary<string, (string[] Started, string[] Stopped)> TunedRules = new()
    {
        ["SMP-0104"] = ([], ["FL-ALCOHOL"]),
        ["SMP-0110"] = (["RT-MEDICATION", "MED-CHRONIC"], ["RT-IPT"]),
        ["SMP-0207"] = (["RT-IPT"], ["EX-TRAUMA"]),
        ["SMP-0308"] = ([], ["FL-ALCOHOL"]),
    };

    private static void Remove(JsonObject decision, string list, string code) =>
        decision[list] = new JsonArray([.. Strings(decision[list]).Where(c => c != code).Select(c => (JsonNode)c)]);

    private static void Add(JsonObject decision, string list, string code) =>
        decision[list] = new JsonArray([.. Strings(decision[list]).Append(code).Order(StringComparer.Ordinal).Select(c => (JsonNode)c)]);

    [Fact]
    public void The_tuned_sample_policy_on_the_samples_changes_what_its_settings_say_and_nothing_else()
    {
        var (changes, summary) = Report(InProcessCli.Run("policy", "what-if", "--policy", Tuned, "--format", "jsonl", SampleFiles.Directory));

        var before = SampleFiles.ValidFormNames.ToDictionary(name => name, name => Codes(HandDerived(name)));
        var after = before.ToDictionary(pair => pair.Key, pair => pair.Value.DeepClone().AsObject());
        foreach (var (name, change) in TunedChanges) change(after[name]);
        var expected = TunedChanges.Keys.Order(StringComparer.Ordinal).Select(name => new JsonObject
        {
            ["referralId"] = SampleFiles.ReferralIdOf(name), ["before"] = before[name].DeepClone(), ["after"] = after[name].DeepClone(),
            ["rulesStarted"] = new JsonArray([.. TunedRules[SampleFiles.ReferralIdOf(name)].Started.Select(rule => (JsonNode)rule)]),
            ["rulesStopped"] = new JsonArray([.. TunedRules[SampleFiles.ReferralIdOf(name)].Stopped.Select(rule => (JsonNode)rule)]),
        });
        changes.Select(change => change.ToJsonString()).Should().Equal(expected.Select(change => change.ToJsonString()));

        summary["currentPolicy"]!.GetValue<string>().Should().Be("1.0.0");
        summary["candidatePolicy"]!.GetValue<string>().Should().Be("north-clinic-2.1");
        (summary["forms"]!.GetValue<int>(), summary["invalid"]!.GetValue<int>(), summary["changed"]!.GetValue<int>()).Should().Be((37, 0, 4));
        // Fired-before counts from the hand-derived decisions: EX-TRAUMA 0207, 0210, 0211, 0307; MED-CHRONIC 0103, 0302;
        // FL-ALCOHOL 0104, 0114, 0308; RT-MEDICATION and RT-IPT counted from the same files.
        int Fired(string rule) => SampleFiles.ValidFormNames.Count(name => HandDerived(name)["reasons"]!.AsArray().Any(r => r!["rule"]!.GetValue<string>() == rule));
        summary["rules"]!.AsArray().Select(rule => rule!.ToJsonString()).Should().Equal(new[]
        {
            ("EX-TRAUMA", 0, 1), ("RT-MEDICATION", 1, 0), ("RT-IPT", 1, 1), ("MED-CHRONIC", 1, 0), ("FL-ALCOHOL", 0, 2),
        }.Select(shift => new JsonObject
        {
            ["rule"] = shift.Item1, ["firedBefore"] = Fired(shift.Item1), ["firedAfter"] = Fired(shift.Item1) + shift.Item2 - shift.Item3,
            ["started"] = shift.Item2, ["stopped"] = shift.Item3,
        }.ToJsonString()));
        Fired("EX-TRAUMA").Should().Be(4);
        Fired("FL-ALCOHOL").Should().Be(3);
        CrossTable(summary, "before").Should().BeEquivalentTo(Tally(before.Values));
        CrossTable(summary, "after").Should().BeEquivalentTo(Tally(after.Values));
    }

    private static Dictionary<string, int> CrossTable(JsonObject summary, string side) => summary["crossTable"]!.AsArray()
        .Where(row => row![side]!.GetValue<int>() > 0)
        .ToDictionary(row => Cell(row!.AsObject()), row => row![side]!.GetValue<int>());

    private static Dictionary<string, int> Tally(IEnumerable<JsonObject> decisions) =>
        decisions.GroupBy(Cell).ToDictionary(group => group.Key, group => group.Count());

    private static string Cell(JsonObject decision) =>
        string.Join(" ", new[] { "outcome", "pathway", "modality", "urgency" }.Select(key => decision[key]?.GetValue<string>() ?? "-"));

    [Fact]
    public void A_candidate_equal_to_the_current_policy_changes_nothing()
    {
        var (changes, summary) = Report(InProcessCli.Run("policy", "what-if", "--current", Tuned, "--policy", Tuned, "--format", "jsonl", SampleFiles.Directory));

        changes.Should().BeEmpty();
        summary["changed"]!.GetValue<int>().Should().Be(0);
        summary["rules"]!.AsArray().Should().BeEmpty();
        summary["crossTable"]!.AsArray().Should().OnlyContain(row => row!["before"]!.GetValue<int>() == row["after"]!.GetValue<int>());
    }

    [Fact]
    public void A_malformed_candidate_is_refused_with_every_problem_and_nothing_is_reported()
    {
        var candidate = JsonNode.Parse(File.ReadAllText(Tuned))!.AsObject();
        candidate["thresholds"]!["phq9"]!["subthresholdBelow"] = 0;
        candidate["thresholds"]!["course"]!.AsObject().Remove("chronicEpisodeMonthsAtLeast");
        candidate["thresholds"]!["mdq"]!["positiveImpairmentAtLeast"] = "severe";
        var path = temp.Write("candidate.json", candidate.ToJsonString());

        var result = InProcessCli.Run("policy", "what-if", "--policy", path, SampleFiles.Directory);

        result.ExitCode.Should().Be(ExitCodes.UsageError);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("(3 problems)").And.Contain("$.thresholds.phq9.subthresholdBelow: must be from 1 to 27, found 0")
            .And.Contain("$.thresholds.mdq.positiveImpairmentAtLeast: must be one of none, minor, moderate, serious, found \"severe\"")
            .And.Contain("$.thresholds.course.chronicEpisodeMonthsAtLeast: is missing");
        InProcessCli.Run("policy", "what-if", SampleFiles.Directory).ExitCode.Should().Be(ExitCodes.UsageError, "--policy is required");
    }

    [Fact]
    public void Since_keeps_the_forms_received_from_that_day()
    {
        var (changes, summary) = Report(InProcessCli.Run("policy", "what-if", "--policy", Tuned, "--since", "2026-11-06", "--format", "jsonl", SampleFiles.Directory));

        // 0206-0212 were received on 6 November and 0301-0308 on 9 and 10 November; 0207 and 0308 change.
        summary["forms"]!.GetValue<int>().Should().Be(15);
        changes.Select(change => change["referralId"]!.GetValue<string>()).Should().Equal("SMP-0207", "SMP-0308");
        InProcessCli.Run("policy", "what-if", "--policy", Tuned, "--since", "last week", SampleFiles.Directory).ExitCode.Should().Be(ExitCodes.UsageError);
    }

    [Fact]
    public async Task Stored_referrals_are_re_screened_as_their_forms_are_and_their_decisions_are_unchanged()
    {
        var records = Path.Combine(temp.Path, "records.db");
        var store = await SqliteRecordStore.OpenAsync(records);
        var policy = PolicyFile.LoadDefault();
        var at = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        foreach (var (name, i) in SampleFiles.ValidFormNames.Select((name, i) => (name, i)))
        {
            var form = await File.ReadAllBytesAsync(SampleFiles.Valid(name));
            var decision = Screening.Screen(form, name, policy);
            await store.AddAsync(new NewReferral(decision.ReferralId, at.AddMinutes(i), form));
            await store.RecordDecisionAsync(decision.ReferralId, decision, DecisionJson.ToJson(decision), ReferralStatus.Screened,
                new AuditEntry(decision.ReferralId, at.AddMinutes(i), AuditStep.Screened, Actors.System, []));
        }
        async Task<List<string>> StoredAsync()
        {
            var rows = new List<string>();
            foreach (var name in SampleFiles.ValidFormNames)
            {
                var record = (await store.FindAsync(SampleFiles.ReferralIdOf(name)))!;
                rows.Add($"{record.Status} {record.UpdatedAt:O} {record.DecisionJson} {record.Routing} {(await store.ReadAuditAsync(record.ReferralId)).Count}");
            }
            return rows;
        }
        var before = await StoredAsync();

        var stored = InProcessCli.Run("policy", "what-if", "--policy", Tuned, "--data", temp.Path, "--format", "jsonl");
        var forms = InProcessCli.Run("policy", "what-if", "--policy", Tuned, SampleFiles.Directory, "--format", "jsonl");

        stored.ExitCode.Should().Be(ExitCodes.Success, stored.Stderr);
        stored.Stdout.Should().Be(forms.Stdout);
        (await StoredAsync()).Should().Equal(before);
        var (_, late) = Report(InProcessCli.Run("policy", "what-if", "--policy", Tuned, "--data", temp.Path, "--since", "2026-11-20T09:30:00Z", "--format", "jsonl"));
        late["forms"]!.GetValue<int>().Should().Be(37 - 30, "with --data, --since is when the referral arrived");
    }

    [Fact]
    public void A_data_directory_without_records_or_with_forms_as_well_is_refused()
    {
        var empty = InProcessCli.Run("policy", "what-if", "--policy", Tuned, "--data", temp.Path);
        var both = InProcessCli.Run("policy", "what-if", "--policy", Tuned, "--data", temp.Path, SampleFiles.Directory);

        empty.ExitCode.Should().Be(ExitCodes.UsageError);
        empty.Stderr.Should().Contain("no referrals are stored in").And.Contain("records.db");
        File.Exists(Path.Combine(temp.Path, "records.db")).Should().BeFalse("a what-if never creates a database");
        both.ExitCode.Should().Be(ExitCodes.UsageError);
        both.Stderr.Should().Contain("not both");
    }

    [Fact]
    public void The_table_and_csv_formats_list_the_same_changes()
    {
        var table = InProcessCli.Run("policy", "what-if", "--policy", Tuned, SampleFiles.Directory);
        var csv = InProcessCli.Run("policy", "what-if", "--policy", Tuned, "--format", "csv", SampleFiles.Directory);

        table.ExitCode.Should().Be(ExitCodes.Success);
        table.Stdout.Should().Contain("37 forms (0 invalid): 4 decided differently under north-clinic-2.1 than under 1.0.0")
            .And.Contain("+chronic-depression").And.Contain("-trauma-symptoms").And.Contain("FL-ALCOHOL");
        var rows = csv.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        rows[0].Should().StartWith("referralId,outcomeBefore,outcomeAfter,pathwayBefore,pathwayAfter,");
        rows.Skip(1).Select(row => row.Split(',')[0]).Should().Equal("SMP-0104", "SMP-0110", "SMP-0207", "SMP-0308");
        rows.Single(row => row.StartsWith("SMP-0207", StringComparison.Ordinal)).Should()
            .Be("SMP-0207,routed,routed,alternative,ipt,trauma-focused-therapy,,routine,routine,,,trauma-symptoms,,anxiety-moderate-or-worse,anxiety-moderate-or-worse,RT-IPT,EX-TRAUMA");
        csv.Stderr.Should().Contain("4 decided differently");
        // Codes and ids only: no name, address, phone, date of birth or free text from any form reaches either stream.
        foreach (var name in SampleFiles.ValidFormNames)
        {
            var form = JsonNode.Parse(File.ReadAllText(SampleFiles.Valid(name)))!;
            var personal = new[]
            {
                form["client"]!["givenName"], form["client"]!["familyName"], form["client"]!["email"], form["client"]!["phone"],
                form["client"]!["dateOfBirth"], form["referrer"]!["name"], form["referrer"]!["email"], form["presentation"]!["summary"],
            }.OfType<JsonNode>().Select(value => value.GetValue<string>());
            foreach (var value in personal)
                (table.Stdout + table.Stderr + csv.Stdout + csv.Stderr).Should().NotContain(value, $"{name} holds it");
        }
    }
}
