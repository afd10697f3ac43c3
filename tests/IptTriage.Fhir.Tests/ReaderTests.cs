using System.Text;
using System.Text.Json.Nodes;
using IptTriage.Fhir.Forms;
using IptTriage.Fhir.Intake;
using IptTriage.Triage.Intake;

namespace IptTriage.Fhir.Tests;

/// <summary>The one pass over the bytes (<see cref="FhirStructure"/> building the tree the mapping reads): what JSON
/// allows that the tree must still read right (escapes, <c>resourceType</c> anywhere, locations after the value bytes
/// serve the next request), and what is not text at all.</summary>
public sealed class ReaderTests
{
    private const string Sample = "0101-ipt-grief-spanish-speaking-widow.json";

    private static JsonNode Bundle() => SampleForms.BundleJson(Sample);

    private static JsonNode Patient(JsonNode bundle) => SampleForms.ResourcesOf(bundle, "Patient").First();

    private static int PatientEntry(JsonNode bundle) =>
        bundle["entry"]!.AsArray().Select((entry, index) => (entry, index)).First(pair => pair.entry!["resource"]!["resourceType"]!.GetValue<string>() == "Patient").index;

    private static byte[] Utf8(JsonNode bundle) => Encoding.UTF8.GetBytes(bundle.ToJsonString());

    [Fact]
    public void Text_that_is_not_utf8_is_refused_as_not_json_without_throwing()
    {
        var json = Utf8(Bundle());
        var family = json.AsSpan().IndexOf("\"family\":\""u8) + "\"family\":\""u8.Length;
        json[family] = 0xC3;
        json[family + 1] = 0x28;

        var intake = FhirIntakeReader.Read(json, "Bundle");

        intake.IsMapped.Should().BeFalse();
        intake.Issues.Should().ContainSingle().Which.Message.Should().Contain("not UTF-8").And.Contain($"byte {family + 1}");
        FhirScreening.Screen(json, "x", Triage.Policy.PolicyFile.LoadDefault()).Errors.Should().ContainSingle();
    }

    [Fact]
    public void An_escaped_surrogate_without_its_pair_is_refused_at_its_element()
    {
        var bundle = Bundle();
        Patient(bundle)["name"]![0]!["family"] = "placeholder";
        var json = Encoding.UTF8.GetBytes(bundle.ToJsonString().Replace("placeholder", @"Fern\ud800ndez", StringComparison.Ordinal));

        var intake = FhirIntakeReader.Read(json, "Bundle");

        intake.IsMapped.Should().BeFalse();
        intake.Issues.Should().ContainSingle().Which.Location.Should().Be($"Bundle.entry[{PatientEntry(bundle)}].resource.name[0].family");
    }

