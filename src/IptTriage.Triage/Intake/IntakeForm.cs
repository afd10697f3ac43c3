namespace IptTriage.Triage.Intake;

/// <summary>An intake form, contract v1 (<c>docs/intake-form.md</c>). Only a validated form is ever constructed;
/// optional fields carry the spec's defaults already applied.</summary>
public sealed record IntakeForm(
    string SchemaVersion,
    string ReferralId,
    DateTimeOffset ReceivedAt,
    Referrer Referrer,
    Client Client,
    Presentation Presentation,
    Instruments Instruments,
    ClinicianObservations Clinician)
{
    /// <summary>The calendar date of <see cref="ReceivedAt"/> as written, in its own offset: the date ages are counted
    /// on. Usually <c>ReceivedAt</c>'s own date; it differs only for an offset beyond ±14:00, which RFC 3339 allows
    /// but <see cref="DateTimeOffset"/> cannot hold, so such a <c>ReceivedAt</c> is kept as the same instant in UTC.</summary>
    public DateOnly ReceivedOn
    {
        get => writtenOnOverride ?? DateOnly.FromDateTime(ReceivedAt.DateTime);
        // Kept only where it differs, so a copy made `with { ReceivedAt = ... }` never carries a stale date.
        init => writtenOnOverride = value == DateOnly.FromDateTime(ReceivedAt.DateTime) ? null : value;
    }

    private readonly DateOnly? writtenOnOverride;
}

public sealed record Referrer(ReferrerKind Kind, string? Name, string? Organisation, string? Email);

public sealed record Client(
    string GivenName,
    string FamilyName,
    DateOnly DateOfBirth,
    Sex Sex,
    string? Email,
    string? Phone,
    string PreferredLanguage,
    string? Region,
    Consent Consent);

public sealed record Consent(bool ContactByEmail, bool ShareWithClinic);

public sealed record Presentation(
    string? Summary,
    IReadOnlyList<ProblemArea> ProblemAreas,
    int EpisodeDurationMonths,
    int PreviousEpisodes,
    bool Perinatal,
    TreatmentPreference TreatmentPreference,
    EatingDisorder EatingDisorder);

/// <summary>Raw questionnaire answers; absent instruments are null. Arrays have the lengths the contract fixes.</summary>
public sealed record Instruments(
    IReadOnlyList<int> Phq9,
    IReadOnlyList<int>? Gad7,
    Cssrs? Cssrs,
    IReadOnlyList<int>? Pqb,
    Mdq? Mdq,
    IReadOnlyList<bool>? MsiBpd,
    PcPtsd5? PcPtsd5,
    IReadOnlyList<int>? AuditC);

public sealed record Cssrs(
    bool WishDead,
    bool SuicidalThoughts,
    bool ThoughtsWithMethod,
    bool Intent,
    bool PlanWithIntent,
    bool BehaviorEver,
    bool BehaviorPast3Months);

public sealed record Mdq(IReadOnlyList<bool> Symptoms, bool SameTimePeriod, MdqImpairment Impairment);

public sealed record PcPtsd5(bool TraumaExposure, IReadOnlyList<bool> Items);

public sealed record ClinicianObservations(
    bool CurrentCrisis = false,
    bool PsychoticSymptoms = false,
    bool CurrentMania = false,
    bool BipolarHistory = false,
    bool TraumaFlashbacks = false,
    bool SevereSocialIsolation = false,
    bool PredominantCognitiveDistortions = false,
    bool TreatmentResistant = false,
    PersonalityDisorder PersonalityDisorder = PersonalityDisorder.None);
