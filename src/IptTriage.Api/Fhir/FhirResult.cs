using Hl7.Fhir.Model;
using IptTriage.Fhir;
using IptTriage.Fhir.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Api.Fhir;

/// <summary>A FHIR resource as the answer, <c>application/fhir+json</c>, with its status and location.</summary>
public sealed class FhirResult(int statusCode, Resource resource, string? location = null) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    public static FhirResult Ok(Resource resource) => new(StatusCodes.Status200OK, resource);

    public static FhirResult Outcome(int statusCode, OperationOutcome outcome) => new(statusCode, outcome);

    public static FhirResult NotFound(string what) =>
        Outcome(StatusCodes.Status404NotFound, FhirOutcomes.Error(IssueType.NotFound, $"no such {what}"));

    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = FhirVocabulary.MediaType + "; charset=utf-8";
        if (location is not null) response.Headers.Location = location;
        await response.Body.WriteAsync(FhirJson.ToUtf8(resource), httpContext.RequestAborted);
    }
}
