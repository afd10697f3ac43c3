using IptTriage.Api;
using IptTriage.Api.Clinics;
using IptTriage.Api.Referrals;
using IptTriage.Api.Reviews;
using IptTriage.Api.Worklists;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IptTriage.Functions.Api;

/// <summary>What coordinators read to work (docs/api.md): the referral list and its search, the review worklist, the worklists' counts, the clinic directory with capacity,
/// and the intake form's schema.</summary>
public sealed class WorklistFunctions(IRecordStore records, ClinicDirectory clinics, TimeProvider time)
{
    [Function(nameof(ApiRoutes.ListReferrals))]
    public Task<IActionResult> ListReferralsAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Referrals)] HttpRequest request, CancellationToken cancellationToken) =>
        ApiResults.RunAsync(async () => await ListReferrals.HandleAsync(request, request.HttpContext.User, records, time, cancellationToken));

    [Function(nameof(ApiRoutes.SearchReferrals))]
    public Task<IActionResult> SearchReferralsAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Search)] HttpRequest request, CancellationToken cancellationToken) =>
        ApiResults.RunAsync<ReferralSearchBody>(request, async body =>
            await SearchReferrals.HandleAsync(request, body, request.HttpContext.User, records, time, cancellationToken));

    [Function(nameof(ApiRoutes.ListReviews))]
    public Task<IActionResult> ListReviewsAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Reviews)] HttpRequest request, CancellationToken cancellationToken) =>
        ApiResults.RunAsync(async () => await ListReviews.HandleAsync(records, cancellationToken));

    [Function(nameof(ApiRoutes.GetWorklists))]
    public Task<IActionResult> GetWorklistsAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Worklists)] HttpRequest request, CancellationToken cancellationToken) =>
        ApiResults.RunAsync(async () => await GetWorklists.HandleAsync(request.HttpContext.User, records, time, cancellationToken));

    [Function(nameof(ApiRoutes.ListClinics))]
    public Task<IActionResult> ListClinicsAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Clinics)] HttpRequest request, CancellationToken cancellationToken) =>
        ApiResults.RunAsync(async () => await ListClinics.HandleAsync(clinics, records, cancellationToken));

    [Function(nameof(ApiRoutes.GetIntakeFormSchema))]
    public Task<IActionResult> GetIntakeFormSchemaAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = ApiRoutes.Prefix + "/" + ApiRoutes.IntakeFormSchema)] HttpRequest request) =>
        ApiResults.RunAsync(() => Task.FromResult<IResult>(GetIntakeFormSchema.Handle()));
}
