using IptTriage.Fhir.Instruments;
using IptTriage.Fhir.Questionnaires;
using IptTriage.Fhir.Resources;
using IptTriage.Workflow.Records;
using TaskStatus = Hl7.Fhir.Model.Task.TaskStatus;

namespace IptTriage.Fhir.Tests;

public sealed class TaskAndQuestionnaireTests
{
    [Fact]
    public void Every_referral_status_has_a_task_status_of_the_referral_tracking_set()
    {
        TaskStatus[] tracking = [TaskStatus.Requested, TaskStatus.Received, TaskStatus.Accepted, TaskStatus.Rejected,
            TaskStatus.InProgress, TaskStatus.OnHold, TaskStatus.Completed, TaskStatus.Cancelled];

        Enum.GetValues<ReferralStatus>().Select(ReferralTasks.StatusOf).Should().OnlyContain(status => tracking.Contains(status));
        ReferralTasks.StatusOf(ReferralStatus.Invalid).Should().Be(TaskStatus.Rejected);
        ReferralTasks.StatusOf(ReferralStatus.Unplaced).Should().Be(TaskStatus.OnHold);
        ReferralTasks.StatusOf(ReferralStatus.Received).Should().Be(TaskStatus.Requested);
        ReferralTasks.StatusOf(ReferralStatus.Placed).Should().Be(TaskStatus.Completed);
        ReferralTasks.StatusOf(ReferralStatus.Discharged).Should().Be(TaskStatus.Completed);
    }

    [Fact]
    public void Each_instrument_with_a_loinc_panel_is_coded_with_it_and_every_scored_option_carries_its_score()
    {
        foreach (var instrument in InstrumentCatalog.All)
        {
            var questionnaire = IntakeQuestionnaires.For(instrument);
            questionnaire.Code.Select(code => code.Code).Should().Equal(instrument.PanelLoinc is { } panel ? [panel] : []);
            foreach (var (item, question) in questionnaire.Item.Zip(instrument.Items).Where(pair => pair.Second.Kind == AnswerKind.Score))
                item.AnswerOption.Select(option => option.Value).OfType<Hl7.Fhir.Model.Coding>()
                    .Select(coding => (coding.Extension.Single(extension => extension.Url == FhirVocabulary.OrdinalValue).Value as Hl7.Fhir.Model.FhirDecimal)?.Value)
                    .Should().Equal(Enumerable.Range(0, question.Max + 1).Select(score => (decimal?)score));
        }
    }
}
