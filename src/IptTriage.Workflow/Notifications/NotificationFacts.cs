using IptTriage.Triage.Decisions;

namespace IptTriage.Workflow.Notifications;

/// <summary>Everything a template may say. Deliberately holds no name, address, date of birth, score, diagnosis or
/// free text, so no template can leak them: minimum necessary by construction.</summary>
public sealed record NotificationFacts(
    string ReferralId,
    Urgency Urgency,
    Pathway? Pathway = null,
    Modality? Modality = null,
    string? ClinicName = null,
    DateTimeOffset? DueAt = null,
    Uri? Link = null);
