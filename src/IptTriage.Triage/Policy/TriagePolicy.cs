using IptTriage.Triage.Intake;
using IptTriage.Triage.Scoring;

namespace IptTriage.Triage.Policy;

/// <summary>A versioned set of thresholds (<c>docs/triage-policy.md</c>, <c>docs/policy-file.md</c>). Loaded from a
/// policy file by <see cref="PolicyFile"/>; the default ships embedded in this assembly. Only the cut-offs are here:
/// rule logic, rule ids and codes are fixed by the policy specification.</summary>
public sealed record TriagePolicy(
    string Version,
    string Description,
    Phq9Thresholds Phq9,
    Gad7Thresholds Gad7,
    PqbThresholds Pqb,
    MdqThresholds Mdq,
    MsiBpdThresholds MsiBpd,
    PcPtsd5Thresholds PcPtsd5,
    AuditCThresholds AuditC,
    AgeThresholds Age,
    CourseThresholds Course);

/// <param name="SevereDepressionAtLeast"><c>MED-SEVERE</c> fires at or above this total.</param>
/// <param name="SubthresholdBelow"><c>RV-SUBTHRESHOLD</c> fires below this total.</param>
/// <param name="IdeationItem9AtLeast">Item 9 at or above this counts as ideation (<c>RV-RISK</c>, <c>FL-IDEATION</c>).</param>
public sealed record Phq9Thresholds(SeverityBands SeverityBands, int SevereDepressionAtLeast, int SubthresholdBelow, int IdeationItem9AtLeast);

/// <param name="AnxietyFlagAtLeast"><c>FL-ANXIETY</c> fires at or above this total.</param>
public sealed record Gad7Thresholds(SeverityBands SeverityBands, int AnxietyFlagAtLeast);

public sealed record PqbThresholds(int PositiveDistressAtLeast);

public sealed record MdqThresholds(int PositiveSymptomsAtLeast, MdqImpairment PositiveImpairmentAtLeast);

public sealed record MsiBpdThresholds(int PositiveTotalAtLeast);

public sealed record PcPtsd5Thresholds(int PositiveTotalAtLeast);

/// <param name="PositiveTotalAtLeastOtherwise">For every sex but <c>male</c>: the lower, more sensitive cut-off.</param>
public sealed record AuditCThresholds(int PositiveTotalAtLeastMale, int PositiveTotalAtLeastOtherwise)
{
    public int PositiveTotalAtLeast(Sex sex) => sex == Sex.Male ? PositiveTotalAtLeastMale : PositiveTotalAtLeastOtherwise;
}

/// <param name="MinimumYears"><c>EX-UNDER-AGE</c> fires below this age.</param>
/// <param name="AdolescentBelowYears"><c>ipt-a</c> applies from <paramref name="MinimumYears"/> up to (not including) this age.</param>
/// <param name="LateLifeFromYears"><c>ipt-late-life</c> applies from this age.</param>
public sealed record AgeThresholds(int MinimumYears, int AdolescentBelowYears, int LateLifeFromYears);

/// <param name="ChronicEpisodeMonthsAtLeast"><c>MED-CHRONIC</c> fires at or above this episode duration.</param>
/// <param name="RecurrentPreviousEpisodesAtLeast"><c>MED-RECURRENT</c> fires at or above this many previous episodes.</param>
public sealed record CourseThresholds(int ChronicEpisodeMonthsAtLeast, int RecurrentPreviousEpisodesAtLeast);

/// <summary>Contiguous total ranges, one per severity, from 0 to the instrument's maximum (checked on load).</summary>
public sealed record SeverityBands(IReadOnlyList<SeverityBand> Bands)
{
    public Severity Classify(int total)
    {
        foreach (var band in Bands)
        {
            if (total >= band.From && total <= band.To) return band.Severity;
        }
        // Not the total itself: a score must not reach a log through an exception message.
        throw new ArgumentOutOfRangeException(nameof(total), "outside every severity band");
    }
}

public sealed record SeverityBand(Severity Severity, int From, int To);
