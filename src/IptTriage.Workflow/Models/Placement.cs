using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Models;

public sealed record PlacementRequest(string ReferralId, IReadOnlyList<string> ClinicsTried, DateTime RespondBy);

public enum OfferEnd { Accepted, Declined, TimedOut }

public sealed record OfferOutcome(string ReferralId, string ClinicId, OfferEnd End);

public sealed record ManualPlacementStep(string ReferralId, ManualPlacementRequest Placement);

public sealed record ReviewStep(string ReferralId, ReviewDecision Decision);

/// <summary>A status change and its audit entry, recorded together.</summary>
public sealed record StepRecord(string ReferralId, ReferralStatus Status, string Step, string Detail, DateTime? DueAt = null);
