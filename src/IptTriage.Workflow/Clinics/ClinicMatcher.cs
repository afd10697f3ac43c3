using IptTriage.Triage.Decisions;

namespace IptTriage.Workflow.Clinics;

/// <summary>Which clinics could take a case (workflow step 6), in the order to offer it. Capacity is not checked
/// here: the ledger reserves a slot atomically when the case is offered.</summary>
public static class ClinicMatcher
{
    public static IReadOnlyList<Clinic> Candidates(IEnumerable<Clinic> clinics, PlacementNeed need, IReadOnlySet<string> alreadyTried) =>
        clinics
            .Where(clinic => !alreadyTried.Contains(clinic.Id) && Matches(clinic, need))
            // A clinic in the client's own region first: telehealth is the fallback, not the preference.
            .OrderBy(clinic => ServesRegion(clinic, need.Region) ? 0 : 1)
            .ThenBy(clinic => clinic.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether the clinic could take a case with this need (service, adaptations, reach, language, age),
    /// whatever its room.</summary>
    public static bool Matches(Clinic clinic, PlacementNeed need) => Mismatches(clinic, need).Count == 0;

    /// <summary>Whether the clinic offers the pathway, or for an alternative the modality, whatever its adaptations,
    /// region, language and room.</summary>
    public static bool OffersService(Clinic clinic, Pathway pathway, Modality? modality) => pathway == Pathway.Alternative
        ? modality is { } alternative && clinic.Modalities.Contains(alternative)
        : clinic.Pathways.Contains(pathway);

    /// <summary>Whether <paramref name="ageYears"/> is within the clinic's age range (both ends inclusive; a missing end
    /// does not limit).</summary>
    public static bool ServesAge(Clinic clinic, int ageYears) =>
        (clinic.MinAge is not { } min || ageYears >= min) && (clinic.MaxAge is not { } max || ageYears <= max);

    /// <summary>Every reason the clinic does not match the case, capacity aside (empty when it is a candidate), in
    /// <see cref="ClinicMismatch"/> order: the one explanation <see cref="Matches"/> and so <see cref="Candidates"/> use.</summary>
    public static IReadOnlyList<ClinicMismatch> Mismatches(Clinic clinic, PlacementNeed need)
    {
        var mismatches = new List<ClinicMismatch>();
        if (!OffersService(clinic, need.Pathway, need.Modality))
            mismatches.Add(need.Pathway == Pathway.Alternative ? ClinicMismatch.Modality : ClinicMismatch.Pathway);
        if (!need.Adaptations.All(clinic.Adaptations.Contains)) mismatches.Add(ClinicMismatch.Adaptation);
        if (!Reaches(clinic, need.Region)) mismatches.Add(ClinicMismatch.Region);
        if (!Speaks(clinic, need.Language)) mismatches.Add(ClinicMismatch.Language);
        if (!ServesAge(clinic, need.AgeYears)) mismatches.Add(ClinicMismatch.Age);
        return mismatches;
    }

    /// <summary>As <see cref="Mismatches(Clinic, PlacementNeed)"/>, with <see cref="ClinicMismatch.Capacity"/> last when
    /// the clinic has no free slot.</summary>
    public static IReadOnlyList<ClinicMismatch> Mismatches(Clinic clinic, PlacementNeed need, int freeSlots) =>
        freeSlots > 0 ? Mismatches(clinic, need) : [.. Mismatches(clinic, need), ClinicMismatch.Capacity];

    // Without a known region only telehealth can be sure to reach the client.
    private static bool Reaches(Clinic clinic, string? region) => clinic.Telehealth || ServesRegion(clinic, region);

    private static bool ServesRegion(Clinic clinic, string? region) =>
        region is not null && clinic.Regions.Contains(region, StringComparer.OrdinalIgnoreCase);

    // BCP-47 tags match on their primary language subtag: a clinic speaking "es" serves "es-MX".
    private static bool Speaks(Clinic clinic, string language) =>
        clinic.Languages.Any(spoken => LanguageTags.Primary(spoken).Equals(LanguageTags.Primary(language), StringComparison.OrdinalIgnoreCase));
}
