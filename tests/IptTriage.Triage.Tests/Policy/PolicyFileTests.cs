using System.Text;
using System.Text.Json.Nodes;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;
using IptTriage.Triage.Scoring;

namespace IptTriage.Triage.Tests.Policy;

public sealed class PolicyFileTests
{
    private static readonly string NewLine = Environment.NewLine;

    [Fact]
    public void Default_policy_holds_the_published_cut_offs()
    {
        var policy = PolicyFile.LoadDefault();

        policy.Version.Should().Be("1.0.0");
        policy.Phq9.SeverityBands.Bands.Should().Equal(
            new SeverityBand(Severity.Minimal, 0, 4), new SeverityBand(Severity.Mild, 5, 9), new SeverityBand(Severity.Moderate, 10, 14),
            new SeverityBand(Severity.ModeratelySevere, 15, 19), new SeverityBand(Severity.Severe, 20, 27));
        policy.Phq9.Should().BeEquivalentTo(new { SevereDepressionAtLeast = 20, SubthresholdBelow = 5, IdeationItem9AtLeast = 1 });
        policy.Gad7.SeverityBands.Bands.Should().Equal(
            new SeverityBand(Severity.Minimal, 0, 4), new SeverityBand(Severity.Mild, 5, 9), new SeverityBand(Severity.Moderate, 10, 14),
            new SeverityBand(Severity.Severe, 15, 21));
        policy.Gad7.AnxietyFlagAtLeast.Should().Be(10);
        policy.Pqb.Should().Be(new PqbThresholds(6));
        policy.Mdq.Should().Be(new MdqThresholds(7, MdqImpairment.Moderate));
        policy.MsiBpd.Should().Be(new MsiBpdThresholds(7));
        policy.PcPtsd5.Should().Be(new PcPtsd5Thresholds(3));
        policy.AuditC.Should().Be(new AuditCThresholds(4, 3));
        policy.Age.Should().Be(new AgeThresholds(12, 18, 65));
        policy.Course.Should().Be(new CourseThresholds(24, 2));
    }

    [Fact]
    public void Tuned_clinic_policy_loads_with_its_own_version_and_cut_offs()
    {
        var policy = TunedPolicy.Load();

        policy.Version.Should().Be("north-clinic-2.1");
        policy.Phq9.SevereDepressionAtLeast.Should().Be(18);
        policy.PcPtsd5.Should().Be(new PcPtsd5Thresholds(4));
        policy.AuditC.Should().Be(new AuditCThresholds(5, 4));
        policy.Age.Should().Be(new AgeThresholds(12, 19, 65));
        policy.Course.Should().Be(new CourseThresholds(18, 2));
    }

    [Fact]
    public void Malformed_json_is_refused_with_its_position()
    {
        var load = () => Load("{\n  \"policyVersion\": \"1.0.0\",\n  \"thresholds\": {,\n}", "clinic.json");

        load.Should().Throw<PolicyFileException>().WithMessage(
            $"Policy file 'clinic.json' is invalid (1 problem):{NewLine}  $: not well-formed JSON at line 3, byte 18: ',' is an invalid start of a property name. Expected a '\"'.");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var load = () => Load("", "empty.json");

        load.Should().Throw<PolicyFileException>().WithMessage("Policy file 'empty.json' is invalid (1 problem):*$: not well-formed JSON*");
    }

    [Fact]
    public void A_misspelt_key_is_refused_as_unknown_and_its_setting_as_missing()
    {
        var load = () => LoadDefaultWith(policy =>
        {
            var phq9 = policy["thresholds"]!["phq9"]!.AsObject();
            phq9.Remove("severeDepressionAtLeast");
            phq9["severeDepressionTotal"] = 20;
        });

        load.Should().Throw<PolicyFileException>().WithMessage(
            $"Policy file 'test.json' is invalid (2 problems):"
            + $"{NewLine}  $.thresholds.phq9.severeDepressionTotal: is not a known setting (expected: severityBands, severeDepressionAtLeast, subthresholdBelow, ideationItem9AtLeast)"
            + $"{NewLine}  $.thresholds.phq9.severeDepressionAtLeast: is missing");
    }

