using System.Text.Json;
using System.Text.RegularExpressions;
using IptTriage.Fhir.Instruments;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Fhir.Intake;

/// <summary>The referral's resources to the intake form (docs/fhir.md, "Mapping"): the ServiceRequest gives the
/// referral id, the time and the service; the Patient the client; the requester the referrer; the responses the
/// presentation, consent and instruments.</summary>
internal static partial class ReferralMapper
{
    public static FhirIntake Map(ReferralParts parts)
    {
        var draft = new IntakeFormDraft();
        var issues = parts.Issues;
        draft.Set("schemaVersion", "1.0", parts.Root);

        var request = parts.Request;
        if (request is not null) CheckService(request, issues);
        var response = parts.Responses.FirstOrDefault();
        var referralId = ReadReferralId(parts, request, response, draft, issues);
        ReadReceivedAt(request, response, draft, issues);

        var patient = FindPatient(parts, request, response, issues);
        if (patient is not null) PartyMapper.ReadClient(patient, draft, issues);
        var requester = request is not null ? request.Resource.Child("requester"u8) : response?.Resource.Child("author"u8);
        var requesterAt = request is not null ? $"{request.At}.requester" : $"{parts.Root}.author";
        var selfReferred = PartyMapper.ReadReferrer(parts, requester, requesterAt, draft);

        new ResponseMapper(parts, draft, issues).MapAll();
        if (!draft.Has("referrer.kind"))
        {
            if (selfReferred) draft.Set("referrer.kind", "self", requesterAt);
            else issues.Add(new(parts.Root, "who is referring is not said: answer 'referrer.kind' of the referral details, or make the Patient the requester (a self-referral)", IssueType.Required));
        }
        if (!draft.Has("presentation.problemAreas")) draft.Set("presentation.problemAreas", Array.Empty<string>(), parts.Root);

        return issues.Count > 0
            ? new FhirIntake(null, referralId, issues, parts.Root, draft)
            : new FhirIntake(draft.ToUtf8Json(), referralId, issues, parts.Root, draft);
    }

    private static void CheckService(Located request, List<FhirIssue> issues)
    {
        var service = request.Resource;
        if (service.Text("status"u8) is var status && status != "active")
            issues.Add(new($"{request.At}.status", $"the ServiceRequest is {status ?? "of no status"}: only an active one is a referral", IssueType.BusinessRule));
        if (service.Child("code"u8)?.Each("coding"u8).Any(coding => coding.IsCode(FhirVocabulary.ServiceSystem, FhirVocabulary.TriageService)) != true)
            issues.Add(new($"{request.At}.code", $"the ServiceRequest asks for another service: a referral here asks for {FhirVocabulary.ServiceSystem}|{FhirVocabulary.TriageService}", IssueType.BusinessRule));
    }

    /// <summary>The sender's identifier of the referral (the ServiceRequest's, else the response's), else the resource's id:
    /// the same each time the referral is sent, so a redelivery is recognised as one.</summary>
    private static string? ReadReferralId(ReferralParts parts, Located? request, Located? response,
        IntakeFormDraft draft, List<FhirIssue> issues)
    {
        (string? Id, string At) found = request is { } sr
            ? FromIdentifiers(sr.Resource.Each("identifier"u8), sr.Resource.Text("id"u8), sr.At)
            : response is { } qr && parts.Root == "QuestionnaireResponse"
                ? FromIdentifiers(qr.Resource.Child("identifier"u8) is { } identifier ? [identifier] : [], qr.Resource.Text("id"u8), qr.At)
                : (null, parts.Root);
        if (found.Id is null)
        {
            if (request is not null || parts.Root == "QuestionnaireResponse")
                issues.Add(new(found.At, "the referral has no identifier (or id) to be known by", IssueType.Required));
            return null;
        }
        if (!ReferralIdPattern().IsMatch(found.Id) || found.Id.All(c => c == '.'))
        {
            issues.Add(new(found.At, "the referral identifier must be 1-64 characters of A-Z a-z 0-9 . _ - and not only dots", IssueType.Value));
            return null;
        }
        draft.Set("referralId", found.Id, found.At);
        return found.Id;
    }

    private static (string?, string) FromIdentifiers(JsonElement[] identifiers, string? id, string at)
    {
        var index = Array.FindIndex(identifiers, identifier => identifier.Text("system"u8) == FhirVocabulary.ReferralIdSystem && identifier.Text("value"u8) is { Length: > 0 });
        if (index < 0) index = Array.FindIndex(identifiers, identifier => identifier.Text("value"u8) is { Length: > 0 });
        return index >= 0 ? (identifiers[index].Text("value"u8), $"{at}.identifier[{index}].value") : id is { Length: > 0 } ? (id, $"{at}.id") : (null, at);
    }

    /// <summary>When the referral was made, to the second with its offset (ages are counted on its date).</summary>
    private static void ReadReceivedAt(Located? request, Located? response, IntakeFormDraft draft, List<FhirIssue> issues)
    {
        var (value, at) = request is { } sr ? (sr.Resource.Text("authoredOn"u8), $"{sr.At}.authoredOn") : (response?.Resource.Text("authored"u8), $"{response?.At}.authored");
        if (value is null)
            issues.Add(new(at, "when the referral was made is missing", IssueType.Required));
        else if (!TimestampPattern().IsMatch(value))
            issues.Add(new(at, "when the referral was made needs a date, a time to the second and a time zone", IssueType.Value));
        else draft.Set("receivedAt", value, at);
    }

    private static Located? FindPatient(ReferralParts parts, Located? request, Located? response, List<FhirIssue> issues)
    {
        var (subject, at) = request is { } sr ? (sr.Resource.Child("subject"u8), $"{sr.At}.subject") : (response?.Resource.Child("subject"u8), $"{parts.Root}.subject");
        if (parts.Resolve(subject) is { Type: "Patient" } found) return found;
        if (subject?.Text("reference"u8) is null && parts.OnlyPatient is { } only) return only;
        issues.Add(new(at, parts.Root == "Bundle"
            ? "the ServiceRequest's subject must be a Patient in the Bundle"
            : "the response's subject must be a Patient contained in it", IssueType.Required));
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ReferralIdPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex TimestampPattern();
}
