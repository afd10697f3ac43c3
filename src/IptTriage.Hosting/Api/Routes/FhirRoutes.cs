using IptTriage.Api;
using IptTriage.Api.Fhir;
using IptTriage.Fhir;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IptTriage.Hosting.Api.Routes;

/// <summary>FHIR R4 under /fhir (docs/fhir.md): referrals in as Bundles or QuestionnaireResponses, the intake's
/// Questionnaires, each referral's Task, the CapabilityStatement.</summary>
internal static class FhirRoutes
{
    public static RouteGroupBuilder MapFhirRoutes(this RouteGroupBuilder fhir)
    {
        fhir.Map(ApiRoutes.SubmitFhirBundle, SubmitFhirReferral.BundleAsync).Accepts<object>(FhirVocabulary.MediaType, "application/json");
        fhir.Map(ApiRoutes.SubmitFhirQuestionnaireResponse, SubmitFhirReferral.QuestionnaireResponseAsync).Accepts<object>(FhirVocabulary.MediaType, "application/json");
        fhir.Map(ApiRoutes.ListFhirQuestionnaires, GetFhirQuestionnaires.List);
        fhir.Map(ApiRoutes.GetFhirQuestionnaire, GetFhirQuestionnaires.Get);
        fhir.Map(ApiRoutes.GetFhirTask, GetFhirTask.HandleAsync);
        fhir.Map(ApiRoutes.GetFhirMetadata, GetFhirMetadata.Handle);
        return fhir;
    }
}
