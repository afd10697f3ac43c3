namespace IptTriage.Workflow.Clinics;

/// <summary>One clinic as a choice for a case placed by hand, and every reason it does not match (none when it does).</summary>
public sealed record PlacementOption(Clinic Clinic, ClinicOccupancy Occupancy, IReadOnlyList<ClinicMismatch> Mismatches)
{
    public bool Matches => Mismatches.Count == 0;
}

/// <summary>Every clinic in the directory as a choice for a case: the matching ones with a free slot first, in the
/// order automatic placement offers them (<see cref="ClinicMatcher.Candidates"/>), then the others, fewest mismatches
/// first, then by id.</summary>
public static class PlacementOptions
{
    private static readonly HashSet<string> NoneTried = [];

    public static IReadOnlyList<PlacementOption> For(ClinicDirectory directory, PlacementNeed need, IReadOnlyDictionary<string, ClinicOccupancy> occupancy)
    {
        var options = directory.Clinics.Select(clinic => new PlacementOption(clinic, occupancy[clinic.Id],
            ClinicMatcher.Mismatches(clinic, need, occupancy[clinic.Id].Free))).ToList();
        var offerOrder = ClinicMatcher.Candidates(directory.Clinics, need, NoneTried).Select((clinic, index) => (clinic.Id, index))
            .ToDictionary(candidate => candidate.Id, candidate => candidate.index, StringComparer.Ordinal);
        return
        [
            .. options.Where(option => option.Matches).OrderBy(option => offerOrder[option.Clinic.Id]),
            .. options.Where(option => !option.Matches).OrderBy(option => option.Mismatches.Count).ThenBy(option => option.Clinic.Id, StringComparer.Ordinal),
        ];
    }
}
