using IptTriage.Triage.Intake;
using IptTriage.Triage.Scoring;
using static IptTriage.Triage.Decisions.Rules;

namespace IptTriage.Triage.Decisions;

/// <summary>The pathway and what set it: the reasons (the <c>RT-</c> rule, then <c>MED-</c> rules), their flags and
/// the adaptations.</summary>
internal sealed record Route(
    Pathway Pathway,
    Modality? Modality,
    Reason[] Reasons,
    WireCodeSet<Flag> Flags,
    WireCodeSet<Adaptation> Adaptations)
{
    /// <summary>With any exclusion none of section 3 fires: no reasons, flags or adaptations from it.</summary>
    public static Route Excluded(Modality modality) => new(Pathway.Alternative, modality, [], default, default);
}

/// <summary><c>docs/triage-policy.md</c> section 3: the pathway when nothing excludes.</summary>
internal static class PathwayRules
{
    public static readonly IReadOnlyList<FlagRule> MedicationIndicators =
    [
        new(RuleIds.MedSevere, Flag.SevereDepression, c =>
            When(c.Scores.Phq9.Total >= c.Policy.Phq9.SevereDepressionAtLeast,
                $"PHQ-9 total {c.Scores.Phq9.Total} is at or above {c.Policy.Phq9.SevereDepressionAtLeast}")),
        new(RuleIds.MedChronic, Flag.ChronicDepression, c =>
            When(c.Presentation.EpisodeDurationMonths >= c.Policy.Course.ChronicEpisodeMonthsAtLeast,
                $"Episode duration {c.Presentation.EpisodeDurationMonths} months is at or above {c.Policy.Course.ChronicEpisodeMonthsAtLeast} months")),
        new(RuleIds.MedRecurrent, Flag.RecurrentDepression, c =>
            When(c.Presentation.PreviousEpisodes >= c.Policy.Course.RecurrentPreviousEpisodesAtLeast,
                $"Previous episodes {c.Presentation.PreviousEpisodes} is at or above {c.Policy.Course.RecurrentPreviousEpisodesAtLeast}")),
        new(RuleIds.MedResistant, Flag.TreatmentResistant, c =>
            When(c.Clinician.TreatmentResistant, "Clinician reports treatment-resistant depression")),
        new(RuleIds.MedBipolar, Flag.BipolarSpectrum, c => AnyOf(
            c.Scores.Mdq is { Positive: true } ? MdqPositive(c) : null,
            When(c.Clinician.BipolarHistory, "Clinician reports a history of bipolar disorder"))),
        new(RuleIds.MedPreference, Flag.CombinedPreference, c =>
            When(c.Presentation.TreatmentPreference == TreatmentPreference.Combined, "Client prefers therapy combined with medication")),
    ];

    public static Route Evaluate(TriageContext context)
    {
        if (!context.HasProblemAreas && context.Clinician.PredominantCognitiveDistortions)
        {
            return new Route(Pathway.Alternative, Modality.Cbt,
                [new(RuleIds.RtCbt, "No interpersonal problem area and the clinician reports predominant cognitive distortions: CBT fits better")],
                WireCodeSet<Flag>.Of(Flag.NoInterpersonalFocus), default);
        }
        var indicators = MedicationIndicators.Fire(context);
        var reasons = new Reason[indicators.Length + 1];
        var flags = new WireCodeSet<Flag>();
        for (var i = 0; i < indicators.Length; i++)
        {
            reasons[i + 1] = indicators[i].Reason;
            flags.Add(indicators[i].Rule.Flag);
        }
        reasons[0] = indicators.Length > 0
            ? new Reason(RuleIds.RtMedication,
                $"Medication indicators fired ({string.Join(", ", Array.ConvertAll(indicators, i => i.Rule.Id))}): IPT with medication")
            : new Reason(RuleIds.RtIpt, "No exclusion and no medication indicator fired: IPT");
        return new Route(
            indicators.Length > 0 ? Pathway.IptWithMedication : Pathway.Ipt,
            Modality: null,
            reasons,
            flags,
            Adaptations(context, bipolarSpectrum: flags.Contains(Flag.BipolarSpectrum)));
    }

    private static string MdqPositive(TriageContext c)
    {
        var mdq = c.Form.Instruments.Mdq!;
        return $"MDQ is positive: {InstrumentScoring.CountYes(mdq.Symptoms)} of 13 symptoms, in the same period, with {WireCode.Of(mdq.Impairment)} problems";
    }

    private static WireCodeSet<Adaptation> Adaptations(TriageContext c, bool bipolarSpectrum)
    {
        var adaptations = new WireCodeSet<Adaptation>();
        if (bipolarSpectrum) adaptations.Add(Adaptation.Ipsrt);
        // Below the minimum age the client is excluded, so no IPT pathway reaches here.
        if (c.AgeYears < c.Policy.Age.AdolescentBelowYears) adaptations.Add(Adaptation.IptA);
        if (c.Presentation.EatingDisorder is EatingDisorder.Bulimia or EatingDisorder.BingeEating) adaptations.Add(Adaptation.IptEd);
        if (c.AgeYears >= c.Policy.Age.LateLifeFromYears) adaptations.Add(Adaptation.IptLateLife);
        if (c.Presentation.Perinatal) adaptations.Add(Adaptation.IptPerinatal);
        return adaptations;
    }
}
