namespace IptTriage.Workflow.Records;

/// <summary>One append-only audit entry. <paramref name="Detail"/> is written by the system from codes and ids, never
/// from form content; <paramref name="RecipientHash"/> is a keyed hash of an address, never the address.</summary>
public sealed record AuditEntry(
    string ReferralId,
    DateTimeOffset At,
    string Step,
    string Actor,
    IReadOnlyList<string> Rules,
    string Detail,
    string? RecipientHash = null,
    string? PolicyVersion = null);

public static class Actors
{
    public const string System = "system";

    public static string Coordinator(string coordinatorId) => $"coordinator:{coordinatorId}";

    public static string Clinic(string clinicId) => $"clinic:{clinicId}";
}
