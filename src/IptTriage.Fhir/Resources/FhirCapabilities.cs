using Hl7.Fhir.Model;

namespace IptTriage.Fhir.Resources;

/// <summary>GET /fhir/metadata: exactly what is served under /fhir, nothing more (docs/fhir.md).</summary>
public static class FhirCapabilities
{
    public static CapabilityStatement Statement(DateTimeOffset date) => new()
    {
        Name = "IptTriageFhir",
        Status = PublicationStatus.Active,
        Date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        // What this software serves on any installation (an instance's statement would have to name the installation, cpb-14).
        Kind = CapabilityStatementKind.Capability,
        Software = new CapabilityStatement.SoftwareComponent { Name = "IptTriage" },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = [FhirVocabulary.MediaType, "json"],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Documentation = "Every request carries an X-Api-Key header (docs/api.md). A referral is POSTed as a Bundle or a QuestionnaireResponse and answered 202 with the location of its Task.",
                Resource =
                [
                    Resource(ResourceType.Bundle, "POST /fhir/Bundle: a transaction, collection or message Bundle holding one referral", CapabilityStatement.TypeRestfulInteraction.Create),
                    Resource(ResourceType.QuestionnaireResponse, "POST /fhir/QuestionnaireResponse: one referral, the Patient contained", CapabilityStatement.TypeRestfulInteraction.Create),
                    Resource(ResourceType.Questionnaire, "The intake, one Questionnaire per instrument plus the referral details", CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType),
                    Resource(ResourceType.Task, "One Task per referral, by referral id", CapabilityStatement.TypeRestfulInteraction.Read),
                ],
            },
        ],
    };

    private static CapabilityStatement.ResourceComponent Resource(ResourceType type, string documentation, params CapabilityStatement.TypeRestfulInteraction[] interactions) => new()
    {
        Type = type.ToString(),
        Documentation = documentation,
        Interaction = [.. interactions.Select(code => new CapabilityStatement.ResourceInteractionComponent { Code = code })],
    };
}
