using System.Text.Json.Nodes;
using IptTriage.Fhir.Forms;
using IptTriage.Fhir.Intake;

namespace IptTriage.Fhir.Tests;

/// <summary>What cannot be mapped is refused whole — no form — each issue at its FHIR location with a plain message.</summary>
public sealed class RefusalTests
{
    private const string Sample = "0101-ipt-grief-spanish-speaking-widow.json";

    private static JsonNode Bundle(ResponseShape? shape = null) => SampleForms.BundleJson(Sample, shape);

    private static int EntryOf(JsonNode bundle, Func<JsonNode, bool> match) =>
        bundle["entry"]!.AsArray().Select((entry, index) => (entry, index)).First(pair => match(pair.entry!["resource"]!)).index;

    private static int ResponseFor(JsonNode bundle, string questionnaireId) =>
        EntryOf(bundle, resource => resource["questionnaire"]?.GetValue<string>().EndsWith("/" + questionnaireId, StringComparison.Ordinal) == true);

    private static JsonNode Resource(JsonNode bundle, int entry) => bundle["entry"]![entry]!["resource"]!;

    private static FhirIntake Read(JsonNode bundle) => FhirIntakeReader.Read(System.Text.Encoding.UTF8.GetBytes(bundle.ToJsonString()), "Bundle");

    private static void ShouldBeRefusedAt(FhirIntake intake, string location, string messagePart)
    {
        intake.IsMapped.Should().BeFalse();
        intake.Form.Should().BeNull("never a partial intake");
        intake.Issues.Should().Contain(issue => issue.Location == location && issue.Message.Contains(messagePart, StringComparison.OrdinalIgnoreCase),
            $"expected an issue at {location}; got {string.Join("; ", intake.Issues.Select(issue => $"{issue.Location}: {issue.Message}"))}");
    }

    [Fact]
    public void An_unknown_instrument_is_refused_at_its_questionnaire()
    {
        var bundle = Bundle();
        var gad7 = ResponseFor(bundle, "gad-7");
        Resource(bundle, gad7)["questionnaire"] = "http://example.org/Questionnaire/sleep-diary";
        foreach (var item in Resource(bundle, gad7)["item"]!.AsArray()) item!["linkId"] = "sleep-" + item["linkId"]!.GetValue<string>();

        ShouldBeRefusedAt(Read(bundle), $"Bundle.entry[{gad7}].resource.questionnaire", "not one the intake takes");
    }

    [Fact]
    public void An_item_no_instrument_asks_is_refused_at_the_item()
    {
        var bundle = Bundle();
        var phq9 = ResponseFor(bundle, "phq-9");
        Resource(bundle, phq9)["item"]![3]!["linkId"] = "99999-9";

        ShouldBeRefusedAt(Read(bundle), $"Bundle.entry[{phq9}].resource.item[3]", "not a question");
    }

    [Fact]
    public void A_missing_required_item_is_refused_at_its_response()
    {
        var bundle = Bundle();
        var phq9 = ResponseFor(bundle, "phq-9");
        Resource(bundle, phq9)["item"]!.AsArray().RemoveAt(8);

        ShouldBeRefusedAt(Read(bundle), $"Bundle.entry[{phq9}].resource", "'44260-8'");
    }

    [Fact]
    public void An_item_with_two_answers_is_refused_at_the_item_and_not_again_as_unanswered()
    {
        var bundle = Bundle();
        var phq9 = ResponseFor(bundle, "phq-9");
        var answers = Resource(bundle, phq9)["item"]![2]!["answer"]!.AsArray();
        answers.Add(answers[0]!.DeepClone());

        var intake = Read(bundle);

        ShouldBeRefusedAt(intake, $"Bundle.entry[{phq9}].resource.item[2]", "takes one answer, not 2");
        intake.Issues.Should().ContainSingle();
    }

