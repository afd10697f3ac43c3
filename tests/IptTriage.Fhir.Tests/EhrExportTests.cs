using System.Text.Json.Nodes;
using Hl7.Fhir.Serialization;
using IptTriage.Fhir.Forms;
using IptTriage.Fhir.Intake;

namespace IptTriage.Fhir.Tests;

/// <summary>A referral as an electronic health record exports it carries much the intake does not read: ids, meta
/// (profiles, versions, security labels), generated narrative, identifiers of the record's own before ours, US Core
/// extensions, an extension on a primitive (<c>_birthDate</c>), a nickname listed before the official name, a next of
/// kin with an email of their own, addresses, displays and item texts. None of it may refuse the referral or change
/// what it maps to: the form must come out byte for byte as from the plain Bundle.</summary>
public sealed class EhrExportTests
{
    public static TheoryData<string> Samples => [.. SampleForms.Names];

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_as_an_ehr_exports_it_maps_to_the_same_form_as_the_plain_bundle(string name)
    {
        var plain = FhirJson.ToUtf8(FhirReferralWriter.ToBundle(SampleForms.Form(name)));
        var exported = AsAnEhrExportsIt(JsonNode.Parse(plain)!);
        var bytes = System.Text.Encoding.UTF8.GetBytes(exported.ToJsonString());

        var intake = FhirIntakeReader.Read(bytes, "Bundle");

        intake.Issues.Should().BeEmpty();
        intake.Form.Should().Equal(FhirIntakeReader.Read(plain, "Bundle").Form, "everything added is what the intake does not read");
        bytes.Length.Should().BeGreaterThan(plain.Length * 3 / 2, "the export adds a good deal");
        // The test's own Bundle is valid R4 as the SDK reads it, not only as the intake's check does.
        new FhirJsonDeserializer().Deserialize<Hl7.Fhir.Model.Bundle>(exported.ToJsonString()).Entry.Should().HaveCount(exported["entry"]!.AsArray().Count);
    }

    private static JsonNode AsAnEhrExportsIt(JsonNode bundle)
    {
        bundle["id"] = "7d3e2c1a-0000-4000-8000-000000000001";
        bundle["meta"] = new JsonObject { ["lastUpdated"] = "2026-11-02T09:30:05.123+00:00" };
        bundle["identifier"] = new JsonObject { ["system"] = "urn:ietf:rfc:3986", ["value"] = "urn:uuid:7d3e2c1a-0000-4000-8000-000000000001" };
        var patients = 0;
        foreach (var entry in bundle["entry"]!.AsArray())
        {
            var resource = entry!["resource"]!;
            var type = resource["resourceType"]!.GetValue<string>();
            resource["id"] ??= entry["fullUrl"]!.GetValue<string>().Split(':')[^1];
            resource["meta"] = Json("""{"versionId": "3", "lastUpdated": "2026-11-02T09:29:58Z", "source": "#ehr-a1b2", "security": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "HTEST"}]}""");
            resource["text"] = Json($$"""{"status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>{{type}}, as the record shows it</p></div>"}""");
            entry["request"]?.AsObject().Add("ifNoneExist", $"identifier=http://ehr.example.org|{resource["id"]}");
            switch (type)
            {
                case "Patient":
                    patients++;
                    resource["meta"]!["profile"] = Json("""["http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient|6.1.0"]""");
                    resource["extension"] = Json("""
                        [{"url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity", "extension": [
                            {"url": "ombCategory", "valueCoding": {"system": "urn:oid:2.16.840.1.113883.6.238", "code": "2135-2", "display": "Hispanic or Latino"}},
                            {"url": "text", "valueString": "Hispanic or Latino"}]},
                         {"url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex", "valueCode": "F"}]
                        """);
                    resource["identifier"] = Json("""[{"use": "usual", "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}], "text": "MRN"}, "system": "http://hospital.example.org/mrn", "value": "MRN-0042", "assigner": {"display": "Example Hospital"}}]""");
                    resource["active"] = true;
                    resource["name"]!.AsArray().Insert(0, Json("""{"use": "nickname", "given": ["Nick"]}"""));
                    (resource["telecom"] ??= new JsonArray()).AsArray().Add(Json("""{"system": "fax", "value": "+44 20 7946 0999", "use": "work"}"""));
                    resource["address"] = Json("""[{"use": "home", "type": "physical", "line": ["1 Example Street"], "city": "Exampleton", "postalCode": "EX1 1AA", "country": "GB"}]""");
                    resource["maritalStatus"] = Json("""{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", "code": "U"}]}""");
                    resource["contact"] = Json("""[{"relationship": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0131", "code": "N"}]}], "name": {"family": "Kin", "given": ["Next"]}, "telecom": [{"system": "email", "value": "next.of.kin@example.org"}, {"system": "phone", "value": "+44 20 7946 0111"}]}]""");
                    if (resource["birthDate"] is not null)
                        resource["_birthDate"] = Json("""{"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/patient-birthTime", "valueDateTime": "1971-04-12T08:15:00+01:00"}]}""");
                    break;
                case "ServiceRequest":
                    resource["identifier"]!.AsArray().Insert(0, Json("""{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "PLAC"}]}, "system": "http://ehr.example.org/orders", "value": "ORD-998877"}"""));
                    resource["category"] = Json("""[{"coding": [{"system": "http://snomed.info/sct", "code": "306206005", "display": "Referral to service"}]}]""");
                    resource["priority"] = "routine";
                    resource["reasonCode"] = Json("""[{"text": "Low mood"}]""");
                    resource["note"] = Json("""[{"text": "Free text the intake never reads.", "time": "2026-11-02T09:30:00Z"}]""");
                    break;
                case "Practitioner":
                    resource["identifier"] = Json("""[{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893"}]""");
                    (resource["telecom"] ??= new JsonArray()).AsArray().Insert(0, Json("""{"system": "phone", "value": "+44 20 7946 0222", "use": "work"}"""));
                    resource["qualification"] = Json("""[{"code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0360", "code": "MD"}]}}]""");
                    break;
                case "Organization":
                    resource["identifier"] = Json("""[{"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "A12345"}]""");
                    resource["active"] = true;
                    break;
                case "QuestionnaireResponse":
                    resource["meta"]!["profile"] = Json("""["http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaireresponse"]""");
                    resource["identifier"] = Json("""{"system": "http://ehr.example.org/qr", "value": "QR-1"}""");
                    foreach (var item in Items(resource))
                    {
                        item["text"] ??= "The question as the record shows it";
                        foreach (var coding in (item["answer"]?.AsArray() ?? []).Select(answer => answer!["valueCoding"]).OfType<JsonNode>())
                            coding["display"] ??= "The answer as the record shows it";
                    }
                    break;
            }
        }
        patients.Should().Be(1, "every sample Bundle has its Patient");
        return bundle;
    }

    /// <summary>Every item of a response, groups and answers' nested items included.</summary>
    private static IEnumerable<JsonNode> Items(JsonNode holder) =>
        (holder["item"]?.AsArray() ?? []).OfType<JsonNode>().SelectMany(item =>
            new[] { item }.Concat(Items(item)).Concat((item["answer"]?.AsArray() ?? []).OfType<JsonNode>().SelectMany(Items)));

    private static JsonNode Json(string text) => JsonNode.Parse(text)!;
}