    [Theory]
    [InlineData(@"\ud800")]
    [InlineData(@"resource\udc00Type")]
    public void An_escaped_property_name_is_read_unescaped_and_refused_when_unknown_without_throwing(string name)
    {
        var bundle = Bundle();
        Patient(bundle)["placeholder"] = "x";
        var json = Encoding.UTF8.GetBytes(bundle.ToJsonString().Replace("\"placeholder\"", $"\"{name}\"", StringComparison.Ordinal));

        var intake = FhirIntakeReader.Read(json, "Bundle");

        intake.IsMapped.Should().BeFalse();
        intake.Issues.Should().NotBeEmpty().And.OnlyContain(issue => issue.Location.StartsWith($"Bundle.entry[{PatientEntry(bundle)}].resource", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"resourceType":"Bundle"}""", true)]
    [InlineData("""{"a":{"resourceType":"Bundle"},"\u0072esourceType":"Bundle"}""", true)]
    [InlineData("""{"schemaVersion":"1.0","resource\udc00Type":1}""", false)]
    [InlineData("""{"a":{"resourceType":"Bundle"}}""", false)]
    [InlineData("""{"resourceType":""", true)] // then refused by the FHIR reader as not JSON
    [InlineData("""["resourceType"]""", false)]
    public void Fhir_is_told_from_an_intake_form_by_a_top_level_resourceType_without_throwing(string text, bool fhir) =>
        FhirIntakeReader.IsFhir(Encoding.UTF8.GetBytes(text)).Should().Be(fhir);

    [Fact]
    public void Escaped_values_are_read_unescaped()
    {
        var bundle = Bundle();
        Patient(bundle)["name"]![0]!["family"] = "placeholder";
        // "O'Brien-Núñez" with every character that can be escaped written as an escape.
        var json = Encoding.UTF8.GetBytes(bundle.ToJsonString().Replace("placeholder", @"\u004F\u0027Brien-N\u00fa\u00f1ez", StringComparison.Ordinal));

        var intake = FhirIntakeReader.Read(json, "Bundle");

        intake.IsMapped.Should().BeTrue(string.Join("; ", intake.Issues.Select(issue => issue.Message)));
        IntakeParser.Parse(intake.Form!).Form!.Client.FamilyName.Should().Be("O'Brien-Núñez");
    }

    [Fact]
    public void A_resource_type_written_after_the_other_elements_is_still_the_resources_type()
    {
        var bundle = Bundle();
        var patient = Patient(bundle).AsObject();
        patient.Remove("resourceType");
        patient.Add("resourceType", "Patient");

        var moved = FhirIntakeReader.Read(Utf8(bundle), "Bundle");

        moved.IsMapped.Should().BeTrue(string.Join("; ", moved.Issues.Select(issue => issue.Message)));
        moved.Form.Should().Equal(FhirIntakeReader.Read(Utf8(Bundle()), "Bundle").Form);
    }

    [Fact]
    public void A_mapped_fields_location_is_still_known_after_the_thread_reads_other_requests()
    {
        var request = Utf8(Bundle());
        var first = FhirIntakeReader.Read(request, "Bundle");
        var other = SampleForms.BundleJson("0103-ipt-with-medication-severe-chronic-depression.json");
        for (var i = 0; i < 3; i++) FhirIntakeReader.Read(Utf8(other), "Bundle").IsMapped.Should().BeTrue();

        first.Locate([new("client.dateOfBirth", "x"), new("client.familyName", "x"), new("client.consent.nothing", "x")], request).Select(issue => issue.Location)
            .Should().Equal($"Bundle.entry[{PatientEntry(Bundle())}].resource.birthDate", $"Bundle.entry[{PatientEntry(Bundle())}].resource.name[0].family",
                "Bundle");
    }

    [Theory]
    [InlineData(Sample)]
    [InlineData("0103-ipt-with-medication-severe-chronic-depression.json")]
    public void Every_mapped_fields_location_found_by_reading_again_is_where_the_mapping_took_it(string sample)
    {
        var bundle = FhirJson.ToUtf8(FhirReferralWriter.ToBundle(SampleForms.Form(sample), new ResponseShape(AnswerStyle.OrdinalExtensions, LinkIdStyle.ThroughQuestionnaire, Grouped: true)));
        var tree = FhirStructure.Read(bundle, "Bundle", [])!;
        var draft = new IntakeFormDraft();
        var intake = ReferralMapper.Map(ReferralParts.FromBundle(tree.Resource), draft, "Bundle");
        intake.IsMapped.Should().BeTrue();
        var paths = new List<string>();
        FieldPaths(System.Text.Json.JsonDocument.Parse(intake.Form).RootElement, "", paths);
        // A container (client, instruments) is no field: its errors are the request's.
        var taken = paths.Select(path => draft.NearestLocationOf(path) ?? "Bundle").ToList();
        tree.Release();

        intake.Locate([.. paths.Select(path => new Triage.Decisions.FieldError(path, "x"))], bundle).Select(issue => issue.Location).Should().Equal(taken);
        taken.Should().Contain(location => location.Contains(".answer[0]", StringComparison.Ordinal), "answers are located at their answer");
    }

    /// <summary>Every object property's and array item's path in the form (<c>client.givenName</c>, <c>instruments.phq9[3]</c>).</summary>
    private static void FieldPaths(System.Text.Json.JsonElement value, string path, List<string> paths)
    {
        if (path.Length > 0) paths.Add(path);
        if (value.ValueKind == System.Text.Json.JsonValueKind.Object)
            foreach (var property in value.EnumerateObject()) FieldPaths(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", paths);
        else if (value.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) FieldPaths(item, $"{path}[{i++}]", paths);
        }
    }

    [Fact]
    public void Requests_read_at_once_on_many_threads_map_as_they_do_one_at_a_time()
    {
        // The element hints and the per-thread buffers are shared state: reading on many threads must change nothing.
        var bundles = SampleForms.Names.Select(name => FhirJson.ToUtf8(FhirReferralWriter.ToBundle(SampleForms.Form(name)))).ToArray();
        var alone = bundles.Select(bundle => FhirIntakeReader.Read(bundle).Form).ToArray();

        var together = new byte[]?[bundles.Length * 8];
        Parallel.For(0, together.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => together[i] = FhirIntakeReader.Read(bundles[i % bundles.Length]).Form);

        for (var i = 0; i < together.Length; i++) together[i].Should().Equal(alone[i % bundles.Length], SampleForms.Names[i % bundles.Length]);
    }
}
