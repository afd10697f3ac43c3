using System.Text.Json.Nodes;
using IptTriage.Fhir.Forms;
using IptTriage.Fhir.Intake;

namespace IptTriage.Fhir.Tests;

/// <summary>Scores given the ways senders give them beyond the round-trip shapes: SDC's itemWeight on the answer, and a
/// sender's own answer codes whose scores are only in the answer options of the Questionnaire sent with them.</summary>
public sealed class AnswerShapeTests
{
    private const string Sample = "0101-ipt-grief-spanish-speaking-widow.json";

    private static readonly string[] FrequencyCodes = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];

    private static JsonNode Bundle(ResponseShape shape) => SampleForms.BundleJson(Sample, shape);

    private static string Expected => SampleForms.DecisionOf(SampleForms.Bytes(Sample));

    private static string DecisionOf(JsonNode bundle)
    {
        var intake = FhirIntakeReader.Read(System.Text.Encoding.UTF8.GetBytes(bundle.ToJsonString()), "Bundle");
        intake.Issues.Should().BeEmpty();
        return SampleForms.DecisionOf(intake.Form);
    }

    [Fact]
    public void An_item_weight_extension_on_a_senders_own_answer_code_gives_its_score()
    {
        var bundle = Bundle(new ResponseShape(AnswerStyle.OrdinalExtensions));
        foreach (var extension in SampleForms.ResourcesOf(bundle, "QuestionnaireResponse").SelectMany(response => response["item"]!.AsArray())
                     .SelectMany(item => item!["answer"]!.AsArray()).Select(answer => answer!["valueCoding"]?["extension"]?[0]).OfType<JsonNode>())
            extension["url"] = FhirVocabulary.ItemWeight;

        DecisionOf(bundle).Should().Be(Expected);
    }

    [Theory]
    [InlineData("{0}.0")]
    [InlineData("{0}e0")]
    [InlineData("{0}.000E+0")]
    public void An_ordinal_written_as_a_whole_decimal_in_any_notation_gives_its_score(string notation)
    {
        var bundle = Bundle(new ResponseShape(AnswerStyle.OrdinalExtensions));
        var rewritten = 0;
        foreach (var extension in SampleForms.ResourcesOf(bundle, "QuestionnaireResponse").SelectMany(response => response["item"]!.AsArray())
                     .SelectMany(item => item!["answer"]!.AsArray()).Select(answer => answer!["valueCoding"]?["extension"]?[0]).OfType<JsonNode>())
        {
            var value = extension.AsObject().Single(property => property.Key.StartsWith("value", StringComparison.Ordinal));
            var score = value.Value!.GetValue<decimal>();
            extension.AsObject().Remove(value.Key);
            extension["valueDecimal"] = JsonNode.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, notation, score));
            rewritten++;
        }

        rewritten.Should().BeGreaterThan(9);
        DecisionOf(bundle).Should().Be(Expected);
    }

    [Fact]
    public void A_senders_own_answer_codes_are_scored_by_the_answer_options_of_the_questionnaire_sent_with_them()
    {
        var bundle = Bundle(new ResponseShape(AnswerStyle.Coded, LinkIdStyle.ThroughQuestionnaire));
        const string system = "http://ehr.example.org/CodeSystem/frequency";
        foreach (var option in SampleForms.ResourcesOf(bundle, "Questionnaire").SelectMany(questionnaire => questionnaire["item"]!.AsArray())
                     .SelectMany(item => item!["answerOption"]?.AsArray() ?? []).Select(option => option!["valueCoding"]!)
                     .Where(coding => FrequencyCodes.Contains(coding["code"]!.GetValue<string>())))
        {
            option["system"] = system;
            option["code"] = "f" + Array.IndexOf(FrequencyCodes, option["code"]!.GetValue<string>());
        }
        var renamed = 0;
        foreach (var coding in SampleForms.ResourcesOf(bundle, "QuestionnaireResponse").SelectMany(response => response["item"]!.AsArray())
                     .SelectMany(item => item!["answer"]!.AsArray()).Select(answer => answer!["valueCoding"]).OfType<JsonNode>()
                     .Where(coding => FrequencyCodes.Contains(coding["code"]!.GetValue<string>())))
        {
            coding["system"] = system;
            coding["code"] = "f" + Array.IndexOf(FrequencyCodes, coding["code"]!.GetValue<string>());
            renamed++;
        }

        renamed.Should().Be(16, "PHQ-9 and GAD-7 answers now carry codes only the bundled Questionnaires score");
        DecisionOf(bundle).Should().Be(Expected);
    }
}
