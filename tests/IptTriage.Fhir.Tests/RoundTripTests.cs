using IptTriage.Fhir.Forms;
using IptTriage.Fhir.Intake;
using IptTriage.Triage.Decisions;

namespace IptTriage.Fhir.Tests;

/// <summary>Every sample intake form, sent as FHIR in each shape real systems send, maps back to a form that gets the
/// same decision as the form itself.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> Samples => [.. SampleForms.Names];

    public static IEnumerable<ResponseShape> Shapes =>
    [
        new(AnswerStyle.Coded, LinkIdStyle.Published),
        new(AnswerStyle.Integers, LinkIdStyle.LoincPaths),
        new(AnswerStyle.OrdinalExtensions, LinkIdStyle.Published, Grouped: true),
        new(AnswerStyle.Coded, LinkIdStyle.ThroughQuestionnaire),
        new(AnswerStyle.OrdinalExtensions, LinkIdStyle.ThroughQuestionnaire, Grouped: true),
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_sent_as_a_bundle_in_every_shape_gets_the_same_decision(string name)
    {
        var expected = SampleForms.DecisionOf(SampleForms.Bytes(name));
        foreach (var shape in Shapes)
        {
            var bundle = FhirJson.ToUtf8(FhirReferralWriter.ToBundle(SampleForms.Form(name), shape));
            var intake = FhirIntakeReader.Read(bundle, "Bundle");

            intake.Issues.Should().BeEmpty($"{name} as {shape}");
            SampleForms.DecisionOf(intake.Form).Should().Be(expected, $"{name} as {shape}");
            Triage.Intake.IntakeParser.Parse(intake.Form).Form.Should().BeEquivalentTo(SampleForms.Form(name), $"every field comes back: {name} as {shape}");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_sent_as_one_questionnaire_response_with_nested_groups_gets_the_same_decision(string name)
    {
        var response = FhirJson.ToUtf8(FhirReferralWriter.ToResponse(SampleForms.Form(name)));
        var intake = FhirIntakeReader.Read(response, "QuestionnaireResponse");

        intake.Issues.Should().BeEmpty();
        SampleForms.DecisionOf(intake.Form).Should().Be(SampleForms.DecisionOf(SampleForms.Bytes(name)));
        Triage.Intake.IntakeParser.Parse(intake.Form).Form.Should().BeEquivalentTo(SampleForms.Form(name), "every field comes back, the referrer's included");
    }

    [Fact]
    public void The_same_bundle_always_maps_to_the_same_form_bytes_which_the_intake_compares_on_redelivery()
    {
        var bundle = FhirJson.ToUtf8(FhirReferralWriter.ToBundle(SampleForms.Form(SampleForms.Names[0])));
        var pretty = FhirJson.ToUtf8(FhirReferralWriter.ToBundle(SampleForms.Form(SampleForms.Names[0])), pretty: true);

        FhirIntakeReader.Read(bundle).Form.Should().Equal(FhirIntakeReader.Read(pretty).Form);
    }

    [Fact]
    public void A_screened_bundle_is_decided_like_its_form_and_an_unmappable_one_is_invalid_with_fhir_locations()
    {
        var name = SampleForms.Names[0];
        var bundle = FhirJson.ToUtf8(FhirReferralWriter.ToBundle(SampleForms.Form(name)));

        DecisionJson.ToJson(FhirScreening.Screen(bundle, "x", SampleForms.Policy)).Should().Be(SampleForms.DecisionOf(SampleForms.Bytes(name)));
        var refused = FhirScreening.Screen("""{"resourceType":"Bundle","type":"collection"}"""u8, "fallback", SampleForms.Policy);
        refused.Outcome.Should().Be(Outcome.Invalid);
        refused.ReferralId.Should().Be("fallback");
        refused.Errors.Select(error => error.Path).Should().Contain("Bundle");
    }
}
