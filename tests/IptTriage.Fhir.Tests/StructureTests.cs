using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Serialization;
using IptTriage.Fhir.Intake;

namespace IptTriage.Fhir.Tests;

/// <summary>The intake's structural check (<see cref="FhirStructure"/>, the SDK's model checked in one pass over the bytes) against the
/// SDK's own deserializer with its default validation, on the same broken Bundles: the same refusals at the same
/// instance paths.</summary>
public sealed class StructureTests
{
    private const string Sample = "0101-ipt-grief-spanish-speaking-widow.json";

    private static readonly FhirJsonDeserializer Sdk = new(new DeserializerSettings());

    public static TheoryData<string> Breakages() =>
    [
        "none", "bad code", "unknown element", "bad date", "number for a date", "object for an array", "array for one value",
        "missing required element", "missing required element in an item", "unknown choice type", "unknown resource type",
        "empty string", "primitive extension", "bad uri", "fraction for an integer", "empty array", "string for a boolean",
        "object for a primitive", "bad instant", "unknown element in a nested item", "null value", "bad id", "bad code pattern",
    ];

    [Theory]
    [MemberData(nameof(Breakages))]
    public void The_structural_check_refuses_what_the_sdk_deserializer_refuses_at_the_same_location(string breakage)
    {
        var bundle = SampleForms.BundleJson(Sample);
        var entries = bundle["entry"]!.AsArray();
        var patient = entries.First(entry => entry!["resource"]!["resourceType"]!.GetValue<string>() == "Patient")!["resource"]!;
        var response = entries.First(entry => entry!["resource"]!["resourceType"]!.GetValue<string>() == "QuestionnaireResponse")!["resource"]!;
        var request = entries.First(entry => entry!["resource"]!["resourceType"]!.GetValue<string>() == "ServiceRequest")!["resource"]!;
        switch (breakage)
        {
            case "bad code": patient["gender"] = "feminine"; break;
            case "unknown element": patient["nickname"] = "Lu"; break;
            case "bad date": patient["birthDate"] = "1990-13-45"; break;
            case "number for a date": patient["birthDate"] = 19900101; break;
            case "object for an array": patient["name"] = patient["name"]![0]!.DeepClone(); break;
            case "array for one value": patient["gender"] = new JsonArray("female"); break;
            case "missing required element": response.AsObject().Remove("status"); break;
            case "missing required element in an item": response["item"]![0]!.AsObject().Remove("linkId"); break;
            case "unknown choice type": response["item"]![0]!["answer"]![0] = JsonNode.Parse("""{"valueFoo":3}"""); break;
            case "unknown resource type": entries[0]!["resource"]!["resourceType"] = "Patientx"; break;
            case "empty string": patient["name"]![0]!["family"] = ""; break;
            case "primitive extension": patient["_birthDate"] = JsonNode.Parse("""{"extension":[{"url":"http://example.org/x","valueString":"y"}]}"""); break;
            case "bad uri": request["code"]!["coding"]![0]!["system"] = "http://example.org/a b"; break;
            case "fraction for an integer": response["item"]![0]!["answer"]![0] = JsonNode.Parse("""{"valueInteger":1.5}"""); break;
            case "empty array": patient["telecom"] = new JsonArray(); break;
            case "string for a boolean": patient["active"] = "true"; break;
            case "object for a primitive": patient["birthDate"] = JsonNode.Parse("""{"value":"1990-01-01"}"""); break;
            case "bad instant": bundle["timestamp"] = "2026-11-02"; break;
            case "unknown element in a nested item": response["item"]![0]!["answer"]![0]!["colour"] = "blue"; break;
            case "null value": patient["gender"] = null; break;
            case "bad id": patient["id"] = "not an id"; break;
            case "bad code pattern": response["item"]![0]!["answer"]![0] = JsonNode.Parse("""{"valueCoding":{"system":"http://loinc.org","code":" LA6568-5"}}"""); break;
        }
        var json = System.Text.Encoding.UTF8.GetBytes(bundle.ToJsonString());

        var ours = new List<FhirIssue>();
        FhirStructure.Read(json, "Bundle", ours);

        // The same element: the SDK names a lone object sent for an array, or an empty array, as its element [0] or [1],
        // and reports again every element inside a resource of unknown type; this check reports the element once.
        var sdk = SdkLocations(json).Select(Element).ToHashSet();
        var found = ours.Select(issue => Element(issue.Location)).ToHashSet();
        var because = $"{breakage}: ours {string.Join("; ", ours.Select(issue => $"{issue.Location}: {issue.Message}"))}; the SDK's {string.Join("; ", sdk)}";
        found.Should().BeSubsetOf(sdk, because);
        (found.Count > 0).Should().Be(sdk.Count > 0, because);
        if (breakage != "none" && breakage != "primitive extension") FhirIntakeReader.Read(json, "Bundle").IsMapped.Should().BeFalse();
    }

    private static string Element(string location) => System.Text.RegularExpressions.Regex.Replace(location, @"\[\d+\]$", "");

    private static string[] SdkLocations(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        Sdk.TryDeserializeResource(ref reader, out var resource, out var errors);
        return [.. errors.Select(error => error is Hl7.Fhir.Utility.ExtendedCodedException { InstancePath: { Length: > 0 } path } && path != "$this" ? path : resource?.TypeName ?? "$")
            .Distinct()];
    }
}
