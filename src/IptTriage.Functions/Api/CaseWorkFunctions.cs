using IptTriage.Api;
using IptTriage.Api.Referrals;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IptTriage.Functions.Api;

/// <summary>What coordinators keep about a case beside the workflow (docs/api.md): its assignee and case notes, in the
/// record store only.</summary>
public sealed class CaseWorkFunctions(ReferralAccess access, IRecordStore records, TimeProvider time)
{
    [Function(nameof(ApiRoutes.AssignReferral))]
    public Task<IActionResult> AssignReferralAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Assignment)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync<AssignmentBody>(request, async body =>
            await AssignReferral.HandleAsync(id, body, request.HttpContext.User, access, records, time, cancellationToken));

    [Function(nameof(ApiRoutes.AddCaseNote))]
    public Task<IActionResult> AddCaseNoteAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = ApiRoutes.Prefix + "/" + ApiRoutes.Notes)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync<CaseNoteBody>(request, async body =>
            await AddCaseNote.HandleAsync(id, body, request.HttpContext.User, access, records, time, cancellationToken));
}
