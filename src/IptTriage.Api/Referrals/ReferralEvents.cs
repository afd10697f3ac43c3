using Microsoft.DurableTask.Client;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <summary>Hands a person's decision to the referral's orchestration. The payload carries ids and codes only; any
/// free text was written to the audit trail before.</summary>
public sealed class ReferralEvents(DurableTaskClient client)
{
    public async Task<Accepted<ReferralReceipt>> RaiseAsync(ReferralRecord referral, string eventName, object payload)
    {
        // Not cancelled with the request: once the audit holds the decision, the event must follow it.
        await client.RaiseEventAsync(referral.ReferralId, eventName, payload, CancellationToken.None);
        return TypedResults.Accepted(Location(referral.ReferralId), new ReferralReceipt(referral.ReferralId, referral.Status));
    }

    public static string Location(string referralId) => $"/api/referrals/{Uri.EscapeDataString(referralId)}";
}
