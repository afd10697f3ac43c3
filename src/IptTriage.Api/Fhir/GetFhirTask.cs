using System.Security.Claims;
using IptTriage.Api.Referrals;
using IptTriage.Api.Security;
using IptTriage.Fhir;
using IptTriage.Fhir.Resources;
using IptTriage.Triage;
using Microsoft.AspNetCore.Http;
using TaskStatus = Hl7.Fhir.Model.Task.TaskStatus;

namespace IptTriage.Api.Fhir;

/// <summary><c>GET /fhir/Task/{id}</c>: the referral as a Task. A coordinator or supervisor sees where it stands and its
/// routing; the crisis team the same Task, for an emergency only, as <c>GET /api/referrals/{id}</c> shows it emergencies
/// only; a clinic sees only a case offered to it, with the minimum needed to act (<see cref="ClinicReferralView"/>).
/// Anyone else gets the same 404 as for no referral (<see cref="ReferralAccess"/>).</summary>
public static class GetFhirTask
{
    public static async Task<IResult> HandleAsync(string id, ClaimsPrincipal user, ReferralAccess access, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(user);
        var (referral, problem) = await access.FindAsync(id, caller, cancellationToken);
        if (problem is not null) return FhirResult.NotFound("referral");
        var facts = caller.Role == ApiRole.Clinic ? ForClinic(ClinicReferralView.Of(referral!, caller.ClinicId!), caller.ClinicId!) : ReferralTasks.ForCoordinator(referral!);
        return FhirResult.Ok(ReferralTasks.ToTask(facts));
    }

    /// <summary>The case as it stands with this clinic: offered (requested), taken (accepted), its care ended
    /// (completed), or no longer its own (cancelled).</summary>
    private static TaskFacts ForClinic(ClinicReferralView view, string clinicId) => new(
        view.ReferralId,
        view.Status switch
        {
            ClinicCaseStatus.AwaitingClinic => TaskStatus.Requested,
            ClinicCaseStatus.Placed => TaskStatus.Accepted,
            ClinicCaseStatus.Discharged => TaskStatus.Completed,
            _ => TaskStatus.Cancelled,
        },
        WireCode.Of(view.Status),
        FhirVocabulary.CodeSystemOf("clinic-case-status"),
        ClinicId: view.Status == ClinicCaseStatus.Withdrawn ? null : clinicId,
        Pathway: view.Pathway, Modality: view.Modality, Adaptations: view.Adaptations, Urgency: view.Urgency, RespondBy: view.RespondBy);
}
