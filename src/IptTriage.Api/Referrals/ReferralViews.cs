using System.Text.Json;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Records;

namespace IptTriage.Api.Referrals;

/// <summary>What every accepted submission or action answers: the referral and where it stands now (an action is
/// carried out by the orchestration shortly after).</summary>
public sealed record ReferralReceipt(string ReferralId, ReferralStatus Status);

/// <summary>A coordinator's view: everything, including the screening decision exactly as the policy wrote it (with
/// its reasons, flags and scores) and the audit trail.</summary>
/// <param name="Routing">The routing placement uses now: the decision's, or a coordinator's override of it.</param>
public sealed record CoordinatorReferralView(
    string ReferralId,
    ReferralStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    string? ClinicId,
    DateTimeOffset? DueAt,
    Routing? Routing,
    JsonElement? Decision,
    IReadOnlyList<AuditEntry> Audit)
{
    public static CoordinatorReferralView Of(ReferralRecord referral, IReadOnlyList<AuditEntry> audit) => new(
        referral.ReferralId, referral.Status, referral.ReceivedAt, referral.UpdatedAt, referral.ClinicId, referral.DueAt,
        referral.Routing, referral.DecisionJson is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null, audit);
}

/// <summary>Where a case stands for one clinic. <c>withdrawn</c>: it is no longer with this clinic (declined, timed
/// out, or placed elsewhere), and the clinic is told nothing more about it.</summary>
public enum ClinicCaseStatus { AwaitingClinic, Placed, Withdrawn }

/// <summary>A clinic's view: the minimum needed to act on an offer. No reasons, flags, scores, audit or other clinics.</summary>
/// <param name="RespondBy">When the offer lapses, while it awaits this clinic's answer.</param>
public sealed record ClinicReferralView(
    string ReferralId,
    ClinicCaseStatus Status,
    Pathway? Pathway = null,
    Modality? Modality = null,
    IReadOnlyList<Adaptation>? Adaptations = null,
    Urgency? Urgency = null,
    DateTimeOffset? RespondBy = null)
{
    public static ClinicReferralView Of(ReferralRecord referral, string clinicId)
    {
        var status = referral.ClinicId != clinicId ? ClinicCaseStatus.Withdrawn : referral.Status switch
        {
            ReferralStatus.AwaitingClinic => ClinicCaseStatus.AwaitingClinic,
            ReferralStatus.Placed => ClinicCaseStatus.Placed,
            _ => ClinicCaseStatus.Withdrawn,
        };
        return status == ClinicCaseStatus.Withdrawn || referral.Routing is not { } routing
            ? new ClinicReferralView(referral.ReferralId, status)
            : new ClinicReferralView(referral.ReferralId, status, routing.Pathway, routing.Modality, routing.Adaptations, routing.Urgency,
                status == ClinicCaseStatus.AwaitingClinic ? referral.DueAt : null);
    }
}
