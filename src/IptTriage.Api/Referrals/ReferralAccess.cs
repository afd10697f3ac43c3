using IptTriage.Api.Security;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <summary>Finds a referral for a caller: coordinators and supervisors see every referral; the crisis team sees
/// emergencies; a clinic sees one that is with it or was offered to it. Any other gets the same 404 as an id that
/// does not exist, so a caller cannot tell which referrals exist. Also writes the free-text reasons people give for
/// acting on a referral.</summary>
public sealed class ReferralAccess(IRecordStore records, TimeProvider time)
{
    public async Task<(ReferralRecord? Referral, ProblemHttpResult? Problem)> FindAsync(string referralId, ApiCaller caller, CancellationToken cancellationToken)
    {
        var referral = await records.FindAsync(referralId, cancellationToken);
        var visible = referral is not null && caller.Role switch
        {
            ApiRole.Clinic => await WasOfferedToAsync(referral, caller.ClinicId!, cancellationToken),
            ApiRole.Crisis => IsEmergency(referral),
            ApiRole.Intake => false,
            _ => true,
        };
        return visible ? (referral, null) : (null, ApiProblems.NotFound());
    }

    /// <summary>Before the body of a <see cref="ApiRoute.ClinicAccessFirst"/> route is read: the 404 a clinic or the
    /// crisis team gets for a referral it may not see, or null to go on.</summary>
    public async Task<ProblemHttpResult?> RefuseBeforeBodyAsync(ApiRoute route, ApiCaller caller, string? referralId, CancellationToken cancellationToken) =>
        route.ClinicAccessFirst && !caller.IsCoordinating && referralId is not null
            ? (await FindAsync(referralId, caller, cancellationToken)).Problem
            : null;

    /// <summary>The urgency screening gave: the crisis team's cases stay theirs to read after the alert is acknowledged.</summary>
    public static bool IsEmergency(ReferralRecord referral) => referral.Routing?.Urgency == Triage.Decisions.Urgency.Emergency;

    /// <summary>A person's reason, to the audit trail only (never orchestration history, events or logs). Not cancelled
    /// with the request: once written, the decision it explains must follow.</summary>
    /// <param name="clinicId">The clinic the decision concerns, where it concerns one.</param>
    /// <param name="mismatches">Why that clinic does not match the case, where the reason overrides that.</param>
    public Task AppendReasonAsync(string referralId, AuditStep step, string actor, string reason, string? clinicId = null, IReadOnlyList<ClinicMismatch>? mismatches = null) =>
        records.AppendAuditAsync(new AuditEntry(referralId, time.GetUtcNow(), step, actor, [], reason) { ClinicId = clinicId, Mismatches = mismatches }, CancellationToken.None);

    private async Task<bool> WasOfferedToAsync(ReferralRecord referral, string clinicId, CancellationToken cancellationToken) =>
        referral.ClinicId == clinicId
        || (await records.ReadAuditAsync(referral.ReferralId, cancellationToken)).Any(entry => IsOfferTo(entry, clinicId));

    // Read from the entry's coded fields, never its text: OfferToNextClinic and OfferToClinic record each offer with the
    // clinic's id (and schema v2 filled it in for offers recorded before); a coordinator's offer is `offered-manually`.
    private static bool IsOfferTo(AuditEntry entry, string clinicId) =>
        entry is { Step: AuditStep.Offered, Actor: Actors.System } or { Step: AuditStep.OfferedManually } && entry.ClinicId == clinicId;
}