    [Fact]
    public void An_item_answered_twice_is_refused_at_the_second_even_when_the_first_answer_was_refused()
    {
        var bundle = Bundle(new ResponseShape(AnswerStyle.Integers));
        var phq9 = ResponseFor(bundle, "phq-9");
        var items = Resource(bundle, phq9)["item"]!.AsArray();
        items[2]!["answer"]![0]!["valueInteger"] = 9;
        items.Add(items[2]!.DeepClone());
        items[^1]!["answer"]![0]!["valueInteger"] = 1;

        var intake = Read(bundle);

        ShouldBeRefusedAt(intake, $"Bundle.entry[{phq9}].resource.item[2].answer[0]", "out of range");
        ShouldBeRefusedAt(intake, $"Bundle.entry[{phq9}].resource.item[{items.Count - 1}]", "answered twice");
        intake.Issues.Should().HaveCount(2, "nothing is reported as unanswered");
    }

    [Fact]
    public void No_phq9_at_all_is_refused_at_the_bundle()
    {
        var bundle = Bundle();
        bundle["entry"]!.AsArray().RemoveAt(ResponseFor(bundle, "phq-9"));

        var intake = Read(bundle);

        ShouldBeRefusedAt(intake, "Bundle", "needs a PHQ-9");
        intake.Issues.Should().ContainSingle(issue => issue.Message.Contains("PHQ-9", StringComparison.Ordinal), "one issue for the instrument, not one per item");
    }

    [Fact]
    public void Without_phq9_an_incomplete_gad7_is_still_reported()
    {
        var bundle = Bundle();
        bundle["entry"]!.AsArray().RemoveAt(ResponseFor(bundle, "phq-9"));
        var gad7 = ResponseFor(bundle, "gad-7");
        Resource(bundle, gad7)["item"]!.AsArray().RemoveAt(0);

        ShouldBeRefusedAt(Read(bundle), $"Bundle.entry[{gad7}].resource", "'69725-0'");
    }

    [Theory]
    [InlineData(AnswerStyle.Integers, """{"valueInteger":4}""", "out of range")]
    [InlineData(AnswerStyle.Coded, """{"valueCoding":{"system":"http://loinc.org","code":"LA6572-7"}}""", "no score")]
    [InlineData(AnswerStyle.Coded, """{"valueString":"often"}""", "score 0-3")]
    [InlineData(AnswerStyle.OrdinalExtensions, """{"valueCoding":{"code":"a","extension":[{"url":"http://hl7.org/fhir/StructureDefinition/ordinalValue","valueDecimal":7}]}}""", "out of range")]
    public void An_answer_out_of_range_or_without_a_score_is_refused_at_the_answer(AnswerStyle style, string answer, string messagePart)
    {
        var bundle = Bundle(new ResponseShape(style));
        var phq9 = ResponseFor(bundle, "phq-9");
        Resource(bundle, phq9)["item"]![3]!["answer"] = new JsonArray(JsonNode.Parse(answer));

        var intake = Read(bundle);
        ShouldBeRefusedAt(intake, $"Bundle.entry[{phq9}].resource.item[3].answer[0]", messagePart);
        intake.Issues.Should().ContainSingle("the item was answered, so it is not reported again as unanswered");
    }

    [Fact]
    public void A_patient_without_a_birth_date_is_refused_at_its_birth_date()
    {
        var bundle = Bundle();
        var patient = EntryOf(bundle, resource => resource["resourceType"]!.GetValue<string>() == "Patient");
        Resource(bundle, patient).AsObject().Remove("birthDate");

        ShouldBeRefusedAt(Read(bundle), $"Bundle.entry[{patient}].resource.birthDate", "no birth date");
    }

    [Theory]
    [InlineData("2026-11-02")]
    [InlineData("2026-11")]
    public void A_referral_time_without_a_time_to_the_second_is_refused_at_it(string authoredOn)
    {
        var bundle = Bundle();
        var request = EntryOf(bundle, resource => resource["resourceType"]!.GetValue<string>() == "ServiceRequest");
        Resource(bundle, request)["authoredOn"] = authoredOn;

        ShouldBeRefusedAt(Read(bundle), $"Bundle.entry[{request}].resource.authoredOn", "a time to the second and a time zone");
    }

