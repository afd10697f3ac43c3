using System.Security.Claims;
using System.Text.Json;
using IptTriage.Api.Security;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Referrals;

/// <param name="Assignee">A username, <c>me</c> (the signed-in person), or null to unassign; required, so that a body
/// that forgot it does not unassign the case. A <see cref="JsonElement"/> to tell a null from a missing field.</param>
public sealed record AssignmentBody(JsonElement Assignee);

public sealed record AssignmentReceipt(string ReferralId, string? Assignee);

/// <summary><c>POST /api/referrals/{id}/assignment</c>: a coordinator or supervisor gives the case to a coordinator
/// (or takes it back), audited as <see cref="AuditStep.Assigned"/> or <see cref="AuditStep.Unassigned"/>; the list
/// filters on it (<c>assignedTo</c>). Record store only: the workflow does not wait on it.</summary>
public static class AssignReferral
{
    public static async Task<Results<Ok<AssignmentReceipt>, ProblemHttpResult>> HandleAsync(
        string id, AssignmentBody body, ClaimsPrincipal user, ReferralAccess access, IRecordStore records, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(user);
        var checks = new FieldChecks();
        var assignee = AssigneeOf(body.Assignee, caller, checks);
        if (checks.Failed) return ApiProblems.Invalid(checks.Errors);

        var (_, problem) = await access.FindAsync(id, caller, cancellationToken);
        if (problem is not null) return problem;
        var entry = new AuditEntry(id, time.GetUtcNow(), assignee is null ? AuditStep.Unassigned : AuditStep.Assigned, caller.Actor, []) { Assignee = assignee };
        await records.AssignAsync(id, assignee, entry, cancellationToken);
        return TypedResults.Ok(new AssignmentReceipt(id, assignee));
    }

    // Usernames are ids (the staff accounts' rule); whether the account exists is the accounts' to say.
    private static string? AssigneeOf(JsonElement assignee, ApiCaller caller, FieldChecks checks)
    {
        const string Field = "assignee";
        switch (assignee.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String when assignee.GetString() == "me":
                if (caller.Username is null) checks.Add(Field, "me stands for a signed-in person; an API key has no username (name the username)");
                return caller.Username;
            case JsonValueKind.String when FieldChecks.IsId(assignee.GetString()!):
                return assignee.GetString();
            case JsonValueKind.Undefined:
                checks.Add(Field, "is required: a username, me, or null to unassign");
                return null;
            default:
                checks.Add(Field, "must be a username (1 to 64 letters, digits, '.', '_' or '-'), me, or null to unassign");
                return null;
        }
    }
}
