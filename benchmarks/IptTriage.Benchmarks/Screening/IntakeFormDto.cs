using System.Text.Json.Serialization;

namespace IptTriage.Benchmarks.Screening;

// Plain classes mirroring the intake form, for the baseline: what System.Text.Json's fastest practical path
// (source-generated metadata) costs to turn the same bytes into objects, with no validation or decision.
// Code fields stay strings, as the wire has them; unknown properties are rejected, as the contract requires.

public sealed class IntakeFormDto
{
    public string? SchemaVersion { get; set; }
    public string? ReferralId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public ReferrerDto? Referrer { get; set; }
    public ClientDto? Client { get; set; }
    public PresentationDto? Presentation { get; set; }
    public InstrumentsDto? Instruments { get; set; }
    public ClinicianDto? Clinician { get; set; }
}

public sealed class ReferrerDto
{
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Organisation { get; set; }
    public string? Email { get; set; }
}

public sealed class ClientDto
{
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public string? Sex { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? PreferredLanguage { get; set; }
    public string? Region { get; set; }
    public ConsentDto? Consent { get; set; }
}

public sealed class ConsentDto
{
    public bool ContactByEmail { get; set; }
    public bool ShareWithClinic { get; set; }
}

public sealed class PresentationDto
{
    public string? Summary { get; set; }
    public string[]? ProblemAreas { get; set; }
    public int EpisodeDurationMonths { get; set; }
    public int PreviousEpisodes { get; set; }
    public bool Perinatal { get; set; }
    public string? TreatmentPreference { get; set; }
    public string? EatingDisorder { get; set; }
}

public sealed class InstrumentsDto
{
    public int[]? Phq9 { get; set; }
    public int[]? Gad7 { get; set; }
    public CssrsDto? Cssrs { get; set; }
    public int[]? Pqb { get; set; }
    public MdqDto? Mdq { get; set; }
    public bool[]? MsiBpd { get; set; }
    public PcPtsd5Dto? PcPtsd5 { get; set; }
    public int[]? AuditC { get; set; }
}

public sealed class CssrsDto
{
    public bool WishDead { get; set; }
    public bool SuicidalThoughts { get; set; }
    public bool ThoughtsWithMethod { get; set; }
    public bool Intent { get; set; }
    public bool PlanWithIntent { get; set; }
    public bool BehaviorEver { get; set; }
    public bool BehaviorPast3Months { get; set; }
}

public sealed class MdqDto
{
    public bool[]? Symptoms { get; set; }
    public bool SameTimePeriod { get; set; }
    public string? Impairment { get; set; }
}

public sealed class PcPtsd5Dto
{
    public bool TraumaExposure { get; set; }
    public bool[]? Items { get; set; }
}

public sealed class ClinicianDto
{
    public bool CurrentCrisis { get; set; }
    public bool PsychoticSymptoms { get; set; }
    public bool CurrentMania { get; set; }
    public bool BipolarHistory { get; set; }
    public bool TraumaFlashbacks { get; set; }
    public bool SevereSocialIsolation { get; set; }
    public bool PredominantCognitiveDistortions { get; set; }
    public bool TreatmentResistant { get; set; }
    public string? PersonalityDisorder { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(IntakeFormDto))]
public sealed partial class IntakeFormDtoContext : JsonSerializerContext;
