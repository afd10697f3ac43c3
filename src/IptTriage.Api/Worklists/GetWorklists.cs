using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Worklists;

/// <summary>The open emergencies: how many, and the oldest of them with their alert time and escalations.</summary>
public sealed record EmergencyWorklist(int Count, IReadOnlyList<OpenEmergency> Items);

/// <summary>The answer of <c>GET /api/worklists</c>: each tab's count, and how many of it are overdue. Codes, counts and
/// times only: no form is read, so no client panel is read (or audited) by a page that polls it.</summary>
/// <param name="Mine">Cases assigned to the signed-in person; absent for an API key, which has no username.</param>
public sealed record WorklistsAnswer(
    EmergencyWorklist Emergencies, WorklistCount? Reviews = null, WorklistCount? AwaitingClinic = null, WorklistCount? Unplaced = null, WorklistCount? Mine = null);

/// <summary><c>GET /api/worklists</c> (coordinators, supervisors; the crisis team gets the emergencies only): what the
/// home pages show on their tabs, cheap enough to poll every few seconds.</summary>
public static class GetWorklists
{
    /// <summary>Open emergencies listed with their facts; the count covers them all. More than this open at once is a
    /// service in crisis, and the rest are on the referral list (<c>status=emergency</c>).</summary>
    public const int EmergencyLimit = 100;

    public static async Task<Ok<WorklistsAnswer>> HandleAsync(ClaimsPrincipal user, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(user);
        var summary = await records.SummarizeWorklistsAsync(
            time.GetUtcNow(), caller.IsCoordinating ? caller.Username : null, EmergencyLimit, cancellationToken);
        var emergencies = new EmergencyWorklist(summary.ByStatus[ReferralStatus.Emergency].Count, summary.Emergencies);
        if (!caller.IsCoordinating) return TypedResults.Ok(new WorklistsAnswer(emergencies));
        return TypedResults.Ok(new WorklistsAnswer(
            emergencies, summary.ByStatus[ReferralStatus.AwaitingReview], summary.ByStatus[ReferralStatus.AwaitingClinic],
            summary.ByStatus[ReferralStatus.Unplaced], summary.Assigned));
    }
}
