using IptTriage.Api;
using IptTriage.Api.Clinics;
using IptTriage.Api.Referrals;
using IptTriage.Api.Reviews;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace IptTriage.Functions.Api;

/// <summary>The decisions people make on a referral (docs/api.md): each is checked against the referral's state and
/// raised on its orchestration by the shared handler, through the Durable Functions client.</summary>
public sealed class ReferralActionFunctions(ReferralAccess access, IRecordStore records, ClinicDirectory clinics, TimeProvider time)
{
    [Function(nameof(ApiRoutes.DecideReview))]
    public Task<IActionResult> DecideReviewAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Review)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync<ReviewBody>(request, async body =>
            await DecideReview.HandleAsync(id, body, request.HttpContext.User, access, new ReferralEvents(client), records, time, cancellationToken));

    [Function(nameof(ApiRoutes.RespondToOffer))]
    public Task<IActionResult> RespondToOfferAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = ApiRoutes.Prefix + "/" + ApiRoutes.ClinicResponse)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync<ClinicResponseBody>(request, async body =>
            await RespondToOffer.HandleAsync(id, body, request.HttpContext.User, access, new ReferralEvents(client), records, time, cancellationToken));

    [Function(nameof(ApiRoutes.AcknowledgeCrisis))]
    public Task<IActionResult> AcknowledgeCrisisAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = ApiRoutes.Prefix + "/" + ApiRoutes.CrisisAck)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync<CrisisAckBody>(request, async body =>
            await AcknowledgeCrisis.HandleAsync(id, body, request.HttpContext.User, access, new ReferralEvents(client), cancellationToken));

    [Function(nameof(ApiRoutes.PlaceReferral))]
    public Task<IActionResult> PlaceReferralAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Placement)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync<ManualPlacementBody>(request, async body =>
            await PlaceReferral.HandleAsync(id, body, request.HttpContext.User, clinics, records, access, new ReferralEvents(client), cancellationToken));

    [Function(nameof(ApiRoutes.CloseReferral))]
    public Task<IActionResult> CloseReferralAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Close)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync<CloseBody>(request, async body =>
            await CloseReferral.HandleAsync(id, body, request.HttpContext.User, access, new ReferralEvents(client), cancellationToken));

    [Function(nameof(ApiRoutes.DischargeReferral))]
    public Task<IActionResult> DischargeReferralAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Discharge)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync<DischargeBody>(request, async body =>
            await DischargeReferral.HandleAsync(id, body, request.HttpContext.User, access, new ReferralEvents(client), cancellationToken));
}
