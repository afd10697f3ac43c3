using IptTriage.Triage;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>Records a status the orchestration reached, with its deadline where it has one, and its audit entry.</summary>
public sealed class RecordStep(IRecordStore records, TimeProvider time)
{
    public const string Name = nameof(RecordStep);

    public async Task RunAsync(StepRecord step, CancellationToken cancellationToken = default)
    {
        if (await records.AlreadyRecordedAsync(step.ReferralId, step.Status, StepOf(step), cancellationToken)) return;
        var now = time.GetUtcNow();
        DateTimeOffset? due = step.DueAt is { } dueAt ? new DateTimeOffset(dueAt, TimeSpan.Zero) : null;
        // The step arrives as its wire code: StepRecord is in orchestration history, whose shape must not change under
        // running instances (which may still send the sentence they used to write as its detail).
        await records.SetStatusAsync(step.ReferralId, step.Status,
            new AuditEntry(step.ReferralId, now, StepOf(step), step.Actor ?? Actors.System, [], step.Detail) { DueAt = due }, due,
            cancellationToken: cancellationToken);
    }

    private static AuditStep StepOf(StepRecord step) =>
        WireCode.TryParse(step.Step, out AuditStep code) ? code : throw new ArgumentException($"Unknown audit step '{step.Step}'.", nameof(step));
}
