using IptTriage.Triage;
using IptTriage.Triage.Intake;

namespace IptTriage.Fhir.Forms;

/// <summary>A validated intake form's answers by form path (the paths of <see cref="Instruments.InstrumentCatalog"/>):
/// what a QuestionnaireResponse filled from the form answers.</summary>
internal static class FormValues
{
    public static Dictionary<string, object> Of(IntakeForm form)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["referrer.kind"] = WireCode.Of(form.Referrer.Kind),
            ["client.consent.contactByEmail"] = form.Client.Consent.ContactByEmail,
            ["client.consent.shareWithClinic"] = form.Client.Consent.ShareWithClinic,
            ["presentation.problemAreas"] = form.Presentation.ProblemAreas.Select(WireCode.Of).ToList(),
            ["presentation.episodeDurationMonths"] = form.Presentation.EpisodeDurationMonths,
            ["presentation.previousEpisodes"] = form.Presentation.PreviousEpisodes,
            ["presentation.perinatal"] = form.Presentation.Perinatal,
            ["presentation.treatmentPreference"] = WireCode.Of(form.Presentation.TreatmentPreference),
            ["presentation.eatingDisorder"] = WireCode.Of(form.Presentation.EatingDisorder),
            ["clinician.currentCrisis"] = form.Clinician.CurrentCrisis,
            ["clinician.psychoticSymptoms"] = form.Clinician.PsychoticSymptoms,
            ["clinician.currentMania"] = form.Clinician.CurrentMania,
            ["clinician.bipolarHistory"] = form.Clinician.BipolarHistory,
            ["clinician.traumaFlashbacks"] = form.Clinician.TraumaFlashbacks,
            ["clinician.severeSocialIsolation"] = form.Clinician.SevereSocialIsolation,
            ["clinician.predominantCognitiveDistortions"] = form.Clinician.PredominantCognitiveDistortions,
            ["clinician.treatmentResistant"] = form.Clinician.TreatmentResistant,
            ["clinician.personalityDisorder"] = WireCode.Of(form.Clinician.PersonalityDisorder),
        };
        if (form.Client.Region is { } region) values["client.region"] = region;
        if (form.Presentation.Summary is { } summary) values["presentation.summary"] = summary;

        var instruments = form.Instruments;
        AddArray(values, "instruments.phq9", instruments.Phq9);
        AddArray(values, "instruments.gad7", instruments.Gad7);
        AddArray(values, "instruments.pqb", instruments.Pqb);
        AddArray(values, "instruments.auditC", instruments.AuditC);
        AddArray(values, "instruments.msiBpd", instruments.MsiBpd);
        if (instruments.Cssrs is { } cssrs)
        {
            values["instruments.cssrs.wishDead"] = cssrs.WishDead;
            values["instruments.cssrs.suicidalThoughts"] = cssrs.SuicidalThoughts;
            values["instruments.cssrs.thoughtsWithMethod"] = cssrs.ThoughtsWithMethod;
            values["instruments.cssrs.intent"] = cssrs.Intent;
            values["instruments.cssrs.planWithIntent"] = cssrs.PlanWithIntent;
            values["instruments.cssrs.behaviorEver"] = cssrs.BehaviorEver;
            values["instruments.cssrs.behaviorPast3Months"] = cssrs.BehaviorPast3Months;
        }
        if (instruments.Mdq is { } mdq)
        {
            AddArray(values, "instruments.mdq.symptoms", mdq.Symptoms);
            values["instruments.mdq.sameTimePeriod"] = mdq.SameTimePeriod;
            values["instruments.mdq.impairment"] = WireCode.Of(mdq.Impairment);
        }
        if (instruments.PcPtsd5 is { } ptsd)
        {
            values["instruments.pcPtsd5.traumaExposure"] = ptsd.TraumaExposure;
            AddArray(values, "instruments.pcPtsd5.items", ptsd.Items);
        }
        return values;
    }

    private static void AddArray<T>(Dictionary<string, object> values, string path, IReadOnlyList<T>? answers) where T : notnull
    {
        for (var i = 0; i < (answers?.Count ?? 0); i++) values[$"{path}[{i}]"] = answers![i];
    }
}
