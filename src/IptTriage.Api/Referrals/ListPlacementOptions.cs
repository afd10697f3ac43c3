using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <summary>One clinic as a choice for the case: how full it is and each reason it does not match (none when it does).</summary>
public sealed record PlacementOptionItem(string ClinicId, string Name, bool Matches, IReadOnlyList<ClinicMismatch> Mismatches, int Capacity, int InUse, int Free)
{
    public static PlacementOptionItem Of(PlacementOption option) => new(option.Clinic.Id, option.Clinic.Name, option.Matches, option.Mismatches,
        option.Occupancy.Capacity, option.Occupancy.InUse, option.Occupancy.Free);
}

/// <param name="Need">What the case needs, as automatic placement matches it.</param>
/// <param name="Clinics">Every clinic: the matching ones with a free slot first, in the order placement offers them, then the others.</param>
public sealed record PlacementOptionsView(string ReferralId, ReferralStatus Status, PlacementNeed Need, IReadOnlyList<PlacementOptionItem> Clinics);

/// <summary><c>GET /api/referrals/{id}/placement-options</c>: where a coordinator could place the case by hand, and why each
/// other clinic does not match it.</summary>
public static class ListPlacementOptions
{
    public static async Task<Results<Ok<PlacementOptionsView>, ProblemHttpResult>> HandleAsync(
        string id, ClaimsPrincipal user, ReferralAccess access, ClinicDirectory directory, IRecordStore records, CancellationToken cancellationToken)
    {
        var (referral, problem) = await access.FindAsync(id, ApiCaller.From(user), cancellationToken);
        if (problem is not null) return problem;
        if (referral!.Routing is null) return ApiProblems.Conflict("The referral has not been screened (or its form was invalid), so it has no need to match a clinic to.");

        var need = await PlacementNeeds.ReadAsync(records, referral, cancellationToken);
        var occupancy = await ClinicOccupancy.ReadAsync(records, directory, cancellationToken);
        return TypedResults.Ok(new PlacementOptionsView(referral.ReferralId, referral.Status, need,
            [.. PlacementOptions.For(directory, need, occupancy).Select(PlacementOptionItem.Of)]));
    }
}
