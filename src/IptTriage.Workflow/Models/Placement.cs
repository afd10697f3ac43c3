using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Models;

public sealed record PlacementRequest(string ReferralId, IReadOnlyList<string> ClinicsTried, DateTime RespondBy);

public enum OfferEnd { Accepted, Declined, TimedOut }

/// <param name="By">Who answered for the clinic (<see cref="Actors"/>); null when the offer timed out.</param>
public sealed record OfferOutcome(string ReferralId, string ClinicId, OfferEnd End, string? By = null);

public sealed record ManualPlacementStep(string ReferralId, ManualPlacementRequest Placement);

public sealed record ReviewStep(string ReferralId, ReviewDecision Decision);

/// <summary>A status change and its audit entry, recorded together. <paramref name="Detail"/> is null: the entry's
/// coded fields say what happened (orchestrations before issue 12 wrote a sentence there). <paramref name="Actor"/> is
/// who caused the step (<see cref="Actors"/>), the system when null.</summary>
public sealed record StepRecord(string ReferralId, ReferralStatus Status, string Step, string? Detail, DateTime? DueAt = null, string? Actor = null);
