using IptTriage.Triage.Decisions;
using IptTriage.Triage.Scoring;

namespace IptTriage.Triage.Tests.Decisions;

public sealed class SpecExampleTests
{
    [Fact]
    public void Ipt_grief_is_routed_to_ipt()
    {
        var decision = SpecExamples.IptGrief.Decide();

        decision.Should().BeEquivalentTo(new
        {
            ReferralId = "EX-0001",
            PolicyVersion = "1.0.0",
            Outcome = Outcome.Routed,
            Pathway = Pathway.Ipt,
            Modality = (Modality?)null,
            Adaptations = Array.Empty<Adaptation>(),
            Urgency = Urgency.Routine,
            Exclusions = Array.Empty<string>(),
            Flags = Array.Empty<string>(),
        });
        decision.Reasons.Select(r => r.Rule).Should().Equal(RuleIds.RtIpt);
        decision.Scores.Should().Be(new Scores(new Phq9Score(12, Severity.Moderate, 0), new Gad7Score(7, Severity.Mild),
            new CssrsScore(CssrsRisk.None), null, null, null, null, new AuditCScore(1, false)));
    }

    [Fact]
    public void Ipt_with_medication_for_severe_chronic_recurrent_depression()
    {
        var decision = SpecExamples.IptWithMedication.Decide();

        decision.Outcome.Should().Be(Outcome.Routed);
        decision.Pathway.Should().Be(Pathway.IptWithMedication);
        decision.Modality.Should().BeNull();
        decision.Adaptations.Should().BeEmpty();
        decision.Urgency.Should().Be(Urgency.Routine);
        decision.Exclusions.Should().BeEmpty();
        decision.Flags.Should().Equal("chronic-depression", "recurrent-depression", "severe-depression");
        decision.Reasons.Select(r => r.Rule).Should().Equal(
            RuleIds.RtMedication, RuleIds.MedSevere, RuleIds.MedChronic, RuleIds.MedRecurrent);
        decision.Scores!.Phq9.Should().Be(new Phq9Score(20, Severity.Severe, 0));
    }

    [Fact]
    public void Acute_risk_goes_to_crisis_services_as_an_emergency()
    {
        var decision = SpecExamples.AcuteRisk.Decide();

        decision.Outcome.Should().Be(Outcome.Routed);
        decision.Pathway.Should().Be(Pathway.Alternative);
        decision.Modality.Should().Be(Modality.CrisisServices);
        decision.Adaptations.Should().BeEmpty();
        decision.Urgency.Should().Be(Urgency.Emergency);
        decision.Exclusions.Should().Equal("acute-risk");
        decision.Flags.Should().Equal("contact-by-phone", "suicidal-ideation-reported");
        decision.Reasons.Select(r => r.Rule).Should().Equal(RuleIds.ExAcuteRisk, RuleIds.FlIdeation, RuleIds.FlPhone);
    }

    [Fact]
    public void Needs_review_without_focus_and_without_cssrs()
    {
        var decision = SpecExamples.NeedsReview.Decide();

        decision.Outcome.Should().Be(Outcome.Review);
        decision.Pathway.Should().Be(Pathway.Ipt);
        decision.Modality.Should().BeNull();
        decision.Urgency.Should().Be(Urgency.Urgent);
        decision.Exclusions.Should().BeEmpty();
        decision.Flags.Should().Equal("no-interpersonal-focus", "risk-assessment-needed", "suicidal-ideation-reported");
        decision.Reasons.Select(r => r.Rule).Should().Equal(RuleIds.RtIpt, RuleIds.RvRisk, RuleIds.RvNoFocus, RuleIds.FlIdeation);
    }
}
