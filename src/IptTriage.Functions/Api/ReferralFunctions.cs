using IptTriage.Hosting.Api.Referrals;
using IptTriage.Hosting.Api.Security;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Functions.Api;

/// <summary><c>POST /api/referrals</c> and <c>GET /api/referrals/{id}</c> (docs/api.md), forwarding to the local
/// host's handlers. A form submitted here is taken in exactly as the queue trigger takes it.</summary>
public sealed class ReferralFunctions(HttpApi api, IServiceProvider services, ReferralAccess access, IRecordStore records)
{
    [Function(nameof(SubmitReferral))]
    public Task<IActionResult> SubmitReferralAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "referrals")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.RunJsonAsync(request, ApiPolicies.Submit, async _ =>
            await SubmitReferral.HandleAsync(
                request, ActivatorUtilities.CreateInstance<ReferralIntake>(services, client), cancellationToken));

    [Function(nameof(GetReferral))]
    public Task<IActionResult> GetReferralAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "referrals/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiPolicies.ReadReferral, async caller =>
            await GetReferral.HandleAsync(id, caller.ToPrincipal(ApiKeyAuthenticationHandler.SchemeName), access, records, cancellationToken));
}
