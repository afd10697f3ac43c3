using IptTriage.Fhir.Resources;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Api.Fhir;

/// <summary><c>GET /fhir/metadata</c>: the CapabilityStatement of what /fhir serves.</summary>
public static class GetFhirMetadata
{
    public static IResult Handle(TimeProvider time) => FhirResult.Ok(FhirCapabilities.Statement(time.GetUtcNow()));
}
