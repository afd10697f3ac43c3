using IptTriage.Hosting.Api.Clinics;
using IptTriage.Hosting.Api.Referrals;
using IptTriage.Hosting.Api.Reviews;
using IptTriage.Hosting.Api.Security;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace IptTriage.Functions.Api;

/// <summary>The decisions people make on a referral (docs/api.md): each is checked against the referral's state and
/// raised on its orchestration by the local host's handler, through the Durable Functions client.</summary>
public sealed class ReferralActionFunctions(HttpApi api, ReferralAccess access, IRecordStore records, ClinicDirectory clinics, TimeProvider time)
{
    [Function(nameof(DecideReview))]
    public Task<IActionResult> DecideReviewAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "referrals/{id}/review")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.RunAsync<ReviewBody>(request, ApiPolicies.Coordinator, async (_, body) =>
            await DecideReview.HandleAsync(id, body, access, Events(client), records, time, cancellationToken));

    [Function(nameof(RespondToOffer))]
    public Task<IActionResult> RespondToOfferAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "referrals/{id}/clinic-response")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.RunAsync<ClinicResponseBody>(request, ApiPolicies.Clinic, async (caller, body) =>
            await RespondToOffer.HandleAsync(
                id, body, caller.ToPrincipal(ApiKeyAuthenticationHandler.SchemeName), access, Events(client), records, time, cancellationToken));

    [Function(nameof(AcknowledgeCrisis))]
    public Task<IActionResult> AcknowledgeCrisisAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "referrals/{id}/crisis-ack")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.RunAsync<CrisisAckBody>(request, ApiPolicies.Coordinator, async (_, body) =>
            await AcknowledgeCrisis.HandleAsync(id, body, access, Events(client), cancellationToken));

    [Function(nameof(PlaceReferral))]
    public Task<IActionResult> PlaceReferralAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "referrals/{id}/placement")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.RunAsync<ManualPlacementBody>(request, ApiPolicies.Coordinator, async (_, body) =>
            await PlaceReferral.HandleAsync(id, body, clinics, access, Events(client), cancellationToken));

    private static ReferralEvents Events(DurableTaskClient client) => new(client);
}
