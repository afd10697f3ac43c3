using IptTriage.Triage.Decisions;

namespace IptTriage.Workflow.Models;

/// <summary>The external events the orchestration waits for. Payloads carry ids and codes only: a coordinator's
/// written reason goes to the audit trail through the API, never into orchestration history.</summary>
public static class WorkflowEvents
{
    public const string CrisisAcknowledged = nameof(CrisisAcknowledged);
    public const string ReviewDecided = nameof(ReviewDecided);
    public const string ClinicResponded = nameof(ClinicResponded);
    public const string ManualPlacement = nameof(ManualPlacement);
}

public sealed record CrisisAcknowledgement(string By);

public enum ReviewChoice { Approve, Override, Close }

public sealed record ReviewDecision(ReviewChoice Decision, string CoordinatorId, Pathway? Pathway = null, Modality? Modality = null);

/// <summary>Names the clinic it answers for, so a reply that arrives after the offer moved on is not taken for the next clinic's.</summary>
public sealed record ClinicResponse(string ClinicId, bool Accept);

public sealed record ManualPlacementRequest(string ClinicId, string CoordinatorId);
