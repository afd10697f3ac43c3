using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;

namespace IptTriage.Workflow.Records;

/// <summary>One append-only audit entry, shaped like a FHIR AuditEvent: a coded <paramref name="Step"/>, who acted
/// (<paramref name="Actor"/>), and the facts it is about as coded fields, which is what rules and readers use.
/// <paramref name="RecipientHash"/> is a keyed hash of an address, never the address.</summary>
/// <param name="Detail">Free text only where a person wrote it (a coordinator's or clinic's reason), kept for people
/// to read and never parsed by the system. Entries written before the audit trail was coded (schema v2) keep the
/// text the system wrote then.</param>
public sealed record AuditEntry(
    string ReferralId,
    DateTimeOffset At,
    AuditStep Step,
    string Actor,
    IReadOnlyList<string> Rules,
    string? Detail = null,
    string? RecipientHash = null,
    string? PolicyVersion = null)
{
    /// <summary>The clinic the step concerns: offered to, placed with, released by, answered by.</summary>
    public string? ClinicId { get; init; }

    /// <summary>The notice a <c>notified</c>, <c>notification-failed</c> or <c>notification-skipped</c> entry is about;
    /// with <see cref="NotificationSequence"/> it names one notification-log key.</summary>
    public NotificationKind? NotificationKind { get; init; }

    public int? NotificationSequence { get; init; }

    /// <summary>The deadline the step set: a clinic's reply, a review, the next emergency escalation.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>The routing a screening decided, or a coordinator's override chose.</summary>
    public Outcome? Outcome { get; init; }

    public Pathway? Pathway { get; init; }

    public Modality? Modality { get; init; }

    public Urgency? Urgency { get; init; }

    /// <summary>What a coordinator decided on a review.</summary>
    public ReviewChoice? ReviewChoice { get; init; }

    /// <summary>Why the clinic a case was placed with by hand does not match it (on a <c>placement-override-reason</c>
    /// entry, with <see cref="ClinicId"/>); null when there were none.</summary>
    public IReadOnlyList<ClinicMismatch>? Mismatches { get; init; }
    /// <summary>The username an <c>assigned</c> entry gave the case to.</summary>
    public string? Assignee { get; init; }

    /// <summary>Why a <c>case-closed</c> entry's case was closed.</summary>
    public CloseReason? CloseReason { get; init; }

    /// <summary>How a <c>care-ended</c> entry's care ended.</summary>
    public DischargeReason? DischargeReason { get; init; }
}

/// <summary>The audit trail's actors: the system, a signed-in person (<c>user:&lt;username&gt;</c>) or a named API key
/// (<c>key:&lt;name&gt;</c>). Entries written before staff accounts (issue 12) name <c>coordinator:&lt;id&gt;</c> or
/// <c>clinic:&lt;id&gt;</c>, as the request body then said.</summary>
public static class Actors
{
    public const string System = "system";

    public static string User(string username) => $"user:{username}";

    public static string Key(string name) => $"key:{name}";

    /// <summary>Someone at the server's command line (<c>iptriage users</c>), by their operating-system account.</summary>
    public static string CommandLine(string osUser) => $"cli:{osUser}";
}
