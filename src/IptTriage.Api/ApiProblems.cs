using System.Text.Json;
using System.Threading.RateLimiting;
using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Clinics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api;

/// <summary>The API's RFC 7807 answers. Details are written from ids, codes and field paths, never from what a
/// request carried, so no personal data can reach an error body.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Invalid(IReadOnlyList<FieldError> errors, string? referralId = null)
    {
        var extensions = new Dictionary<string, object?> { ["errors"] = errors };
        if (referralId is not null) extensions["referralId"] = referralId;
        return TypedResults.Problem(
            $"{errors.Count} field(s) are invalid; see errors.", statusCode: StatusCodes.Status400BadRequest,
            title: "The request is invalid.", extensions: extensions);
    }

    public static ProblemHttpResult Invalid(string path, string message) => Invalid([new FieldError(path, message)]);

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem("There is no referral with this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The referral is not in a state that allows this.");

    public static ProblemHttpResult ClinicNotFound() =>
        TypedResults.Problem("There is no clinic with this id in the clinic directory.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    /// <summary>A manual placement with a clinic that does not match the case, without an override reason: every
    /// mismatch, coded in <c>mismatches</c> and said in the detail, which names the service but none of the client's
    /// facts (region, language, age).</summary>
    public static ProblemHttpResult ClinicDoesNotMatch(string clinicId, IReadOnlyList<ClinicMismatch> mismatches, Pathway pathway, Modality? modality)
    {
        var reasons = mismatches.Select(mismatch => mismatch switch
        {
            ClinicMismatch.Pathway => $"does not offer the pathway '{WireCode.Of(pathway)}'",
            ClinicMismatch.Modality => modality is { } service ? $"does not offer the modality '{WireCode.Of(service)}'" : "offers no alternative service named for the case",
            ClinicMismatch.Adaptation => "does not offer every adaptation the case needs",
            ClinicMismatch.Region => "does not serve the client's region and offers no telehealth",
            ClinicMismatch.Language => "does not speak the client's language",
            ClinicMismatch.Age => "does not serve clients of this age",
            _ => "has no free slot",
        });
        return TypedResults.Problem(
            $"Clinic '{clinicId}' {string.Join(", ", reasons)}; to place the case there anyway, say why in overrideReason.",
            statusCode: StatusCodes.Status409Conflict, title: "The clinic does not match the case.",
            extensions: new Dictionary<string, object?> { ["mismatches"] = mismatches.Select(WireCode.Of).ToArray() });
    }

    /// <summary>A form under an id another form already holds: it was not kept. The same form again, or a valid form
    /// for an invalid one, is not refused.</summary>
    public static ProblemHttpResult IdTaken() => TypedResults.Problem(
        "Another form was taken in under this referral id; send that form unchanged, or use a new id.",
        statusCode: StatusCodes.Status409Conflict, title: "The referral id is taken.");

    public static ProblemHttpResult TooLarge(int limit) =>
        TypedResults.Problem($"The form is larger than {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.");

    /// <summary>A rate limit is used up (<see cref="Limits.ApiLimiters"/>): 429 with <c>Retry-After</c> in seconds.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext context, RateLimitLease refused)
    {
        context.Response.Headers.RetryAfter = Limits.ApiLimiters.RetryAfterSeconds(refused);
        return TypedResults.Problem("Too many requests from this caller; try again after the time in Retry-After.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.");
    }

    /// <summary>What the local host's status-code pages write for 401, 403 and 415: the status and its standard title.</summary>
    public static ProblemHttpResult Unauthorized() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized);

    public static ProblemHttpResult Forbidden() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult UnsupportedMediaType() => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType);

    /// <summary>A body that is not JSON of the route's shape: where it went wrong, in the same <c>errors</c> shape as
    /// every other validation problem.</summary>
    /// <param name="error">The serializer's complaint, whose path names the field; null when there was no JSON object at all.</param>
    public static ProblemHttpResult UnreadableBody(int statusCode, JsonException? error)
    {
        var field = error?.Path is { } path
            ? new FieldError(path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path, "has the wrong type, or the JSON is malformed here")
            : new FieldError("$", "the body must be a JSON object");
        return TypedResults.Problem(
            statusCode: statusCode, title: "The request body could not be read.", extensions: new Dictionary<string, object?> { ["errors"] = new[] { field } });
    }
}
