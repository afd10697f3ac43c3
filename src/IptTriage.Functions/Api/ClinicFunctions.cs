using IptTriage.Api;
using IptTriage.Api.Clinics;
using IptTriage.Api.Referrals;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace IptTriage.Functions.Api;

/// <summary>Clinics as coordinators manage them (docs/api.md): one clinic with its audit trail, its capacity, and the
/// clinics a case could go to; and a clinic's own worklist; forwarding to the shared handlers.</summary>
public sealed class ClinicFunctions(ReferralAccess access, IRecordStore records, ClinicDirectory clinics, TimeProvider time)
{
    [Function(nameof(ApiRoutes.GetClinic))]
    public Task<IActionResult> GetClinicAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Clinic)] HttpRequest request,
        string clinicId,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync(async () => await GetClinic.HandleAsync(clinicId, clinics, records, cancellationToken));

    [Function(nameof(ApiRoutes.SetClinicCapacity))]
    public Task<IActionResult> SetClinicCapacityAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Put, Route = ApiRoutes.Prefix + "/" + ApiRoutes.ClinicCapacity)] HttpRequest request,
        string clinicId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync<ClinicCapacityBody>(request, async body =>
            await SetClinicCapacity.HandleAsync(clinicId, body, request.HttpContext.User, clinics, records,
                new FreedSlotOffers(new FindCasesForSlot(records, clinics), client), time, cancellationToken));

    [Function(nameof(ApiRoutes.ListPlacementOptions))]
    public Task<IActionResult> ListPlacementOptionsAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = ApiRoutes.Prefix + "/" + ApiRoutes.PlacementOptions)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync(async () => await ListPlacementOptions.HandleAsync(id, request.HttpContext.User, access, clinics, records, cancellationToken));

    [Function(nameof(ApiRoutes.ListClinicCases))]
    public Task<IActionResult> ListClinicCasesAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = ApiRoutes.Prefix + "/" + ApiRoutes.ClinicCases)] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync(async () => await ListClinicCases.HandleAsync(request.HttpContext.User, records, time, cancellationToken));
}
