namespace IptTriage.Workflow.Records;

/// <summary>What a clinic audit entry records, stored and shown as its wire code. Append members; never rename one.</summary>
public enum ClinicAuditStep
{
    CapacityChanged,
}

/// <summary>One append-only entry of a clinic's own audit trail (changes to the clinic, not to a referral), coded as
/// <see cref="AuditEntry"/> is: who (<paramref name="Actor"/>, <see cref="Actors"/>), when, and the facts as fields.</summary>
/// <param name="Detail">A person's reason, kept for people to read and never parsed.</param>
public sealed record ClinicAuditEntry(string ClinicId, DateTimeOffset At, ClinicAuditStep Step, string Actor, string? Detail = null)
{
    /// <summary>The effective capacity before and after a <c>capacity-changed</c> step.</summary>
    public int? CapacityFrom { get; init; }

    public int? CapacityTo { get; init; }

    /// <summary>Slots held when the step was taken.</summary>
    public int? InUse { get; init; }
}

/// <summary>A coordinator sets a clinic's effective capacity.</summary>
/// <param name="DirectoryCapacity">The directory's capacity: the effective one until a coordinator first sets it.</param>
/// <param name="Reason">Why, in the person's words; to the clinic audit trail only.</param>
public sealed record CapacityEdit(string ClinicId, int DirectoryCapacity, int Capacity, string Actor, string? Reason, DateTimeOffset At);

/// <summary>What a capacity edit changed, read in the transaction that made it.</summary>
/// <param name="From">The effective capacity before.</param>
/// <param name="To">The effective capacity now.</param>
/// <param name="InUse">Slots held at the change.</param>
public sealed record CapacityChange(int From, int To, int InUse)
{
    public bool Changed => From != To;

    /// <summary>More slots are held than the capacity allows: no case is offered to the clinic until fewer are.</summary>
    public bool OverCapacity => InUse > To;

    /// <summary>Slots the edit made free for new cases (0 when it lowered or kept the capacity, or the clinic stays full).</summary>
    public int SlotsFreed => Math.Max(0, Math.Max(0, To - InUse) - Math.Max(0, From - InUse));
}
