using Hl7.Fhir.Model;
using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Records;
using TaskStatus = Hl7.Fhir.Model.Task.TaskStatus;

namespace IptTriage.Fhir.Resources;

/// <summary>What a Task says of a referral for one reader: its FHIR status, the project's own status code, the clinic
/// that owns it, and the routing (codes only) when the reader may see it.</summary>
/// <param name="BusinessStatusSystem">The system of <paramref name="BusinessStatus"/>: the referral's status for a
/// coordinator, the case's status with the clinic for a clinic.</param>
public sealed record TaskFacts(
    string ReferralId,
    TaskStatus Status,
    string BusinessStatus,
    string BusinessStatusSystem = FhirVocabulary.StatusSystem,
    DateTimeOffset? AuthoredOn = null,
    DateTimeOffset? LastModified = null,
    string? ClinicId = null,
    Pathway? Pathway = null,
    Modality? Modality = null,
    IReadOnlyList<Adaptation>? Adaptations = null,
    Urgency? Urgency = null,
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
        ReferralStatus.Placed or ReferralStatus.Discharged => TaskStatus.Completed,
        ReferralStatus.Closed => TaskStatus.Cancelled,
        ReferralStatus.Invalid => TaskStatus.Rejected,
        _ => TaskStatus.InProgress,
    };

    /// <summary>A coordinator's Task: every fact the referral record holds as codes.</summary>
    public static TaskFacts ForCoordinator(ReferralRecord referral) => new(
        referral.ReferralId, StatusOf(referral.Status), WireCode.Of(referral.Status), FhirVocabulary.StatusSystem, referral.ReceivedAt, referral.UpdatedAt,
        referral.ClinicId, referral.Routing?.Pathway, referral.Routing?.Modality, referral.Routing?.Adaptations, referral.Routing?.Urgency,
        referral.Status == ReferralStatus.AwaitingClinic ? referral.DueAt : null);

    public static Hl7.Fhir.Model.Task ToTask(TaskFacts facts)
    {
        var task = new Hl7.Fhir.Model.Task
        {
            Id = facts.ReferralId,
            Identifier = [new Identifier(FhirVocabulary.ReferralIdSystem, facts.ReferralId)],
            Status = facts.Status,
            BusinessStatus = new CodeableConcept(facts.BusinessStatusSystem, facts.BusinessStatus),
            Intent = Hl7.Fhir.Model.Task.TaskIntent.Order,
            Code = new CodeableConcept("http://hl7.org/fhir/CodeSystem/task-code", "fulfill"),
            Focus = new ResourceReference { Type = "ServiceRequest", Identifier = new Identifier(FhirVocabulary.ReferralIdSystem, facts.ReferralId) },
        };
        if (facts.AuthoredOn is { } authored) task.AuthoredOnElement = new FhirDateTime(authored);
        if (facts.LastModified is { } modified) task.LastModifiedElement = new FhirDateTime(modified);
        if (facts.ClinicId is { } clinic)
            task.Owner = new ResourceReference { Type = "Organization", Identifier = new Identifier(FhirVocabulary.Base + "/clinic-id", clinic) };
        if (facts.RespondBy is { } due) task.Restriction = new Hl7.Fhir.Model.Task.RestrictionComponent { Period = new Period { EndElement = new FhirDateTime(due) } };
        if (facts.Pathway is { } pathway) AddOutput(task, "pathway", WireCode.Of(pathway));
        if (facts.Modality is { } modality) AddOutput(task, "modality", WireCode.Of(modality));
        foreach (var adaptation in facts.Adaptations ?? []) AddOutput(task, "adaptation", WireCode.Of(adaptation));
        if (facts.Urgency is { } urgency) AddOutput(task, "urgency", WireCode.Of(urgency));
        return task;
    }

    private static void AddOutput(Hl7.Fhir.Model.Task task, string name, string code) =>
        task.Output.Add(new Hl7.Fhir.Model.Task.OutputComponent
        {
            Type = new CodeableConcept(FhirVocabulary.CodeSystemOf("task-output"), name),
            Value = new CodeableConcept(FhirVocabulary.CodeSystemOf(name), code),
        });
}
