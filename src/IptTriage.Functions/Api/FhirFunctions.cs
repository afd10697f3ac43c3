using IptTriage.Api;
using IptTriage.Api.Fhir;
using IptTriage.Api.Referrals;
using IptTriage.Workflow.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Functions.Api;

/// <summary>FHIR R4 under /fhir (docs/fhir.md), forwarding to the shared handlers. A FHIR referral is taken in as the
/// JSON submission is.</summary>
public sealed class FhirFunctions(IServiceProvider services, ReferralAccess access, FhirProfileChecks profileChecks, TimeProvider time)
{
    private const string Fhir = ApiRoutes.FhirPrefix + "/";

    [Function(nameof(ApiRoutes.SubmitFhirBundle))]
    public Task<IActionResult> SubmitFhirBundleAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = Fhir + ApiRoutes.FhirBundle)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync(() => SubmitFhirReferral.BundleAsync(request, ActivatorUtilities.CreateInstance<ReferralIntake>(services, client), profileChecks, cancellationToken));

    [Function(nameof(ApiRoutes.SubmitFhirQuestionnaireResponse))]
    public Task<IActionResult> SubmitFhirQuestionnaireResponseAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = Fhir + ApiRoutes.FhirQuestionnaireResponse)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync(() => SubmitFhirReferral.QuestionnaireResponseAsync(request, ActivatorUtilities.CreateInstance<ReferralIntake>(services, client), profileChecks, cancellationToken));

    [Function(nameof(ApiRoutes.ListFhirQuestionnaires))]
    public Task<IActionResult> ListFhirQuestionnairesAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = Fhir + ApiRoutes.FhirQuestionnaires)] HttpRequest request) =>
        ApiResults.RunAsync(() => Task.FromResult(GetFhirQuestionnaires.List()));

    [Function(nameof(ApiRoutes.GetFhirQuestionnaire))]
    public Task<IActionResult> GetFhirQuestionnaireAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = Fhir + ApiRoutes.FhirQuestionnaire)] HttpRequest request,
        string id) =>
        ApiResults.RunAsync(() => Task.FromResult(GetFhirQuestionnaires.Get(id)));

    [Function(nameof(ApiRoutes.GetFhirTask))]
    public Task<IActionResult> GetFhirTaskAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = Fhir + ApiRoutes.FhirTask)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        ApiResults.RunAsync(() => GetFhirTask.HandleAsync(id, request.HttpContext.User, access, cancellationToken));

    [Function(nameof(ApiRoutes.GetFhirMetadata))]
    public Task<IActionResult> GetFhirMetadataAsync(
        [HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = Fhir + ApiRoutes.FhirMetadata)] HttpRequest request) =>
        ApiResults.RunAsync(() => Task.FromResult(GetFhirMetadata.Handle(time)));
}
