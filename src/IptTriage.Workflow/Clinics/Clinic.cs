using IptTriage.Triage.Decisions;

namespace IptTriage.Workflow.Clinics;

/// <summary>A clinic in the directory. <see cref="Capacity"/> is the number of cases it can hold at once; what is in
/// use lives in the capacity ledger, not here.</summary>
public sealed record Clinic(
    string Id,
    string Name,
    string Email,
    IReadOnlyList<string> Regions,
    bool Telehealth,
    IReadOnlyList<string> Languages,
    IReadOnlyList<Pathway> Pathways,
    IReadOnlyList<Modality> Modalities,
    IReadOnlyList<Adaptation> Adaptations,
    int Capacity,
    int? MinAge = null,
    int? MaxAge = null);

/// <summary>What a case needs from a clinic: no personal data beyond the catchment region, language and age in whole
/// years (on the day the referral was received).</summary>
public sealed record PlacementNeed(
    Pathway Pathway,
    Modality? Modality,
    IReadOnlyList<Adaptation> Adaptations,
    string? Region,
    string Language,
    int AgeYears);
