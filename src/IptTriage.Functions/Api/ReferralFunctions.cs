using IptTriage.Api;
using IptTriage.Api.Referrals;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Functions.Api;

/// <summary>Submitting and reading a referral (docs/api.md), forwarding to the shared handlers. A form submitted here
/// is taken in exactly as the queue trigger takes it.</summary>
public sealed class ReferralFunctions(IServiceProvider services, ReferralAccess access, IRecordStore records, TimeProvider time)
{
    [Function(nameof(ApiRoutes.SubmitReferral))]
    public Task<IActionResult> SubmitReferralAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Referrals)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync(async () =>
            await SubmitReferral.HandleAsync(request, ActivatorUtilities.CreateInstance<ReferralIntake>(services, client), cancellationToken));

    [Function(nameof(ApiRoutes.GetReferral))]
    public Task<IActionResult> GetReferralAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Referral)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync(async () => await GetReferral.HandleAsync(id, request.HttpContext.User, access, records, time, cancellationToken));

    [Function(nameof(ApiRoutes.GetReferralSource))]
    public Task<IActionResult> GetReferralSourceAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Source)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync(async () => await GetReferralSource.HandleAsync(id, request.HttpContext.User, access, records, time, cancellationToken));
}
