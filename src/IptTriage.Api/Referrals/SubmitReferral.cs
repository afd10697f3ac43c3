using IptTriage.Api.Limits;
using IptTriage.Triage.Intake;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Api.Referrals;

/// <summary><c>POST /api/referrals</c>: one intake form, taken in exactly as the queue takes it.</summary>
public static class SubmitReferral
{
    public static async Task<Results<Accepted<ReferralReceipt>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, ReferralIntake intake, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType()) return ApiProblems.UnsupportedMediaType();
        var form = await ReadAtMostAsync(request, IntakeParser.MaxFormBytes, cancellationToken);
        if (form is null) return ApiProblems.TooLarge(IntakeParser.MaxFormBytes);
        if (RefusedAsUnreadable(request.HttpContext, form) is { } tooMany) return tooMany;

        // Not cancelled with the request: a form half taken in (stored, orchestration not started) waits for a resubmission.
        var receipt = await intake.SubmitAsync(form, "http-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        if (receipt.IdTaken) return ApiProblems.IdTaken();
        if (receipt.Errors.Count > 0) return ApiProblems.Invalid(receipt.Errors, receipt.ReferralId);

        // The same answer however often the form comes, so a resubmission tells the caller nothing about where the
        // referral stands now: an intake key may submit, not read.
        return TypedResults.Accepted(ReferralEvents.Location(receipt.ReferralId), new ReferralReceipt(receipt.ReferralId, ReferralStatus.Received));
    }

    /// <summary>A form whose referral id cannot be read becomes a new invalid referral and a coordinator alert each time,
    /// so each caller may send only so many a minute (<see cref="ApiLimitOptions.UnreadableSubmissionsPerMinutePerKey"/>).
    /// The local host registers the limiter; the Functions app leaves limits to the platform.</summary>
    private static ProblemHttpResult? RefusedAsUnreadable(HttpContext context, byte[] form)
    {
        if (context.RequestServices.GetService<ApiLimiters>() is not { } limiters || IntakeParser.Parse(form).ReferralId is not null) return null;
        using var lease = limiters.TakeUnreadableSubmission(context);
        return lease.IsAcquired ? null : ApiProblems.TooManyRequests(context, lease);
    }

    /// <summary>The body, or null as soon as it is known to exceed <paramref name="limit"/> (the rest is not read).
    /// Also the FHIR submissions' (<see cref="Fhir.SubmitFhirReferral"/>).</summary>
    internal static async Task<byte[]?> ReadAtMostAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
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
