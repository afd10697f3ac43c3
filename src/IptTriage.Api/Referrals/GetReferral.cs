using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Triage.Intake;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <summary><c>GET /api/referrals/{id}</c>: the case view for a coordinator, a supervisor or (for an emergency) the
/// crisis team, with the client panel, referrer, presentation, assignee and case notes; the minimum needed to act for
/// a clinic, and once it has accepted the case (with the client's consent) what it needs to book the client. Each
/// read of client details is audited before it is answered, and none is logged.</summary>
public static class GetReferral
{
    public static async Task<Results<Ok<CoordinatorReferralView>, Ok<ClinicReferralView>, ProblemHttpResult>> HandleAsync(
        string id, ClaimsPrincipal user, ReferralAccess access, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(user);
        var (referral, problem) = await access.FindAsync(id, caller, cancellationToken);
        if (problem is not null) return problem;
        var now = time.GetUtcNow();

        if (caller.Role == ApiRole.Clinic)
        {
            var view = ClinicReferralView.Of(referral!, caller.ClinicId!);
            if (!ClinicReferralView.HoldsCase(referral!, caller.ClinicId!)
                || await ReadFormAsync(records, id, cancellationToken) is not { Client.Consent.ShareWithClinic: true } shared)
                return TypedResults.Ok(view);
            await AuditReadAsync(records, id, now, caller, cancellationToken);
            return TypedResults.Ok(view with { Client = ClinicClientPanel.Of(shared.Client) });
        }

        var audit = await records.ReadAuditAsync(id, cancellationToken);
        var notes = await records.ListNotesAsync(id, cancellationToken);
        var caseView = CoordinatorReferralView.Of(referral!, audit) with { Notes = notes };
        if (await ReadFormAsync(records, id, cancellationToken) is not { } form) return TypedResults.Ok(caseView);
        await AuditReadAsync(records, id, now, caller, cancellationToken);
        return TypedResults.Ok(caseView with
        {
            Client = ClientPanel.Of(form.Client, DateOnly.FromDateTime(now.UtcDateTime)),
            Referrer = ReferrerPanel.Of(form.Referrer),
            Presentation = PresentationPanel.Of(form.Presentation),
        });
    }

    /// <summary>The stored form, when it is a valid one: only then are its fields known to be what they say.</summary>
    private static async Task<IntakeForm?> ReadFormAsync(IRecordStore records, string id, CancellationToken cancellationToken) =>
        await records.ReadFormAsync(id, cancellationToken) is { } bytes ? IntakeParser.Parse(bytes).Form : null;

    /// <summary>Written before the details are answered: no one reads them without the trail saying so.</summary>
    private static Task AuditReadAsync(IRecordStore records, string id, DateTimeOffset now, ApiCaller caller, CancellationToken cancellationToken) =>
        records.AppendAuditAsync(new AuditEntry(id, now, AuditStep.ClientPanelRead, caller.Actor, []), cancellationToken);
}
