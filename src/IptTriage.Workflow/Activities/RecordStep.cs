using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>Records a status the orchestration reached, with its deadline where it has one, and its audit entry.</summary>
public sealed class RecordStep(IRecordStore records, TimeProvider time)
{
    public const string Name = nameof(RecordStep);

    public async Task RunAsync(StepRecord step, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? due = step.DueAt is { } dueAt ? new DateTimeOffset(dueAt, TimeSpan.Zero) : null;
        await records.SetStatusAsync(step.ReferralId, step.Status, new AuditEntry(step.ReferralId, now, step.Step, Actors.System, [], step.Detail), due,
            cancellationToken: cancellationToken);
    }
}
