using IptTriage.Api.Referrals;
using IptTriage.Fhir;
using IptTriage.Fhir.Intake;
using IptTriage.Fhir.Resources;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Api.Fhir;

/// <summary><c>POST /fhir/Bundle</c> and <c>POST /fhir/QuestionnaireResponse</c>: a FHIR referral mapped to its intake
/// form, which is then taken in exactly as <c>POST /api/referrals</c> takes a form (the same idempotency, screening and
/// orchestration), the FHIR payload stored beside it. What cannot be mapped is refused whole, an OperationOutcome
/// naming each FHIR location.</summary>
public static class SubmitFhirReferral
{
    public static Task<IResult> BundleAsync(HttpRequest request, ReferralIntake intake, FhirProfileChecks profileChecks, CancellationToken cancellationToken) =>
        SubmitAsync(request, intake, profileChecks, "Bundle", cancellationToken);

    public static Task<IResult> QuestionnaireResponseAsync(HttpRequest request, ReferralIntake intake, FhirProfileChecks profileChecks, CancellationToken cancellationToken) =>
        SubmitAsync(request, intake, profileChecks, "QuestionnaireResponse", cancellationToken);

    private static async Task<IResult> SubmitAsync(HttpRequest request, ReferralIntake intake, FhirProfileChecks profileChecks, string resourceType,
        CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
            return FhirResult.Outcome(StatusCodes.Status415UnsupportedMediaType, FhirOutcomes.Error(IssueType.NotSupported, $"the body must be {FhirVocabulary.MediaType}"));
        var body = await SubmitReferral.ReadAtMostAsync(request, FhirIntakeReader.MaxBytes, cancellationToken);
        if (body is null)
            return FhirResult.Outcome(StatusCodes.Status413PayloadTooLarge, FhirOutcomes.Error(IssueType.TooCostly, $"the body is over {FhirIntakeReader.MaxBytes} bytes (256 KiB)"));

        var mapped = FhirIntakeReader.Read(body, resourceType);
        if (mapped.Form is not { } form) return FhirResult.Outcome(StatusCodes.Status400BadRequest, FhirOutcomes.Errors(mapped.Issues));

        // Not cancelled with the request, as a JSON submission is not: a form half taken in waits for its redelivery.
        var receipt = await intake.SubmitAsync(form, "fhir-" + Guid.NewGuid().ToString("N"), new ReferralSource(FhirVocabulary.MediaType, body), CancellationToken.None);
        if (receipt.IdTaken)
            return FhirResult.Outcome(StatusCodes.Status409Conflict, FhirOutcomes.Error(IssueType.Conflict,
                "the referral identifier belongs to a referral taken in from different content; nothing of this one was kept"));
        if (receipt.Errors.Count > 0) return FhirResult.Outcome(StatusCodes.Status400BadRequest, FhirOutcomes.Errors(mapped.Locate(receipt.Errors, body)));
        // Profile validation, when configured, runs after the answer (FhirProfileValidationService), never before it.
        if (receipt.Started) profileChecks.Enqueue(receipt.ReferralId, body);

        // The same answer however often the referral comes: an intake key may submit, not read (the Task is for readers).
        return new FhirResult(StatusCodes.Status202Accepted, FhirOutcomes.Information($"referral {receipt.ReferralId} received"),
            ApiRoutes.GetFhirTask.Path.Replace("{id}", Uri.EscapeDataString(receipt.ReferralId), StringComparison.Ordinal));
    }
}
