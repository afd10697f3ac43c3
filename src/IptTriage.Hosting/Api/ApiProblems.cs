using IptTriage.Triage.Decisions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Hosting.Api;

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

    public static ProblemHttpResult NotYourClinics() =>
        TypedResults.Problem("This referral was not offered to your clinic.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");

    public static ProblemHttpResult TooLarge(int limit) =>
        TypedResults.Problem($"The form is larger than {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.");
}
