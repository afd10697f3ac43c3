using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

public sealed record CaseNoteBody(string? Text);

/// <summary>The note as stored, without its text (the caller has it).</summary>
public sealed record CaseNoteReceipt(string ReferralId, long NoteId, DateTimeOffset At, string Author);

/// <summary><c>POST /api/referrals/{id}/notes</c>: a coordinator, a supervisor or (on an emergency) the crisis team
/// adds a case note. Its text goes to the record store's notes only (never orchestration history, logs, email or the
/// audit trail, which records <see cref="AuditStep.CaseNoteAdded"/> and who); the case view shows it.</summary>
public static class AddCaseNote
{
    public static async Task<Results<Created<CaseNoteReceipt>, ProblemHttpResult>> HandleAsync(
        string id, CaseNoteBody body, ClaimsPrincipal user, ReferralAccess access, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var checks = new FieldChecks();
        var text = checks.Text("text", body.Text, required: true);
        if (checks.Failed) return ApiProblems.Invalid(checks.Errors);

        var caller = ApiCaller.From(user);
        var (_, problem) = await access.FindAsync(id, caller, cancellationToken);
        if (problem is not null) return problem;
        var note = await records.AddNoteAsync(new AuditEntry(id, time.GetUtcNow(), AuditStep.CaseNoteAdded, caller.Actor, []), text, cancellationToken);
        return TypedResults.Created((string?)null, new CaseNoteReceipt(id, note.Id, note.At, note.Author));
    }
}