    [Fact]
    public void A_missing_section_is_refused()
    {
        var load = () => LoadDefaultWith(policy => policy["thresholds"]!.AsObject().Remove("course"));

        load.Should().Throw<PolicyFileException>().WithMessage(
            $"Policy file 'test.json' is invalid (1 problem):{NewLine}  $.thresholds.course: is missing");
    }

    [Fact]
    public void Wrong_types_are_refused()
    {
        var load = () => LoadDefaultWith(policy =>
        {
            policy["policyVersion"] = 1;
            policy["thresholds"]!["pqb"]!["positiveDistressAtLeast"] = "6";
            policy["thresholds"]!["msiBpd"]!["positiveTotalAtLeast"] = 6.5;
            policy["thresholds"]!["mdq"]!["positiveImpairmentAtLeast"] = "severe";
            policy["thresholds"]!["age"] = new JsonArray(12, 18, 65);
        });

        load.Should().Throw<PolicyFileException>().WithMessage(
            $"Policy file 'test.json' is invalid (5 problems):"
            + $"{NewLine}  $.policyVersion: must be a string, found 1"
            + $"{NewLine}  $.thresholds.pqb.positiveDistressAtLeast: must be a whole number, found \"6\""
            + $"{NewLine}  $.thresholds.mdq.positiveImpairmentAtLeast: must be one of none, minor, moderate, serious, found \"severe\""
            + $"{NewLine}  $.thresholds.msiBpd.positiveTotalAtLeast: must be a whole number, found 6.5"
            + $"{NewLine}  $.thresholds.age: must be an object, found an array");
    }

    [Theory]
    [InlineData("[1, 4]", "$.thresholds.phq9.severityBands.minimal: must start at 0, found 1")]
    [InlineData("[0, 3]", "$.thresholds.phq9.severityBands.mild: must start at 4, right after the previous band, found 5")]
    [InlineData("[0, 5]", "$.thresholds.phq9.severityBands.mild: must start at 6, right after the previous band, found 5")]
    [InlineData("[0, 28]", "$.thresholds.phq9.severityBands.minimal[1]: must be from 0 to 27, found 28")]
    [InlineData("[4, 0]", "$.thresholds.phq9.severityBands.minimal: must start at 0, found 4")]
    [InlineData("[0]", "$.thresholds.phq9.severityBands.minimal: must be a [from, to] pair of whole numbers")]
    public void Inconsistent_phq9_bands_are_refused(string minimal, string problem)
    {
        var load = () => LoadDefaultWith(policy => policy["thresholds"]!["phq9"]!["severityBands"]!["minimal"] = JsonNode.Parse(minimal));

        load.Should().Throw<PolicyFileException>().Which.Message.Should().Contain(problem);
    }

    [Fact]
    public void Bands_must_be_ascending_and_end_at_the_instrument_maximum()
    {
        var load = () => LoadDefaultWith(policy =>
        {
            var bands = policy["thresholds"]!["gad7"]!["severityBands"]!;
            bands["moderate"] = new JsonArray(10, 9);
            bands["severe"] = new JsonArray(10, 20);
        });

        load.Should().Throw<PolicyFileException>().WithMessage(
            $"Policy file 'test.json' is invalid (2 problems):"
            + $"{NewLine}  $.thresholds.gad7.severityBands.moderate: ends at 9, before it starts at 10"
            + $"{NewLine}  $.thresholds.gad7.severityBands.severe: must end at 21, the instrument's maximum, found 20");
    }

    [Fact]
    public void Gad7_has_no_moderately_severe_band()
    {
        var load = () => LoadDefaultWith(policy => policy["thresholds"]!["gad7"]!["severityBands"]!["moderately-severe"] = new JsonArray(15, 19));

        load.Should().Throw<PolicyFileException>().Which.Message.Should().Contain(
            "$.thresholds.gad7.severityBands.moderately-severe: is not a known setting (expected: minimal, mild, moderate, severe)");
    }

