using Hl7.Fhir.Model;
using IptTriage.Triage;
using IptTriage.Workflow.Records;
using TaskStatus = Hl7.Fhir.Model.Task.TaskStatus;

namespace IptTriage.Fhir.Resources;

/// <summary>What a Task says of a referral for one reader: its FHIR status, the project's own status code, the clinic
/// that owns it, and the routing (codes only) when the reader may see it.</summary>
public sealed record TaskFacts(
    string ReferralId,
    TaskStatus Status,
    string BusinessStatus,
    DateTimeOffset? AuthoredOn = null,
    DateTimeOffset? LastModified = null,
    string? ClinicId = null,
    Routing? Routing = null,
    DateTimeOffset? RespondBy = null);

/// <summary>Each referral as a FHIR Task (GET /fhir/Task/{referralId}), the referral-tracking pattern of HL7 BSeR and
/// the Clinical Order Workflows guidance: <c>focus</c> the referral's ServiceRequest (by its identifier), <c>owner</c>
/// the clinic as an Organization, <c>output</c> the pathway, modality, adaptations and urgency as codes. Never a
/// diagnosis, a score or free text.</summary>
public static class ReferralTasks
{
    /// <summary>The referral's status as a Task's (docs/fhir.md, "Task"). New statuses fall to in-progress until given
    /// their own arm; businessStatus always carries the exact one.</summary>
    public static TaskStatus StatusOf(ReferralStatus status) => status switch
    {
        ReferralStatus.Received => TaskStatus.Requested,
        ReferralStatus.AwaitingReview => TaskStatus.Received,
        ReferralStatus.Screened => TaskStatus.Accepted,
        ReferralStatus.Emergency or ReferralStatus.Placing or ReferralStatus.AwaitingClinic => TaskStatus.InProgress,
        ReferralStatus.Unplaced => TaskStatus.OnHold,
        ReferralStatus.Placed => TaskStatus.Completed,
        ReferralStatus.Closed => TaskStatus.Cancelled,
        ReferralStatus.Invalid => TaskStatus.Rejected,
        _ => TaskStatus.InProgress,
    };

    /// <summary>A coordinator's Task: every fact the referral record holds as codes.</summary>
    public static TaskFacts ForCoordinator(ReferralRecord referral) => new(
        referral.ReferralId, StatusOf(referral.Status), WireCode.Of(referral.Status), referral.ReceivedAt, referral.UpdatedAt,
        referral.ClinicId, referral.Routing, referral.Status == ReferralStatus.AwaitingClinic ? referral.DueAt : null);

    public static Hl7.Fhir.Model.Task ToTask(TaskFacts facts)
    {
        var task = new Hl7.Fhir.Model.Task
        {
            Id = facts.ReferralId,
            Identifier = [new Identifier(FhirVocabulary.ReferralIdSystem, facts.ReferralId)],
            Status = facts.Status,
            BusinessStatus = new CodeableConcept(FhirVocabulary.StatusSystem, facts.BusinessStatus),
            Intent = Hl7.Fhir.Model.Task.TaskIntent.Order,
            Code = new CodeableConcept("http://hl7.org/fhir/CodeSystem/task-code", "fulfill"),
            Focus = new ResourceReference { Type = "ServiceRequest", Identifier = new Identifier(FhirVocabulary.ReferralIdSystem, facts.ReferralId) },
        };
        if (facts.AuthoredOn is { } authored) task.AuthoredOnElement = new FhirDateTime(authored);
        if (facts.LastModified is { } modified) task.LastModifiedElement = new FhirDateTime(modified);
        if (facts.ClinicId is { } clinic)
            task.Owner = new ResourceReference { Type = "Organization", Identifier = new Identifier(FhirVocabulary.Base + "/clinic-id", clinic) };
        if (facts.RespondBy is { } due) task.Restriction = new Hl7.Fhir.Model.Task.RestrictionComponent { Period = new Period { EndElement = new FhirDateTime(due) } };
        if (facts.Routing is { } routing)
        {
            AddOutput(task, "pathway", WireCode.Of(routing.Pathway));
            if (routing.Modality is { } modality) AddOutput(task, "modality", WireCode.Of(modality));
            foreach (var adaptation in routing.Adaptations) AddOutput(task, "adaptation", WireCode.Of(adaptation));
            AddOutput(task, "urgency", WireCode.Of(routing.Urgency));
        }
        return task;
    }

    private static void AddOutput(Hl7.Fhir.Model.Task task, string name, string code) =>
        task.Output.Add(new Hl7.Fhir.Model.Task.OutputComponent
        {
            Type = new CodeableConcept(FhirVocabulary.CodeSystemOf("task-output"), name),
            Value = new CodeableConcept(FhirVocabulary.CodeSystemOf(name), code),
        });
}
