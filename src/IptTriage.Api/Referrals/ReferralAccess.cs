using IptTriage.Api.Security;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <summary>Finds a referral for a caller: coordinators see every referral; a clinic sees one that is with it or was
/// offered to it, and gets the same 404 for any other as for an id that does not exist, so a clinic key cannot tell
/// which referrals exist. Also writes the free-text reasons people give for acting on a referral.</summary>
public sealed class ReferralAccess(IRecordStore records, TimeProvider time)
{
    private static readonly ApiCaller Coordinator = new(ApiRole.Coordinator);

    public async Task<(ReferralRecord? Referral, ProblemHttpResult? Problem)> FindAsync(string referralId, ApiCaller caller, CancellationToken cancellationToken)
    {
        var referral = await records.FindAsync(referralId, cancellationToken);
        if (referral is null || (caller.Role == ApiRole.Clinic && !await WasOfferedToAsync(referral, caller.ClinicId!, cancellationToken)))
            return (null, ApiProblems.NotFound());
        return (referral, null);
    }

    /// <summary>Before the body of a <see cref="ApiRoute.ClinicAccessFirst"/> route is read: the 404 a clinic gets for
    /// a referral it may not see, or null to go on.</summary>
    public async Task<ProblemHttpResult?> RefuseBeforeBodyAsync(ApiRoute route, ApiCaller caller, string? referralId, CancellationToken cancellationToken) =>
        route.ClinicAccessFirst && caller.Role == ApiRole.Clinic && referralId is not null
            ? (await FindAsync(referralId, caller, cancellationToken)).Problem
            : null;

    /// <summary>For coordinator-only routes, where the policy has already admitted the caller to every referral.</summary>
    public Task<(ReferralRecord? Referral, ProblemHttpResult? Problem)> FindAsync(string referralId, CancellationToken cancellationToken) =>
        FindAsync(referralId, Coordinator, cancellationToken);

    /// <summary>A person's reason, to the audit trail only (never orchestration history, events or logs). Not cancelled
    /// with the request: once written, the decision it explains must follow.</summary>
    public Task AppendReasonAsync(string referralId, AuditStep step, string actor, string reason) =>
        records.AppendAuditAsync(new AuditEntry(referralId, time.GetUtcNow(), step, actor, [], reason), CancellationToken.None);

    private async Task<bool> WasOfferedToAsync(ReferralRecord referral, string clinicId, CancellationToken cancellationToken) =>
        referral.ClinicId == clinicId
        || (await records.ReadAuditAsync(referral.ReferralId, cancellationToken)).Any(entry => IsOfferTo(entry, clinicId));

    // Read from the entry's coded fields, never its text: OfferToNextClinic records each offer with the clinic's id
    // (and schema v2 filled it in for offers recorded before).
    private static bool IsOfferTo(AuditEntry entry, string clinicId) =>
        entry is { Step: AuditStep.Offered, Actor: Actors.System } && entry.ClinicId == clinicId;
}
