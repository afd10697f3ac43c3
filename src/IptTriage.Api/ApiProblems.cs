using System.Text.Json;
using System.Threading.RateLimiting;
using IptTriage.Triage.Decisions;
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

    /// <summary>A manual placement with a clinic that does not offer the case's service (its pathway, or for an
    /// alternative its modality), without an override reason.</summary>
    /// <param name="kind"><c>pathway</c> or <c>modality</c>.</param>
    public static ProblemHttpResult ServiceNotOffered(string clinicId, string kind, string service) => TypedResults.Problem(
        $"Clinic '{clinicId}' does not offer the {kind} '{service}'; to place the case there anyway, say why in overrideReason.",
        statusCode: StatusCodes.Status409Conflict, title: "The clinic does not offer this service.");

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
