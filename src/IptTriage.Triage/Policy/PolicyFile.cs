using System.Text.Json;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Scoring;

namespace IptTriage.Triage.Policy;

/// <summary>Reads a triage policy file (<c>docs/policy-file.md</c>). Every key is required and no other is allowed, so
/// a misspelt setting cannot silently fall back to a default.</summary>
public static class PolicyFile
{
    private const string DefaultResourceName = "IptTriage.Triage.default-policy.json";

    // Instrument ranges from docs/triage-policy.md, section 1.
    private const int Phq9Max = 27, Phq9ItemMax = 3, Gad7Max = 21, PqbDistressMax = 21 * 5, MdqSymptoms = 13;
    private const int MsiBpdItems = 10, PcPtsd5Items = 5, AuditCMax = 12, EpisodeMonthsMax = 600;
    private const int AgeMax = 150, PreviousEpisodesMax = 100;

    public static TriagePolicy LoadDefault()
    {
        using var stream = typeof(PolicyFile).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"embedded resource {DefaultResourceName} is missing from the build");
        return Load(stream, "built-in default-policy.json");
    }

    /// <exception cref="PolicyFileException">The file is malformed or inconsistent; the message names
    /// <paramref name="sourceName"/> and lists every problem with its JSON path.</exception>
    public static TriagePolicy Load(Stream utf8Json, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException e)
        {
            // The reader's own message ends with its zero-based position, which is given here one-based instead.
            var what = e.Message.Split(" LineNumber:")[0].TrimEnd();
            throw Invalid(sourceName, [new FieldError("$", $"not well-formed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {what}")]);
        }
        using (document)
        {
            var reader = new PolicyReader();
            var policy = Read(reader, document.RootElement);
            return reader.Problems.Count == 0 ? policy : throw Invalid(sourceName, reader.Problems);
        }
    }

    private static PolicyFileException Invalid(string sourceName, IReadOnlyList<FieldError> problems) =>
        new($"Policy file '{sourceName}' is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):"
            + string.Concat(problems.Select(p => $"{Environment.NewLine}  {p.Path}: {p.Message}")), problems);

    // Sections are read in the default file's order, so problems are listed in the order a reader meets them.
    private static TriagePolicy Read(PolicyReader r, JsonElement root)
    {
        var file = r.Root(root, "policyVersion", "description", "thresholds");
        var version = r.String(file, "policyVersion", allowBlank: false);
        var description = r.String(file, "description", allowBlank: true);
        var thresholds = r.Object(file, "thresholds", "phq9", "gad7", "pqb", "mdq", "msiBpd", "pcPtsd5", "auditC", "age", "course");

        var phq9 = r.Object(thresholds, "phq9", "severityBands", "severeDepressionAtLeast", "subthresholdBelow", "ideationItem9AtLeast");
        var phq9Thresholds = new Phq9Thresholds(
            SeverityBands(r, phq9, Phq9Max, Severity.Minimal, Severity.Mild, Severity.Moderate, Severity.ModeratelySevere, Severity.Severe),
            SevereDepressionAtLeast: r.Int(phq9, "severeDepressionAtLeast", 1, Phq9Max),
            SubthresholdBelow: r.Int(phq9, "subthresholdBelow", 1, Phq9Max),
            IdeationItem9AtLeast: r.Int(phq9, "ideationItem9AtLeast", 1, Phq9ItemMax));

        var gad7 = r.Object(thresholds, "gad7", "severityBands", "anxietyFlagAtLeast");
        var gad7Thresholds = new Gad7Thresholds(
            SeverityBands(r, gad7, Gad7Max, Severity.Minimal, Severity.Mild, Severity.Moderate, Severity.Severe),
            AnxietyFlagAtLeast: r.Int(gad7, "anxietyFlagAtLeast", 1, Gad7Max));

        var pqb = new PqbThresholds(r.Int(r.Object(thresholds, "pqb", "positiveDistressAtLeast"), "positiveDistressAtLeast", 1, PqbDistressMax));

        var mdq = r.Object(thresholds, "mdq", "positiveSymptomsAtLeast", "positiveImpairmentAtLeast");
        var mdqThresholds = new MdqThresholds(
            PositiveSymptomsAtLeast: r.Int(mdq, "positiveSymptomsAtLeast", 1, MdqSymptoms),
            PositiveImpairmentAtLeast: r.Code<MdqImpairment>(mdq, "positiveImpairmentAtLeast"));

        var msiBpd = new MsiBpdThresholds(r.Int(r.Object(thresholds, "msiBpd", "positiveTotalAtLeast"), "positiveTotalAtLeast", 1, MsiBpdItems));
        var pcPtsd5 = new PcPtsd5Thresholds(r.Int(r.Object(thresholds, "pcPtsd5", "positiveTotalAtLeast"), "positiveTotalAtLeast", 1, PcPtsd5Items));

        var auditC = r.Object(r.Object(thresholds, "auditC", "positiveTotalAtLeast"), "positiveTotalAtLeast", "male", "otherwise");
        var auditCThresholds = new AuditCThresholds(
            PositiveTotalAtLeastMale: r.Int(auditC, "male", 1, AuditCMax),
            PositiveTotalAtLeastOtherwise: r.Int(auditC, "otherwise", 1, AuditCMax));

        var age = Age(r, r.Object(thresholds, "age", "minimumYears", "adolescentBelowYears", "lateLifeFromYears"));

        var course = r.Object(thresholds, "course", "chronicEpisodeMonthsAtLeast", "recurrentPreviousEpisodesAtLeast");
        var courseThresholds = new CourseThresholds(
            ChronicEpisodeMonthsAtLeast: r.Int(course, "chronicEpisodeMonthsAtLeast", 1, EpisodeMonthsMax),
            RecurrentPreviousEpisodesAtLeast: r.Int(course, "recurrentPreviousEpisodesAtLeast", 1, PreviousEpisodesMax));

        return new TriagePolicy(version, description, phq9Thresholds, gad7Thresholds, pqb, mdqThresholds, msiBpd, pcPtsd5,
            auditCThresholds, age, courseThresholds);
    }

    private static AgeThresholds Age(PolicyReader r, Section? age)
    {
        var before = r.Problems.Count;
        var thresholds = new AgeThresholds(
            MinimumYears: r.Int(age, "minimumYears", 1, AgeMax),
            AdolescentBelowYears: r.Int(age, "adolescentBelowYears", 1, AgeMax),
            LateLifeFromYears: r.Int(age, "lateLifeFromYears", 1, AgeMax));
        // Only compare ages that were each read correctly; a bad value is reported once, where it is.
        if (age is { } section && r.Problems.Count == before
            && !(thresholds.MinimumYears < thresholds.AdolescentBelowYears && thresholds.AdolescentBelowYears <= thresholds.LateLifeFromYears))
        {
            r.Problem(section.Path, $"must satisfy minimumYears < adolescentBelowYears <= lateLifeFromYears, found "
                + $"{thresholds.MinimumYears}, {thresholds.AdolescentBelowYears}, {thresholds.LateLifeFromYears}");
        }
        return thresholds;
    }

    /// <summary>One <c>[from, to]</c> pair per severity, keyed by severity code; together they must cover 0 to
    /// <paramref name="max"/> without gap or overlap, in severity order.</summary>
    private static SeverityBands SeverityBands(PolicyReader r, Section? instrument, int max, params Severity[] severities)
    {
        var section = r.Object(instrument, "severityBands", Array.ConvertAll(severities, WireCode.Of));
        var bands = new List<SeverityBand>(severities.Length);
        // Null once a band could not be read: later bands are then checked only for their own values.
        int? expectedFrom = 0;
        foreach (var severity in severities)
        {
            if (r.Property(section, WireCode.Of(severity)) is not { } value)
            {
                expectedFrom = null;
                continue;
            }
            var before = r.Problems.Count;
            var (from, to) = (0, 0);
            if (value.Element.ValueKind != JsonValueKind.Array || value.Element.GetArrayLength() != 2)
            {
                r.Problem(value.Path, "must be a [from, to] pair of whole numbers");
            }
            else
            {
                from = r.AsInt(value.Element[0], $"{value.Path}[0]", 0, max);
                to = r.AsInt(value.Element[1], $"{value.Path}[1]", 0, max);
            }
            if (r.Problems.Count != before)
            {
                expectedFrom = null;
                continue;
            }
            if (expectedFrom is { } start && from != start)
            {
                r.Problem(value.Path, start == 0
                    ? $"must start at 0, found {from}"
                    : $"must start at {start}, right after the previous band, found {from}");
            }
            if (to < from) r.Problem(value.Path, $"ends at {to}, before it starts at {from}");
            bands.Add(new SeverityBand(severity, from, to));
            expectedFrom = to + 1;
        }
        if (expectedFrom is { } end && bands.Count == severities.Length && end != max + 1)
        {
            r.Problem(section!.Value.PathOf(WireCode.Of(severities[^1])), $"must end at {max}, the instrument's maximum, found {end - 1}");
        }
        return new SeverityBands(bands);
    }
}

/// <param name="problems">Every problem, each at its JSON path (<c>$.thresholds.phq9.subthresholdBelow</c>), as the
/// message lists them: for an answer that names each one (<c>POST /api/policy/what-if</c>).</param>
public sealed class PolicyFileException(string message, IReadOnlyList<FieldError> problems) : Exception(message)
{
    public IReadOnlyList<FieldError> Problems { get; } = problems;
}
