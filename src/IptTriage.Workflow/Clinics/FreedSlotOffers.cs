using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Models;
using Microsoft.DurableTask.Client;

namespace IptTriage.Workflow.Clinics;

/// <summary>Offers a clinic's free slots to the unplaced cases that match it, from outside an orchestration: what the
/// API calls when a coordinator raises a clinic's capacity. Orchestrations do the same themselves when they release a
/// slot (<see cref="WorkflowEvents.SlotFreed"/>, sent to each case <see cref="FindCasesForSlot"/> finds).</summary>
public sealed class FreedSlotOffers(FindCasesForSlot finder, DurableTaskClient client)
{
    /// <summary>Tells each matching unplaced case, best first, that <paramref name="clinicId"/> has room; returns their
    /// ids. Each case then reserves the slot for itself, so a case told too late stays unplaced.</summary>
    public async Task<IReadOnlyList<string>> OfferAsync(string clinicId, CancellationToken cancellationToken = default)
    {
        var cases = await finder.RunAsync(clinicId, cancellationToken);
        foreach (var referralId in cases)
            await client.RaiseEventAsync(referralId, WorkflowEvents.SlotFreed, new FreedSlot(clinicId), cancellationToken);
        return cases;
    }
}
