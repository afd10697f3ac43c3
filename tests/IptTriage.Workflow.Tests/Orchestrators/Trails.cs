using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Tests.Orchestrators;

/// <summary>What each scenario ends in, on either host, built from the workflow's steps (<c>docs/workflow.md</c>): the
/// audit steps, the notices sent and the activities the orchestration called, in order.</summary>
internal static class Trails
{
    private const string Notify = "SendNotification";

    private static readonly Part Screened = new(["screened"], [], ["ScreenReferral"]);
    private static readonly Part Acknowledged = new(["notified", "notified"], ["client-received", "referrer-received"], [Notify, Notify]);
    private static readonly Part NextSteps = new(["notified", "notified"], ["client-next-steps", "referrer-outcome"], [Notify, Notify]);
    private static readonly Part ReviewRequested = new(["review-requested", "notified"], ["coordinator-review-requested"], ["RecordStep", Notify]);
    private static readonly Part ReviewDecided = new(["review-decided"], [], ["ApplyReviewDecision"]);

    public static readonly Trail PlacedFirstTime = Of(ReferralStatus.Placed, Screened, Acknowledged, Offer("clinic-accepted"), NextSteps);

    public static readonly Trail PlacedByHand = Of(ReferralStatus.Placed, Screened, Acknowledged,
        new(["unplaced", "notified", "placed-manually"], ["coordinator-unplaced"], ["OfferToNextClinic", Notify, "PlaceManually"]), NextSteps);

    /// <summary>Every notice to the client becomes a skipped notice and a request to coordinators to phone instead.</summary>
    public static readonly Trail PlacedFirstTimeWithoutClientEmail = Of(ReferralStatus.Placed, Screened, PhoneClient("referrer-received"),
        Offer("clinic-accepted"), PhoneClient("referrer-outcome"));

    public static readonly Trail ReviewClosed = Of(ReferralStatus.Closed, Screened, Acknowledged, ReviewRequested, ReviewDecided);

    /// <summary>An invalid form's orchestration records it with every error and alerts coordinators, then ends.</summary>
    public static readonly Trail Invalid = new(ReferralStatus.Invalid, ["invalid", "notified"], ["coordinator-invalid-form"], ["ScreenReferral", Notify]);

    /// <summary>An invalid form, then a corrected one under its id: the invalid run's entries and alert stay, the
    /// resubmission is audited, and the corrected form's own run (under the same instance id) goes the normal way.</summary>
    public static readonly Trail CorrectedAfterInvalid = Of(ReferralStatus.Placed,
        new(["invalid", "notified", "resubmitted"], ["coordinator-invalid-form"], []), Screened, Acknowledged, Offer("clinic-accepted"), NextSteps);

    public static Trail PlacedSecondTime(string firstClinicEnd) =>
        Of(ReferralStatus.Placed, Screened, Acknowledged, Offer(firstClinicEnd), Offer("clinic-accepted"), NextSteps);

    /// <param name="reminders">The notices the review's deadlines sent before the decision.</param>
    public static Trail ReviewedThenPlaced(IReadOnlyList<string> reminders) => Of(ReferralStatus.Placed, Screened, Acknowledged, ReviewRequested,
        new([.. reminders.Select(_ => "notified")], reminders, [.. reminders.Select(_ => Notify)]), ReviewDecided, Offer("clinic-accepted"), NextSteps);

    /// <summary>The crisis team first, the client's crisis resources (a phone call: the sample has no email consent),
    /// an escalation per interval, then placement with the crisis clinic.</summary>
    public static Trail Emergency(int escalations, bool acknowledged) => Of(ReferralStatus.Placed, Screened,
        new(["emergency", "notified"], ["crisis-team-alert"], ["RecordStep", Notify]),
        PhoneClient(),
        new([.. Enumerable.Repeat("notified", escalations)], [.. Enumerable.Repeat("supervisor-escalation", escalations)], [.. Enumerable.Repeat(Notify, escalations)]),
        new([acknowledged ? "crisis-acknowledged" : "unacknowledged-emergency"], [], ["RecordStep"]),
        PhoneClient("referrer-received"), Offer("clinic-accepted"), PhoneClient("referrer-outcome"));

    private static Part Offer(string end) => new(["offered", "notified", end], ["clinic-case-offered"], ["OfferToNextClinic", Notify, "CloseClinicOffer"]);

    private static Part PhoneClient(string? referrerNotice = null) => referrerNotice is null
        ? new(["notification-skipped", "notified"], ["coordinator-phone-client"], [Notify])
        : new(["notification-skipped", "notified", "notified"], ["coordinator-phone-client", referrerNotice], [Notify, Notify]);

    private static Trail Of(ReferralStatus status, params Part[] parts) =>
        new(status, [.. parts.SelectMany(p => p.AuditSteps)], [.. parts.SelectMany(p => p.Notices)], [.. parts.SelectMany(p => p.Activities)]);

    private sealed record Part(IReadOnlyList<string> AuditSteps, IReadOnlyList<string> Notices, IReadOnlyList<string> Activities);
}
