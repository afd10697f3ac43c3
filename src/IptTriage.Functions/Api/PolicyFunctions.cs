using IptTriage.Api;
using IptTriage.Api.WhatIf;
using IptTriage.Triage.Policy;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IptTriage.Functions.Api;

/// <summary>Trying a change to the triage policy before making it (docs/api.md), forwarding to the shared handler.</summary>
public sealed class PolicyFunctions(IRecordStore records, TriagePolicy policy)
{
    [Function(nameof(ApiRoutes.RunPolicyWhatIf))]
    public Task<IActionResult> RunPolicyWhatIfAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = ApiRoutes.Prefix + "/" + ApiRoutes.PolicyWhatIf)] HttpRequest request, CancellationToken cancellationToken) =>
        ApiResults.RunAsync(async () => await PolicyWhatIf.HandleAsync(request, records, policy, cancellationToken));
}
