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

/// <param name="By">The actor (<see cref="Records.Actors"/>) who took the case: the signed-in person, never a name from a body.</param>
public sealed record CrisisAcknowledgement(string By);

public enum ReviewChoice { Approve, Override, Close }

/// <param name="By">The actor (<see cref="Records.Actors"/>) who decided.</param>
public sealed record ReviewDecision(ReviewChoice Decision, string By, Pathway? Pathway = null, Modality? Modality = null);

/// <summary>Names the clinic it answers for, so a reply that arrives after the offer moved on is not taken for the next clinic's.</summary>
/// <param name="By">Who answered for the clinic (<see cref="Records.Actors"/>).</param>
public sealed record ClinicResponse(string ClinicId, bool Accept, string By);

/// <param name="By">The actor (<see cref="Records.Actors"/>) who arranged it.</param>
/// <param name="OverCapacity">The clinic had no free slot when the coordinator placed the case there, giving a reason
/// (audited): its slot may go beyond the clinic's capacity.</param>
public sealed record ManualPlacementRequest(string ClinicId, string By, bool OverCapacity = false);
