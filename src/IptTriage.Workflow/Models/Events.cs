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

    /// <summary>A coordinator closes the case, whatever it waits on.</summary>
    public const string CaseClosed = nameof(CaseClosed);

    /// <summary>The clinic a case is placed with records the end of care.</summary>
    public const string CareEnded = nameof(CareEnded);

    /// <summary>A clinic has room again (a discharge, a close, a decline or a raised capacity): an unplaced case that
    /// matches it offers itself there.</summary>
    public const string SlotFreed = nameof(SlotFreed);
}

/// <param name="By">The actor (<see cref="Records.Actors"/>) who took the case: the signed-in person, never a name from a body.</param>
public sealed record CrisisAcknowledgement(string By);

public enum ReviewChoice { Approve, Override, Close }

/// <param name="By">The actor (<see cref="Records.Actors"/>) who decided.</param>
public sealed record ReviewDecision(ReviewChoice Decision, string By, Pathway? Pathway = null, Modality? Modality = null);

/// <summary>Names the clinic it answers for, so a reply that arrives after the offer moved on is not taken for the next clinic's.</summary>
/// <param name="By">Who answered for the clinic (<see cref="Records.Actors"/>).</param>
public sealed record ClinicResponse(string ClinicId, bool Accept, string By);

/// <summary>A coordinator's choice of clinic for an unplaced case: an offer to that clinic like any other.</summary>
/// <param name="By">The actor (<see cref="Records.Actors"/>) who arranged it.</param>
/// <param name="OverCapacityAllowed">The coordinator gave a reason (audited by the API) for a slot beyond the clinic's
/// capacity; without it the offer needs a free slot.</param>
public sealed record ManualPlacementRequest(string ClinicId, string By, bool OverCapacityAllowed = false);

/// <summary>Why a case was closed before its care ended. A person's own words go to the audit trail through the API.</summary>
public enum CloseReason { Withdrawn, Duplicate, MovedAway, ReferredElsewhere, Other }

/// <param name="By">The actor (<see cref="Records.Actors"/>) who closed it.</param>
public sealed record CaseClosure(CloseReason Reason, string By);

/// <summary>How a clinic's care of a placed case ended.</summary>
public enum DischargeReason { Completed, Disengaged, Transferred, Other }

/// <param name="By">Who recorded it for the clinic (<see cref="Records.Actors"/>).</param>
public sealed record CareEnd(DischargeReason Reason, string By);

/// <summary>Names the clinic that has room; nothing about the case that freed it.</summary>
public sealed record FreedSlot(string ClinicId);
