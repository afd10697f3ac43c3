using IptTriage.Api;
using IptTriage.Api.Policy;
using IptTriage.Api.WhatIf;
using IptTriage.Triage.Policy;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IptTriage.Functions.Api;

/// <summary>The triage policy the app screens with, and trying a change to it before making it (docs/api.md),
/// forwarding to the shared handlers.</summary>
public sealed class PolicyFunctions(IRecordStore records, TriagePolicy policy)
{
    [Function(nameof(ApiRoutes.RunPolicyWhatIf))]
    public Task<IActionResult> RunPolicyWhatIfAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = ApiRoutes.Prefix + "/" + ApiRoutes.PolicyWhatIf)] HttpRequest request, CancellationToken cancellationToken) =>
        ApiResults.RunAsync(async () => await PolicyWhatIf.HandleAsync(request, records, policy, cancellationToken));

    [Function(nameof(ApiRoutes.GetPolicy))]
    public Task<IActionResult> GetPolicyAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = ApiRoutes.Prefix + "/" + ApiRoutes.CurrentPolicy)] HttpRequest request) =>
        ApiResults.RunAsync(() => Task.FromResult<IResult>(GetPolicy.Handle(policy)));
}
