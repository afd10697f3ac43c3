using System.Text.Json;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Records;

namespace IptTriage.Api.Referrals;

/// <summary>What every accepted submission or action answers: the referral and where it stands now (an action is
/// carried out by the orchestration shortly after).</summary>
public sealed record ReferralReceipt(string ReferralId, ReferralStatus Status);

/// <summary>A coordinator's view: everything, including the screening decision exactly as the policy wrote it (with
/// its reasons, flags and scores) and the audit trail (without the reads of the client panel, which are in the audit
/// trail for whoever audits access, not part of the case's history).</summary>
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
        referral.Routing, referral.DecisionJson is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null,
        [.. audit.Where(entry => entry.Step != AuditStep.ClientPanelRead)])
    {
        Assignee = referral.Assignee,
    };

    /// <summary>The username of the coordinator the case is assigned to.</summary>
    public string? Assignee { get; init; }

    /// <summary>From the stored form; absent when the form is not a valid one.</summary>
    public ClientPanel? Client { get; init; }

    public ReferrerPanel? Referrer { get; init; }

    public PresentationPanel? Presentation { get; init; }

    /// <summary>The case notes, oldest first.</summary>
    public IReadOnlyList<CaseNote> Notes { get; init; } = [];
}

/// <summary>Where a case stands for one clinic. <c>discharged</c>: the clinic ended its care. <c>withdrawn</c>: it is no
/// longer with this clinic (declined, timed out, closed, or placed elsewhere), and the clinic is told nothing more
/// about it.</summary>
public enum ClinicCaseStatus { AwaitingClinic, Placed, Withdrawn, Discharged }

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
    /// <summary>Once the clinic has accepted the case, and only with the client's consent to share with the clinic.</summary>
    public ClinicClientPanel? Client { get; init; }

    /// <summary>When the clinic ended its care, once it has (a discharged case changes no more, so its last change).</summary>
    public DateTimeOffset? DischargedAt { get; init; }

    /// <summary>Whether this clinic holds the case now: it accepted it and it is placed there.</summary>
    public static bool HoldsCase(ReferralRecord referral, string clinicId) => referral.ClinicId == clinicId && referral.Status == ReferralStatus.Placed;

    public static ClinicReferralView Of(ReferralRecord referral, string clinicId)
    {
        var status = referral.ClinicId != clinicId ? ClinicCaseStatus.Withdrawn : referral.Status switch
        {
            ReferralStatus.AwaitingClinic => ClinicCaseStatus.AwaitingClinic,
            ReferralStatus.Placed => ClinicCaseStatus.Placed,
            ReferralStatus.Discharged => ClinicCaseStatus.Discharged,
            _ => ClinicCaseStatus.Withdrawn,
        };
        if (status == ClinicCaseStatus.Discharged) return new ClinicReferralView(referral.ReferralId, status) { DischargedAt = referral.UpdatedAt };
        return status == ClinicCaseStatus.Withdrawn || referral.Routing is not { } routing
            ? new ClinicReferralView(referral.ReferralId, status)
            : new ClinicReferralView(referral.ReferralId, status, routing.Pathway, routing.Modality, routing.Adaptations, routing.Urgency,
                status == ClinicCaseStatus.AwaitingClinic ? referral.DueAt : null);
    }
}
