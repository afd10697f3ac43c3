using IptTriage.Triage.Decisions;

namespace IptTriage.Workflow.Records;

/// <summary>Referrals, their forms and decisions. A server database can stand behind the same interface.</summary>
public interface IReferralStore
{
    /// <summary>Stores a new referral once; a second arrival with the same id changes nothing.</summary>
    Task<IntakeResult> AddAsync(NewReferral referral, CancellationToken cancellationToken = default);

    /// <summary>Replaces the form of a referral that was recorded as invalid, so a corrected resubmission under the same
    /// id is taken in; false (and nothing changes) when the referral is not invalid.</summary>
    Task<bool> ResubmitInvalidAsync(NewReferral referral, CancellationToken cancellationToken = default);

    Task<ReferralRecord?> FindAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>The form exactly as it arrived.</summary>
    Task<byte[]?> ReadFormAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>The payload the form was mapped from (<see cref="NewReferral.Source"/>), exactly as it arrived; null for a
    /// form that arrived as itself, or an unknown referral.</summary>
    Task<ReferralSource?> ReadSourceAsync(string referralId, CancellationToken cancellationToken = default);

    /// <summary>Stores the screening decision and moves the referral to <paramref name="status"/> with <paramref name="entry"/>,
    /// in one transaction, as <see cref="SetStatusAsync"/> does.</summary>
    Task RecordDecisionAsync(string referralId, TriageDecision decision, string decisionJson, ReferralStatus status, AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Moves the referral to <paramref name="status"/> (at <paramref name="entry"/>'s time, with its due time and,
    /// when named, its clinic) and appends <paramref name="entry"/>, in one transaction: no reader sees a status
    /// without the audit entry that explains it.</summary>
    Task SetStatusAsync(string referralId, ReferralStatus status, AuditEntry entry, DateTimeOffset? dueAt = null, string? clinicId = null, CancellationToken cancellationToken = default);

    /// <summary>Moves the referral's due time to <paramref name="dueAt"/> while its status is still
    /// <paramref name="status"/> (a deadline its own reminders move on: an emergency's next escalation); false, and
    /// nothing changes, when it is not. The status, its last change and its audit trail stay as they are: the notice
    /// that moves the deadline is audited itself.</summary>
    Task<bool> MoveDueAsync(string referralId, ReferralStatus status, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    /// <summary>A coordinator's override of the pathway (and modality, for an alternative).</summary>
    Task OverrideRoutingAsync(string referralId, Pathway pathway, Modality? modality, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Referrals in <paramref name="status"/>, most urgent first, then oldest.</summary>
    Task<IReadOnlyList<ReferralRecord>> ListAsync(ReferralStatus status, CancellationToken cancellationToken = default);

    /// <summary>Up to <see cref="ReferralQuery.Limit"/> referrals matching <paramref name="query"/>'s filters, in its
    /// order (<see cref="ReferralQuery.KeyOf"/>), after its position: keyset paging on indexed columns.</summary>
    Task<IReadOnlyList<ReferralRecord>> QueryAsync(ReferralQuery query, CancellationToken cancellationToken = default);

    /// <summary>The worklists' counts at <paramref name="now"/>: every <see cref="WorklistSummary.Waiting"/> status with
    /// how many are overdue (due before now), the cases assigned to <paramref name="assignee"/> (when given), and up to
    /// <paramref name="emergencyLimit"/> open emergencies, oldest first, each with when it was alerted and how many
    /// supervisor escalations it has had. Reads indexes and the emergencies' own audit and notification rows; never a form.</summary>
    Task<WorklistSummary> SummarizeWorklistsAsync(DateTimeOffset now, string? assignee, int emergencyLimit, CancellationToken cancellationToken = default);

    /// <summary>The form of every referral received from <paramref name="receivedFrom"/> (inclusive) to
    /// <paramref name="receivedTo"/> (exclusive), null meaning unbounded, oldest first (then by id), exactly as each
    /// arrived. Streamed: the store reads a small page at a time, so memory does not grow with the number of referrals
    /// and no transaction stays open between pages.</summary>
    IAsyncEnumerable<StoredForm> ReadFormsAsync(DateTimeOffset? receivedFrom, DateTimeOffset? receivedTo, CancellationToken cancellationToken = default);
}

/// <summary>The audit trail. Access rules read its coded fields (<see cref="AuditEntry.ClinicId"/>, steps), never
/// its free text.</summary>
public interface IAuditTrail
{
    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string referralId, CancellationToken cancellationToken = default);
}

/// <summary>Clinic slots. Reserving is atomic and idempotent: reserving again for the same referral keeps its slot.</summary>
public interface ICapacityLedger
{
    Task<bool> TryReserveAsync(string clinicId, string referralId, int capacity, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task ReleaseAsync(string clinicId, string referralId, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, int>> SlotsInUseAsync(CancellationToken cancellationToken = default);

    /// <summary>As <see cref="TryReserveAsync"/>, against the clinic's effective capacity: the one a coordinator last
    /// set (<see cref="SetCapacityAsync"/>), or <paramref name="directoryCapacity"/> until one does. The capacity is read
    /// in the reservation's own transaction, serialised with edits, so a reservation made after an edit respects it.</summary>
    Task<bool> TryReserveWithinCapacityAsync(string clinicId, string referralId, int directoryCapacity, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The capacities coordinators have set, by clinic; a clinic never edited is absent.</summary>
    Task<IReadOnlyDictionary<string, int>> EditedCapacitiesAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the clinic's effective capacity and appends a <see cref="ClinicAuditStep.CapacityChanged"/> entry
    /// (from, to, in use, reason), in one transaction serialised with reservations. A capacity below what is in use is
    /// kept (<see cref="CapacityChange.OverCapacity"/>). Setting the capacity it already has changes nothing and audits nothing.</summary>
    Task<CapacityChange> SetCapacityAsync(CapacityEdit edit, CancellationToken cancellationToken = default);
}

/// <summary>Each clinic's own audit trail, append-only: changes to the clinic, not to a referral.</summary>
public interface IClinicAuditTrail
{
    Task<IReadOnlyList<ClinicAuditEntry>> ReadClinicAuditAsync(string clinicId, CancellationToken cancellationToken = default);
}

public enum DeliveryState { Pending, Sent, Failed }

/// <summary>One email, keyed so that an activity run twice (at-least-once) does not send it twice.</summary>
public sealed record NotificationRecord(
    string Key,
    string ReferralId,
    string Kind,
    string RecipientHash,
    DeliveryState State,
    DateTimeOffset At,
    string? ProviderMessageId = null,
    string? FailureReason = null);

public interface INotificationLog
{
    /// <summary>Claims <paramref name="record"/>'s key; false when it was claimed before (look it up to see how it went).</summary>
    Task<bool> TryBeginNotificationAsync(NotificationRecord record, CancellationToken cancellationToken = default);

    /// <summary>Records how a claimed notification went and appends <paramref name="entry"/>, its audit entry, as one
    /// fact: both commit or neither does, so a crash can never leave an email recorded as sent that the audit trail
    /// does not show. The outcome is written only over <see cref="DeliveryState.Pending"/> (the first outcome stands);
    /// the entry is appended only if the notification (<paramref name="entry"/>'s referral, notification kind and
    /// sequence) has no <c>notified</c> or <c>notification-failed</c> entry yet, so calling it again for a notification
    /// found already completed adds a missing entry and never a second one.</summary>
    Task CompleteNotificationAsync(string key, DeliveryState state, DateTimeOffset at, string? providerMessageId, string? failureReason, AuditEntry entry, CancellationToken cancellationToken = default);

    Task<NotificationRecord?> FindNotificationAsync(string key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<NotificationRecord>> ListNotificationsAsync(string referralId, CancellationToken cancellationToken = default);
}

/// <summary>What coordinators keep about a case beside the workflow: who it is assigned to, and case notes. Notes are
/// in the record store only: never in orchestration history, logs or email, and their text never in the audit trail.</summary>
public interface ICaseFile
{
    /// <summary>Sets (or with null clears) the case's assignee and appends <paramref name="entry"/>, in one transaction.</summary>
    /// <exception cref="KeyNotFoundException">There is no such referral.</exception>
    Task AssignAsync(string referralId, string? assignee, AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="text"/> as a note by <paramref name="entry"/>'s actor at its time, and appends
    /// <paramref name="entry"/> (which carries no text), in one transaction.</summary>
    /// <exception cref="KeyNotFoundException">There is no such referral.</exception>
    Task<CaseNote> AddNoteAsync(AuditEntry entry, string text, CancellationToken cancellationToken = default);

    /// <summary>The case's notes, oldest first.</summary>
    Task<IReadOnlyList<CaseNote>> ListNotesAsync(string referralId, CancellationToken cancellationToken = default);
}

/// <summary>A coordinator's note on a case: free text a person wrote, shown in the case view only.</summary>
public sealed record CaseNote(long Id, string ReferralId, DateTimeOffset At, string Author, string Text);

public interface IRecordStore : IReferralStore, IAuditTrail, ICapacityLedger, INotificationLog, IClinicAuditTrail, IStaffAccounts, ICaseFile;
