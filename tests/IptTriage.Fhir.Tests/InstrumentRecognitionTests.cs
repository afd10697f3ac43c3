using System.Text.Json.Nodes;
using IptTriage.Fhir.Forms;
using IptTriage.Fhir.Intake;

namespace IptTriage.Fhir.Tests;

/// <summary>A response's instrument is known by its Questionnaire canonical (with or without a version), its id or its
/// LOINC panel; a Questionnaire sent with it by its URL, whatever version the canonical names.</summary>
public sealed class InstrumentRecognitionTests
{
    private const string Sample = "0101-ipt-grief-spanish-speaking-widow.json";

    private static JsonNode Bundle(ResponseShape? shape = null) => SampleForms.BundleJson(Sample, shape);

    private static IEnumerable<JsonNode> Responses(JsonNode bundle) => SampleForms.ResourcesOf(bundle, "QuestionnaireResponse");

    private static JsonNode Gad7(JsonNode bundle) =>
        Responses(bundle).First(response => response["questionnaire"]!.GetValue<string>().EndsWith("/gad-7", StringComparison.Ordinal));

    private static FhirIntake Read(JsonNode bundle) => FhirIntakeReader.Read(System.Text.Encoding.UTF8.GetBytes(bundle.ToJsonString()), "Bundle");

    [Theory]
    [InlineData("https://iptriage.example.org/fhir/Questionnaire/gad-7|1.0.0")]
    [InlineData("http://loinc.org/q/69737-5")]
    [InlineData("69737-5")]
    [InlineData("gad-7")]
    public void Items_of_a_known_instrument_no_question_matches_are_refused_each_at_its_item(string canonical)
    {
        var bundle = Bundle();
        var gad7 = Gad7(bundle);
        gad7["questionnaire"] = canonical;
        foreach (var item in gad7["item"]!.AsArray()) item!["linkId"] = "sleep-" + item["linkId"]!.GetValue<string>();

        var intake = Read(bundle);

        intake.IsMapped.Should().BeFalse();
        intake.Issues.Should().NotContain(issue => issue.Message.Contains("not one the intake takes", StringComparison.Ordinal));
        intake.Issues.Count(issue => issue.Message.Contains("is not a question of any instrument", StringComparison.Ordinal)).Should().Be(gad7["item"]!.AsArray().Count);
    }

    [Fact]
    public void A_questionnaire_sent_with_the_responses_is_found_by_its_url_when_the_canonical_names_a_version()
    {
        var shape = new ResponseShape(AnswerStyle.Coded, LinkIdStyle.ThroughQuestionnaire);
        var expected = Read(Bundle(shape));
        var bundle = Bundle(shape);
        foreach (var response in Responses(bundle)) response["questionnaire"] = response["questionnaire"]!.GetValue<string>() + "|2";

        var intake = Read(bundle);

        expected.IsMapped.Should().BeTrue();
        intake.Issues.Should().BeEmpty();
        intake.Form.Should().Equal(expected.Form);
    }
}
