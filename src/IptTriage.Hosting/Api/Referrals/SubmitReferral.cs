using IptTriage.Triage.Intake;
using IptTriage.Workflow.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Hosting.Api.Referrals;

/// <summary><c>POST /api/referrals</c>: one intake form, taken in exactly as the queue takes it.</summary>
public static class SubmitReferral
{
    public static async Task<Results<Accepted<ReferralReceipt>, Ok<ReferralReceipt>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, ReferralIntake intake, CancellationToken cancellationToken)
    {
        var form = await ReadAtMostAsync(request, IntakeParser.MaxFormBytes, cancellationToken);
        if (form is null) return ApiProblems.TooLarge(IntakeParser.MaxFormBytes);

        // Not cancelled with the request: a form half taken in (stored, orchestration not started) waits for a resubmission.
        var receipt = await intake.SubmitAsync(form, "http-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        if (receipt.Errors.Count > 0) return ApiProblems.Invalid(receipt.Errors, receipt.ReferralId);

        var body = new ReferralReceipt(receipt.ReferralId, receipt.Status);
        return receipt.Started ? TypedResults.Accepted(ReferralEvents.Location(receipt.ReferralId), body) : TypedResults.Ok(body);
    }

    /// <summary>The body, or null as soon as it is known to exceed <paramref name="limit"/> (the rest is not read).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + read > limit) return null;
            body.Write(chunk, 0, read);
        }
        return body.ToArray();
    }
}
