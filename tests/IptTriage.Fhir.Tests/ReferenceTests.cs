using System.Text.Json.Nodes;
using IptTriage.Fhir.Intake;
using IptTriage.Triage.Intake;

namespace IptTriage.Fhir.Tests;

/// <summary>A reference names a resource of the request by its full URL or <c>Type/id</c>; when two resources answer to
/// one name, the one read first is taken.</summary>
public sealed class ReferenceTests
{
    private const string Sample = "0101-ipt-grief-spanish-speaking-widow.json";

    private static JsonNode Bundle() => SampleForms.BundleJson(Sample);

    private static JsonNode Entry(JsonNode bundle, string type) =>
        bundle["entry"]!.AsArray().First(entry => entry!["resource"]!["resourceType"]!.GetValue<string>() == type)!;

    private static JsonNode ServiceRequest(JsonNode bundle) => Entry(bundle, "ServiceRequest")["resource"]!;

    /// <summary>Another Patient (so the subject is found only by its reference), named <paramref name="given"/>.</summary>
    private static JsonNode OtherPatient(JsonNode bundle, string fullUrl, string id, string given)
    {
        var other = Entry(bundle, "Patient").DeepClone();
        other["fullUrl"] = fullUrl;
        other["resource"]!["id"] = id;
        other["resource"]!["name"]![0]!["given"] = new JsonArray(given);
        return other;
    }

    private static string? GivenName(JsonNode bundle)
    {
        var intake = FhirIntakeReader.Read(System.Text.Encoding.UTF8.GetBytes(bundle.ToJsonString()), "Bundle");
        intake.Issues.Should().BeEmpty();
        return IntakeParser.Parse(intake.Form).Form!.Client.GivenName;
    }

    [Fact]
    public void A_subject_referenced_by_type_and_id_is_that_patient()
    {
        var bundle = Bundle();
        var entries = bundle["entry"]!.AsArray();
        entries.Add(OtherPatient(bundle, "urn:uuid:0d9f3a5e-8c1b-4a57-9e2f-6b1c7d8e9f01", "p2", "Second"));
        ServiceRequest(bundle)["subject"]!["reference"] = "Patient/p2";

        GivenName(bundle).Should().Be("Second");
    }

    [Fact]
    public void A_name_two_resources_answer_to_is_the_first_ones()
    {
        var bundle = Bundle();
        var entries = bundle["entry"]!.AsArray();
        // The first answers to Patient/p2 by its id, the second by its full URL.
        entries.Add(OtherPatient(bundle, "urn:uuid:0d9f3a5e-8c1b-4a57-9e2f-6b1c7d8e9f02", "p2", "First"));
        entries.Add(OtherPatient(bundle, "Patient/p2", "p3", "Second"));
        ServiceRequest(bundle)["subject"]!["reference"] = "Patient/p2";

        GivenName(bundle).Should().Be("First");

        var reversed = Bundle();
        reversed["entry"]!.AsArray().Add(OtherPatient(reversed, "Patient/p2", "p3", "First"));
        reversed["entry"]!.AsArray().Add(OtherPatient(reversed, "urn:uuid:0d9f3a5e-8c1b-4a57-9e2f-6b1c7d8e9f02", "p2", "Second"));
        ServiceRequest(reversed)["subject"]!["reference"] = "Patient/p2";

        GivenName(reversed).Should().Be("First");
    }

    [Fact]
    public void A_reference_to_no_resource_of_the_request_finds_none()
    {
        var bundle = Bundle();
        bundle["entry"]!.AsArray().Add(OtherPatient(bundle, "urn:uuid:0d9f3a5e-8c1b-4a57-9e2f-6b1c7d8e9f03", "p2", "Second"));
        ServiceRequest(bundle)["subject"]!["reference"] = "Patient/p";

        var intake = FhirIntakeReader.Read(System.Text.Encoding.UTF8.GetBytes(bundle.ToJsonString()), "Bundle");

        intake.IsMapped.Should().BeFalse();
        intake.Issues.Should().Contain(issue => issue.Message.Contains("must be a Patient in the Bundle", StringComparison.Ordinal));
    }
}
