namespace IptTriage.Workflow.Records;

/// <summary>What an audit entry records, stored and shown as its wire code (<c>ClinicTimedOut</c> is
/// <c>clinic-timed-out</c>). The codes are the step names the audit trail used before it was coded, so old rows and
/// new ones read alike. Append members; never rename one (the code is in every row written with it).</summary>
public enum AuditStep
{
    Screened,
    Invalid,
    Emergency,
    CrisisAcknowledged,
    UnacknowledgedEmergency,
    ReviewRequested,
    ReviewDecided,
    ReviewReason,
    Offered,
    Unplaced,
    ClinicAccepted,
    ClinicDeclined,
    ClinicTimedOut,
    ClinicResponseReason,
    PlacedManually,
    PlacementOverrideReason,
    Notified,
    NotificationSkipped,
    NotificationFailed,
    // Written by `iptriage run --simulate-responses` for the people it plays.
    CrisisAckSubmitted,
    ReviewSubmitted,
    PlacementSubmitted,
    ClinicResponseSubmitted,
    // A corrected form replaced an invalid one; its workflow starts again.
    Resubmitted,
    // Case work (issue 12): who a case is assigned to, a coordinator's note (its text is in the notes table only),
    // a read of the client panel (name, contact, date of birth), an export with contact details.
    Assigned,
    Unassigned,
    CaseNoteAdded,
    ClientPanelRead,
    ContactsExported,
    // The whole lifecycle (issue 12): a close at any stage, the end of care, and a coordinator's placement as an offer.
    CaseClosed,
    CloseNote,
    CareEnded,
    DischargeNote,
    OfferedManually,
    // A coordinator's offer found the clinic full and gave no reason to go beyond its capacity.
    ClinicFull,
    // Written by `iptriage run --simulate-responses` for a simulated clinic's end of care.
    DischargeSubmitted,
    // A read of the referral as it was sent (GET /api/referrals/{id}/source): the whole request, client details and all.
    SourceRead,
}
