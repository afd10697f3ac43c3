using System.Globalization;

namespace IptTriage.Triage.Policy;

/// <summary>One setting of a policy file by its JSON path (<c>thresholds.phq9.subthresholdBelow</c>), its value as the
/// file writes it.</summary>
public sealed record PolicySetting(string Path, string Value);

/// <summary>A setting two policies give different values.</summary>
public sealed record SettingDifference(string Path, string First, string Second);

/// <summary>Compares two policies setting by setting, in the policy file's order (<c>docs/policy-file.md</c>).</summary>
public static class PolicyDiff
{
    public static IReadOnlyList<SettingDifference> Between(TriagePolicy first, TriagePolicy second)
    {
        var a = Settings(first);
        var b = Settings(second);
        var differences = new List<SettingDifference>();
        // Both lists have every setting in the same order: a policy cannot be loaded with one missing.
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Value != b[i].Value) differences.Add(new SettingDifference(a[i].Path, a[i].Value, b[i].Value));
        }
        return differences;
    }

    /// <summary>Every setting of <paramref name="policy"/>, one per value of its file; a severity band is one setting
    /// (<c>[5, 9]</c>).</summary>
    public static IReadOnlyList<PolicySetting> Settings(TriagePolicy policy)
    {
        var settings = new List<PolicySetting>();
        void Add(string path, string value) => settings.Add(new PolicySetting(path, value));
        void Number(string path, int value) => Add(path, value.ToString(CultureInfo.InvariantCulture));
        void Bands(string path, SeverityBands bands)
        {
            foreach (var band in bands.Bands) Add($"{path}.severityBands.{WireCode.Of(band.Severity)}", $"[{band.From}, {band.To}]");
        }

        Add("policyVersion", policy.Version);
        Add("description", policy.Description);
        const string t = "thresholds";
        Bands($"{t}.phq9", policy.Phq9.SeverityBands);
        Number($"{t}.phq9.severeDepressionAtLeast", policy.Phq9.SevereDepressionAtLeast);
        Number($"{t}.phq9.subthresholdBelow", policy.Phq9.SubthresholdBelow);
        Number($"{t}.phq9.ideationItem9AtLeast", policy.Phq9.IdeationItem9AtLeast);
        Bands($"{t}.gad7", policy.Gad7.SeverityBands);
        Number($"{t}.gad7.anxietyFlagAtLeast", policy.Gad7.AnxietyFlagAtLeast);
        Number($"{t}.pqb.positiveDistressAtLeast", policy.Pqb.PositiveDistressAtLeast);
        Number($"{t}.mdq.positiveSymptomsAtLeast", policy.Mdq.PositiveSymptomsAtLeast);
        Add($"{t}.mdq.positiveImpairmentAtLeast", WireCode.Of(policy.Mdq.PositiveImpairmentAtLeast));
        Number($"{t}.msiBpd.positiveTotalAtLeast", policy.MsiBpd.PositiveTotalAtLeast);
        Number($"{t}.pcPtsd5.positiveTotalAtLeast", policy.PcPtsd5.PositiveTotalAtLeast);
        Number($"{t}.auditC.positiveTotalAtLeast.male", policy.AuditC.PositiveTotalAtLeastMale);
        Number($"{t}.auditC.positiveTotalAtLeast.otherwise", policy.AuditC.PositiveTotalAtLeastOtherwise);
        Number($"{t}.age.minimumYears", policy.Age.MinimumYears);
        Number($"{t}.age.adolescentBelowYears", policy.Age.AdolescentBelowYears);
        Number($"{t}.age.lateLifeFromYears", policy.Age.LateLifeFromYears);
        Number($"{t}.course.chronicEpisodeMonthsAtLeast", policy.Course.ChronicEpisodeMonthsAtLeast);
        Number($"{t}.course.recurrentPreviousEpisodesAtLeast", policy.Course.RecurrentPreviousEpisodesAtLeast);
        return settings;
    }
}