    [Fact]
    public void A_referral_time_with_a_fraction_and_an_offset_is_the_forms_time_as_sent()
    {
        var bundle = Bundle();
        var request = EntryOf(bundle, resource => resource["resourceType"]!.GetValue<string>() == "ServiceRequest");
        Resource(bundle, request)["authoredOn"] = "2026-11-02T09:30:00.123+05:30";

        var intake = Read(bundle);

        intake.IsMapped.Should().BeTrue(string.Join("; ", intake.Issues.Select(issue => issue.Message)));
        JsonNode.Parse(intake.Form)!["receivedAt"]!.GetValue<string>().Should().Be("2026-11-02T09:30:00.123+05:30");
    }

    [Fact]
    public void Two_phq9_responses_are_refused_at_the_second()
    {
        var bundle = Bundle();
        var phq9 = ResponseFor(bundle, "phq-9");
        var copy = bundle["entry"]![phq9]!.DeepClone();
        copy["fullUrl"] = "urn:uuid:6f1d0c52-52f7-4d2b-9a86-0f0a3c2f7e11";
        bundle["entry"]!.AsArray().Add(copy);
        var second = bundle["entry"]!.AsArray().Count - 1;

        ShouldBeRefusedAt(Read(bundle), $"Bundle.entry[{second}].resource", "a second PHQ-9 response");
    }

    [Fact]
    public void A_service_request_for_another_service_is_refused_at_its_code()
    {
        var bundle = Bundle();
        var request = EntryOf(bundle, resource => resource["resourceType"]!.GetValue<string>() == "ServiceRequest");
        Resource(bundle, request)["code"] = JsonNode.Parse("""{"coding":[{"system":"http://snomed.info/sct","code":"306206005"}]}""");

        ShouldBeRefusedAt(Read(bundle), $"Bundle.entry[{request}].resource.code", "another service");
    }

    [Fact]
    public void Structural_errors_are_found_by_the_sdk_and_located_by_it()
    {
        var bundle = Bundle();
        var patient = EntryOf(bundle, resource => resource["resourceType"]!.GetValue<string>() == "Patient");
        Resource(bundle, patient)["gender"] = "feminine";
        Resource(bundle, patient)["nickname"] = "Lu";

        var intake = Read(bundle);

        intake.IsMapped.Should().BeFalse();
        intake.Issues.Select(issue => issue.Location).Should().Contain([$"Bundle.entry[{patient}].resource.gender", $"Bundle.entry[{patient}].resource.nickname"]);
    }

    [Theory]
    [InlineData("""{"resourceType":"Patient","gender":"female"}""", "Bundle", "takes a Bundle")]
    [InlineData("""{"resourceType":"Bundle","type":"searchset"}""", "Bundle.type", "transaction, collection or message")]
    [InlineData("""{"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:6f1d0c52-52f7-4d2b-9a86-0f0a3c2f7e12","resource":{"resourceType":"Observation","status":"final","code":{"text":"x"}}}]}""",
        "Bundle.entry[0].resource", "not part of a referral")]
    [InlineData("""{"resourceType":"Bundle","type":""", "Bundle", "not valid JSON")]
    public void A_request_that_is_not_a_referral_bundle_is_refused(string body, string location, string messagePart)
    {
        ShouldBeRefusedAt(FhirIntakeReader.Read(System.Text.Encoding.UTF8.GetBytes(body), "Bundle"), location, messagePart);
    }

    [Fact]
    public void A_mapped_form_the_intake_finds_invalid_has_its_errors_located_where_the_fhir_said_them()
    {
        var bundle = Bundle();
        var patient = EntryOf(bundle, resource => resource["resourceType"]!.GetValue<string>() == "Patient");
        Resource(bundle, patient)["birthDate"] = "2099-01-01";
        var request = System.Text.Encoding.UTF8.GetBytes(bundle.ToJsonString());
        var intake = FhirIntakeReader.Read(request, "Bundle");

        intake.IsMapped.Should().BeTrue("the birth date is a date; the intake's rules find it after the referral");
        var errors = Triage.Intake.IntakeParser.Parse(intake.Form).Errors;
        intake.Locate(errors, request).Select(issue => issue.Location).Should().Equal($"Bundle.entry[{patient}].resource.birthDate");
    }
}
