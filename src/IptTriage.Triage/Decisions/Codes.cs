namespace IptTriage.Triage.Decisions;

/// <summary>Exclusion codes (<c>docs/triage-policy.md</c> section 2); on the wire via <see cref="WireCode"/>.</summary>
public enum Exclusion { AcuteRisk, UnderAge, Psychosis, Mania, SeverePersonalityDisorder, TraumaSymptoms, Anorexia }

/// <summary>Flag codes (<c>docs/triage-policy.md</c> sections 3–5); on the wire via <see cref="WireCode"/>.</summary>
public enum Flag
{
    SevereDepression,
    ChronicDepression,
    RecurrentDepression,
    TreatmentResistant,
    BipolarSpectrum,
    CombinedPreference,
    RiskAssessmentNeeded,
    NoInterpersonalFocus,
    SubthresholdSymptoms,
    PersonalityDisorderOther,
    NoShareConsent,
    SuicidalIdeationReported,
    HazardousAlcoholUse,
    AnxietyModerateOrWorse,
    EngagementRisk,
    ConsiderCbtElements,
    ContactByPhone,
}

/// <summary>Rule ids exactly as the triage policy names them; <see cref="Reason.Rule"/> holds one of these.</summary>
internal static class RuleIds
{
    public const string ExAcuteRisk = "EX-ACUTE-RISK";
    public const string ExUnderAge = "EX-UNDER-AGE";
    public const string ExPsychosis = "EX-PSYCHOSIS";
    public const string ExMania = "EX-MANIA";
    public const string ExSeverePd = "EX-SEVERE-PD";
    public const string ExTrauma = "EX-TRAUMA";
    public const string ExAnorexia = "EX-ANOREXIA";

    public const string RtCbt = "RT-CBT";
    public const string RtMedication = "RT-MEDICATION";
    public const string RtIpt = "RT-IPT";

    public const string MedSevere = "MED-SEVERE";
    public const string MedChronic = "MED-CHRONIC";
    public const string MedRecurrent = "MED-RECURRENT";
    public const string MedResistant = "MED-RESISTANT";
    public const string MedBipolar = "MED-BIPOLAR";
    public const string MedPreference = "MED-PREFERENCE";

    public const string RvRisk = "RV-RISK";
    public const string RvNoFocus = "RV-NO-FOCUS";
    public const string RvSubthreshold = "RV-SUBTHRESHOLD";
    public const string RvPdOther = "RV-PD-OTHER";
    public const string RvNoConsent = "RV-NO-CONSENT";

    public const string FlIdeation = "FL-IDEATION";
    public const string FlAlcohol = "FL-ALCOHOL";
    public const string FlAnxiety = "FL-ANXIETY";
    public const string FlIsolation = "FL-ISOLATION";
    public const string FlCognitive = "FL-COGNITIVE";
    public const string FlPhone = "FL-PHONE";
}