    [Theory]
    [InlineData("male", 13, "$.thresholds.auditC.positiveTotalAtLeast.male: must be from 1 to 12, found 13")]
    [InlineData("otherwise", 0, "$.thresholds.auditC.positiveTotalAtLeast.otherwise: must be from 1 to 12, found 0")]
    public void Audit_c_cut_offs_are_within_the_instrument_range(string key, int value, string problem)
    {
        var load = () => LoadDefaultWith(policy => policy["thresholds"]!["auditC"]!["positiveTotalAtLeast"]![key] = value);

        load.Should().Throw<PolicyFileException>().WithMessage($"Policy file 'test.json' is invalid (1 problem):{NewLine}  {problem}");
    }

    [Theory]
    [InlineData(18, 18, 65)]
    [InlineData(12, 66, 65)]
    public void Age_thresholds_must_be_ordered(int minimum, int adolescentBelow, int lateLifeFrom)
    {
        var load = () => LoadDefaultWith(policy => policy["thresholds"]!["age"] = new JsonObject
        {
            ["minimumYears"] = minimum, ["adolescentBelowYears"] = adolescentBelow, ["lateLifeFromYears"] = lateLifeFrom,
        });

        load.Should().Throw<PolicyFileException>().WithMessage(
            $"Policy file 'test.json' is invalid (1 problem):{NewLine}  $.thresholds.age: must satisfy minimumYears < adolescentBelowYears"
            + $" <= lateLifeFromYears, found {minimum}, {adolescentBelow}, {lateLifeFrom}");
    }

    [Fact]
    public void Equal_adolescent_and_late_life_ages_are_allowed()
    {
        LoadDefaultWith(policy => policy["thresholds"]!["age"]!["lateLifeFromYears"] = 18).Age.Should().Be(new AgeThresholds(12, 18, 18));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Version_must_not_be_empty(string version)
    {
        var load = () => LoadDefaultWith(policy => policy["policyVersion"] = version);

        load.Should().Throw<PolicyFileException>().WithMessage($"Policy file 'test.json' is invalid (1 problem):{NewLine}  $.policyVersion: must not be empty");
    }

    [Fact]
    public void Duplicate_keys_are_refused()
    {
        var json = ReadDefaultText().Replace("\"pqb\": {", "\"pqb\": {\n \"positiveDistressAtLeast\": 3,", StringComparison.Ordinal);
        var load = () => Load(json, "test.json");

        load.Should().Throw<PolicyFileException>().WithMessage(
            $"Policy file 'test.json' is invalid (1 problem):{NewLine}  $.thresholds.pqb.positiveDistressAtLeast: appears more than once");
    }

    [Fact]
    public void A_root_that_is_not_an_object_is_refused()
    {
        var load = () => Load("[]", "test.json");

        load.Should().Throw<PolicyFileException>().WithMessage($"Policy file 'test.json' is invalid (1 problem):{NewLine}  $: must be an object, found an array");
    }

    [Fact]
    public void Every_problem_is_listed_not_just_the_first()
    {
        var load = () => LoadDefaultWith(policy =>
        {
            policy["comment"] = "tuned";
            policy["thresholds"]!["pcPtsd5"]!["positiveTotalAtLeast"] = 6;
            policy["thresholds"]!["course"]!.AsObject().Remove("recurrentPreviousEpisodesAtLeast");
        });

        load.Should().Throw<PolicyFileException>().WithMessage(
            $"Policy file 'test.json' is invalid (3 problems):"
            + $"{NewLine}  $.comment: is not a known setting (expected: policyVersion, description, thresholds)"
            + $"{NewLine}  $.thresholds.pcPtsd5.positiveTotalAtLeast: must be from 1 to 5, found 6"
            + $"{NewLine}  $.thresholds.course.recurrentPreviousEpisodesAtLeast: is missing");
    }

    private static TriagePolicy Load(string json, string sourceName) =>
        PolicyFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), sourceName);

    private static TriagePolicy LoadDefaultWith(Action<JsonObject> change)
    {
        var policy = JsonNode.Parse(ReadDefaultText())!.AsObject();
        change(policy);
        return Load(policy.ToJsonString(), "test.json");
    }

    private static string ReadDefaultText()
    {
        using var stream = typeof(PolicyFile).Assembly.GetManifestResourceStream("IptTriage.Triage.default-policy.json")!;
        return new StreamReader(stream).ReadToEnd();
    }
}
