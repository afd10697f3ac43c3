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

    /// <summary>The clinic ends care: the slot is released and offered on to the unplaced cases that match it.</summary>
    private static readonly Part CareEnded = new(["care-ended"], [], ["DischargeCase", "FindCasesForSlot"]);

    public static readonly Trail PlacedFirstTime = Of(ReferralStatus.Discharged, Screened, Acknowledged, Offer("clinic-accepted"), NextSteps, CareEnded);

    /// <summary>Unplaced, then a coordinator's choice, offered to that clinic like any offer.</summary>
    public static readonly Trail PlacedByHand = Of(ReferralStatus.Discharged, Screened, Acknowledged,
        new(["unplaced", "notified"], ["coordinator-unplaced"], ["OfferToNextClinic", Notify]), ChosenOffer("clinic-accepted"), NextSteps, CareEnded);

    /// <summary>Every notice to the client becomes a skipped notice and a request to coordinators to phone instead.</summary>
    public static readonly Trail PlacedFirstTimeWithoutClientEmail = Of(ReferralStatus.Discharged, Screened, PhoneClient("referrer-received"),
        Offer("clinic-accepted"), PhoneClient("referrer-outcome"), CareEnded);

    public static readonly Trail ReviewClosed = Of(ReferralStatus.Closed, Screened, Acknowledged, ReviewRequested, ReviewDecided);

    /// <summary>An invalid form's orchestration records it with every error and alerts coordinators, then ends.</summary>
    public static readonly Trail Invalid = new(ReferralStatus.Invalid, ["invalid", "notified"], ["coordinator-invalid-form"], ["ScreenReferral", Notify]);

    /// <summary>An invalid form, then a corrected one under its id: the invalid run's entries and alert stay, the
    /// resubmission is audited, and the corrected form's own run (under the same instance id) goes the normal way.</summary>
    public static readonly Trail CorrectedAfterInvalid = Of(ReferralStatus.Discharged,
        new(["invalid", "notified", "resubmitted"], ["coordinator-invalid-form"], []), Screened, Acknowledged, Offer("clinic-accepted"), NextSteps, CareEnded);

    public static Trail PlacedSecondTime(string firstClinicEnd) =>
        Of(ReferralStatus.Discharged, Screened, Acknowledged, Offer(firstClinicEnd), Offer("clinic-accepted"), NextSteps, CareEnded);

    /// <param name="reminders">The notices the review's deadlines sent before the decision.</param>
    public static Trail ReviewedThenPlaced(IReadOnlyList<string> reminders) => Of(ReferralStatus.Discharged, Screened, Acknowledged, ReviewRequested,
        new([.. reminders.Select(_ => "notified")], reminders, [.. reminders.Select(_ => Notify)]), ReviewDecided, Offer("clinic-accepted"), NextSteps, CareEnded);

    /// <summary>The crisis team first, the client's crisis resources (a phone call: the sample has no email consent),
    /// an escalation per interval, then placement with the crisis clinic.</summary>
    public static Trail Emergency(int escalations, bool acknowledged) => Of(ReferralStatus.Discharged, Screened,
        new(["emergency", "notified"], ["crisis-team-alert"], ["RecordStep", Notify]),
        PhoneClient(),
        new([.. Enumerable.Repeat("notified", escalations)], [.. Enumerable.Repeat("supervisor-escalation", escalations)], [.. Enumerable.Repeat(Notify, escalations)]),
        new([acknowledged ? "crisis-acknowledged" : "unacknowledged-emergency"], [], ["RecordStep"]),
        PhoneClient("referrer-received"), Offer("clinic-accepted"), PhoneClient("referrer-outcome"), CareEnded);

    /// <summary>The stages a routine IPT case (the <c>ipt-grief</c> sample) passes, by where it was when it was closed.</summary>
    public static Trail ClosedWhile(ReferralStatus stage) => stage switch
    {
        ReferralStatus.AwaitingClinic => Of(ReferralStatus.Closed, Screened, Acknowledged, OfferMade, Closed(released: true)),
        ReferralStatus.Placed => Of(ReferralStatus.Closed, Screened, Acknowledged, Offer("clinic-accepted"), NextSteps, Closed(released: true)),
        ReferralStatus.Unplaced => Of(ReferralStatus.Closed, Screened, Acknowledged,
            new(["unplaced", "notified"], ["coordinator-unplaced"], ["OfferToNextClinic", Notify]), Closed(released: false)),
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "not a stage of the ipt-grief sample"),
    };

    /// <summary>A review (the <c>needs-review</c> sample) closed before anyone decided it.</summary>
    public static readonly Trail ClosedInReview = Of(ReferralStatus.Closed, Screened, Acknowledged, ReviewRequested, Closed(released: false));

    /// <summary>An emergency (the <c>acute-risk</c> sample: no email consent) closed before anyone acknowledged it.</summary>
    public static readonly Trail ClosedInEmergency = Of(ReferralStatus.Closed, Screened,
        new(["emergency", "notified"], ["crisis-team-alert"], ["RecordStep", Notify]), PhoneClient(),
        new(["case-closed"], [], ["CloseCase"]), PhoneClient("referrer-case-closed"));

    private static Part OfferMade => new(["offered", "notified"], ["clinic-case-offered"], ["OfferToNextClinic", Notify]);

    /// <summary>A decline or timeout gives the slot back, and the slot is offered on.</summary>
    private static Part Offer(string end) => new(["offered", "notified", end], ["clinic-case-offered"],
        ["OfferToNextClinic", Notify, "CloseClinicOffer", .. end == "clinic-accepted" ? Array.Empty<string>() : ["FindCasesForSlot"]]);

    /// <summary>A coordinator's choice of clinic for an unplaced case.</summary>
    private static Part ChosenOffer(string end) => new(["offered-manually", "notified", end], ["clinic-case-offered"],
        ["OfferToClinic", Notify, "CloseClinicOffer", .. end == "clinic-accepted" ? Array.Empty<string>() : ["FindCasesForSlot"]]);

    /// <summary>The close: the slot released (and the clinic told, and the slot offered on), then the client and referrer.</summary>
    private static Part Closed(bool released) => released
        ? new(["case-closed", "notified", "notified", "notified"], ["clinic-case-withdrawn", "client-case-closed", "referrer-case-closed"],
            ["CloseCase", Notify, "FindCasesForSlot", Notify, Notify])
        : new(["case-closed", "notified", "notified"], ["client-case-closed", "referrer-case-closed"], ["CloseCase", Notify, Notify]);

    private static Part PhoneClient(string? referrerNotice = null) => referrerNotice is null
        ? new(["notification-skipped", "notified"], ["coordinator-phone-client"], [Notify])
        : new(["notification-skipped", "notified", "notified"], ["coordinator-phone-client", referrerNotice], [Notify, Notify]);

    private static Trail Of(ReferralStatus status, params Part[] parts) =>
        new(status, [.. parts.SelectMany(p => p.AuditSteps)], [.. parts.SelectMany(p => p.Notices)], [.. parts.SelectMany(p => p.Activities)]);

    private sealed record Part(IReadOnlyList<string> AuditSteps, IReadOnlyList<string> Notices, IReadOnlyList<string> Activities);
}
