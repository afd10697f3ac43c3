using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>The clinic ended care of a placed case: <c>discharged</c>, with the coded reason, and its slot released.
/// Returns the clinic released.</summary>
public sealed class DischargeCase(IRecordStore records, TimeProvider time)
{
    public const string Name = nameof(DischargeCase);

    public Task<string?> RunAsync(CaseDischarge discharge, CancellationToken cancellationToken = default) =>
        records.EndAsync(discharge.ReferralId, ReferralStatus.Discharged,
            new AuditEntry(discharge.ReferralId, time.GetUtcNow(), AuditStep.CareEnded, discharge.End.By, []) { DischargeReason = discharge.End.Reason },
            cancellationToken);
}
