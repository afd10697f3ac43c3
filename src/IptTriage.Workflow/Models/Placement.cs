using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Models;

public sealed record PlacementRequest(string ReferralId, IReadOnlyList<string> ClinicsTried, DateTime RespondBy);

public enum OfferEnd { Accepted, Declined, TimedOut }

/// <param name="By">Who answered for the clinic (<see cref="Actors"/>); null when the offer timed out.</param>
public sealed record OfferOutcome(string ReferralId, string ClinicId, OfferEnd End, string? By = null);

/// <summary>An offer to one named clinic (<see cref="Activities.OfferToClinic"/>).</summary>
/// <param name="By">The coordinator who chose the clinic; null for a freed slot the system offers.</param>
public sealed record ClinicOffer(string ReferralId, string ClinicId, DateTime RespondBy, string? By = null, bool OverCapacityAllowed = false);

/// <summary>Ends a case, releasing whatever slot it holds (<see cref="Activities.CloseCase"/>, <see cref="Activities.DischargeCase"/>).</summary>
public sealed record CaseClosing(string ReferralId, CaseClosure Closure);

public sealed record CaseDischarge(string ReferralId, CareEnd End);

public sealed record ReviewStep(string ReferralId, ReviewDecision Decision);

/// <summary>A status change and its audit entry, recorded together. <paramref name="Detail"/> is null: the entry's
/// coded fields say what happened (orchestrations before issue 12 wrote a sentence there). <paramref name="Actor"/> is
/// who caused the step (<see cref="Actors"/>), the system when null.</summary>
public sealed record StepRecord(string ReferralId, ReferralStatus Status, string Step, string? Detail, DateTime? DueAt = null, string? Actor = null);
