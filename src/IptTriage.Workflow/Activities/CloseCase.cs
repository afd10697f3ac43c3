using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>A coordinator closes the case at whatever stage it is: <c>closed</c>, with the coded reason, and its slot
/// (if an offer or a placement held one) released. Returns the clinic released, if any.</summary>
public sealed class CloseCase(IRecordStore records, TimeProvider time)
{
    public const string Name = nameof(CloseCase);

    public Task<string?> RunAsync(CaseClosing closing, CancellationToken cancellationToken = default) =>
        records.EndAsync(closing.ReferralId, ReferralStatus.Closed,
            new AuditEntry(closing.ReferralId, time.GetUtcNow(), AuditStep.CaseClosed, closing.Closure.By, []) { CloseReason = closing.Closure.Reason },
            cancellationToken);
}
