using IptTriage.Hosting.Api;
using IptTriage.Hosting.Api.Clinics;
using IptTriage.Hosting.Api.Reviews;
using IptTriage.Hosting.Api.Security;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IptTriage.Functions.Api;

/// <summary>What coordinators read to work (docs/api.md): the review worklist, the clinic directory with capacity,
/// and the intake form's schema.</summary>
public sealed class WorklistFunctions(HttpApi api, IRecordStore records, ClinicDirectory clinics)
{
    [Function(nameof(ListReviews))]
    public Task<IActionResult> ListReviewsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reviews")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiPolicies.Coordinator, async _ => await ListReviews.HandleAsync(records, cancellationToken));

    [Function(nameof(ListClinics))]
    public Task<IActionResult> ListClinicsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "clinics")] HttpRequest request, CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiPolicies.Coordinator, async _ => await ListClinics.HandleAsync(clinics, records, cancellationToken));

    [Function(nameof(GetIntakeFormSchema))]
    public Task<IActionResult> GetIntakeFormSchemaAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "schema/intake-form")] HttpRequest request) =>
        api.RunAsync(request, ApiPolicies.AnyKey, _ => Task.FromResult<IResult>(GetIntakeFormSchema.Handle()));
}
