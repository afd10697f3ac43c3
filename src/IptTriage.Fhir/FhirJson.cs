using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace IptTriage.Fhir;

/// <summary>FHIR JSON out (Firely's System.Text.Json serializer; the obsolete FhirJsonParser is not used).</summary>
public static class FhirJson
{
    private static readonly FhirJsonSerializer Serializer = new();

    public static byte[] ToUtf8(Resource resource, bool pretty = false) => Serializer.SerializeToBytes(resource, pretty);

    public static string ToText(Resource resource, bool pretty = false) => Serializer.SerializeToString(resource, pretty);
}
