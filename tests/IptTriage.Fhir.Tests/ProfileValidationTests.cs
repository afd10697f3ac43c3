using Hl7.Fhir.Model;
using IptTriage.Fhir.Forms;
using IptTriage.Fhir.Questionnaires;
using IptTriage.Fhir.Resources;
using IptTriage.Fhir.Validation;
using IptTriage.Workflow.Records;

namespace IptTriage.Fhir.Tests;

/// <summary>Against the R4 core profiles (Firely's validator, offline): what the API serves and what the samples send
/// are valid FHIR, and a resource that breaks a core invariant is not. The only test that pays the validator's
/// start-up (seconds; docs/performance.md).</summary>
public sealed class ProfileValidationTests
{
    [Fact]
    public void What_is_served_and_sent_conforms_to_the_core_profiles_and_a_broken_resource_does_not()
    {
        var validation = new FhirProfileValidation();
        var referral = new ReferralRecord("SMP-0101", ReferralStatus.AwaitingClinic, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            new Routing(Triage.Decisions.Outcome.Routed, Triage.Decisions.Pathway.Ipt, null, [Triage.Decisions.Adaptation.IptLateLife], Triage.Decisions.Urgency.Urgent, "1"),
            null, "northbridge-ipt", DateTimeOffset.UnixEpoch.AddDays(3));
        Resource[] served =
        [
            .. IntakeQuestionnaires.All(),
            ReferralTasks.ToTask(ReferralTasks.ForCoordinator(referral)),
            FhirCapabilities.Statement(DateTimeOffset.UnixEpoch),
            FhirReferralWriter.ToBundle(SampleForms.Form("0106-ipsrt-mdq-positive-bipolar-spectrum.json"), new(AnswerStyle.OrdinalExtensions, LinkIdStyle.ThroughQuestionnaire, Grouped: true)),
            FhirReferralWriter.ToResponse(SampleForms.Form("0101-ipt-grief-spanish-speaking-widow.json")),
        ];

        foreach (var resource in served)
            validation.Validate(resource).Errors.Should().Be(0, $"{resource.TypeName} {resource.Id}: {FhirJson.ToText(validation.Validate(resource))}");

        // que-1: a display item may not have child items... here, a group with no items breaks R4's que-1 invariant.
        var broken = new Questionnaire { Status = PublicationStatus.Active, Item = [new Questionnaire.ItemComponent { LinkId = "g", Type = Questionnaire.QuestionnaireItemType.Group }] };
        validation.Validate(broken).Errors.Should().BePositive();
    }
}
