using IptTriage.Triage.Decisions;

namespace IptTriage.Workflow.Records;

/// <summary>A referral as stored: its routing (which a coordinator's override may have changed from the screening
/// decision), where it stands, and the decision exactly as the policy wrote it.</summary>
public sealed record ReferralRecord(
    string ReferralId,
    ReferralStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    Routing? Routing,
    string? DecisionJson,
    string? ClinicId,
    DateTimeOffset? DueAt)
{
    /// <summary>The username of the coordinator the case is assigned to (<see cref="ICaseFile.AssignAsync"/>), if any.</summary>
    public string? Assignee { get; init; }
}

/// <summary>What placement needs to know; codes only, no personal data.</summary>
public sealed record Routing(
    Outcome Outcome,
    Pathway Pathway,
    Modality? Modality,
    IReadOnlyList<Adaptation> Adaptations,
    Urgency Urgency,
    string PolicyVersion);

/// <summary>A referral as it arrives: the original bytes are kept whatever their validity, so nothing is lost.</summary>
/// <param name="Source">What the form was mapped from, when it arrived in another format (a FHIR Bundle), kept for audit.</param>
public sealed record NewReferral(string ReferralId, DateTimeOffset ArrivedAt, ReadOnlyMemory<byte> Form, ReferralSource? Source = null);

/// <summary>A referral's original payload in the format it arrived in, beside the intake form mapped from it.</summary>
/// <param name="MediaType">Its media type: <c>application/fhir+json</c>.</param>
public sealed record ReferralSource(string MediaType, byte[] Content);

/// <summary>A stored referral's form as it arrived, with when it arrived (<see cref="IReferralStore.ReadFormsAsync"/>).</summary>
public sealed record StoredForm(string ReferralId, DateTimeOffset ReceivedAt, byte[] Form);

public enum IntakeResult { Added, AlreadyExists }
