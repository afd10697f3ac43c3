using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
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
        var requester = request?.Resource.Requester ?? (request is null ? response?.Resource.Author : null);
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
            ? new FhirIntake(null, referralId, issues, parts.Root, draft.Locations)
            : new FhirIntake(draft.ToUtf8Json(), referralId, issues, parts.Root, draft.Locations);
    }

    private static void CheckService(Located<ServiceRequest> request, List<FhirIssue> issues)
    {
        var service = request.Resource;
        if (service.Status != RequestStatus.Active)
            issues.Add(new($"{request.At}.status", $"the ServiceRequest is {StatusText(service.Status)}: only an active one is a referral", IssueType.BusinessRule));
        if (service.Code?.Coding.Any(coding => coding.System == FhirVocabulary.ServiceSystem && coding.Code == FhirVocabulary.TriageService) != true)
            issues.Add(new($"{request.At}.code", $"the ServiceRequest asks for another service: a referral here asks for {FhirVocabulary.ServiceSystem}|{FhirVocabulary.TriageService}", IssueType.BusinessRule));
    }

    private static string StatusText(RequestStatus? status) => status is { } known ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(known) ?? "of no status" : "of no status";

    /// <summary>The sender's identifier of the referral (the ServiceRequest's, else the response's), else the resource's id:
    /// the same each time the referral is sent, so a redelivery is recognised as one.</summary>
    private static string? ReadReferralId(ReferralParts parts, Located<ServiceRequest>? request, Located<QuestionnaireResponse>? response,
        IntakeFormDraft draft, List<FhirIssue> issues)
    {
        (string? Id, string At) found = request is { } sr
            ? FromIdentifiers(sr.Resource.Identifier, sr.Resource.Id, sr.At)
            : response is { } qr && parts.Root == "QuestionnaireResponse"
                ? FromIdentifiers(qr.Resource.Identifier is { } identifier ? [identifier] : [], qr.Resource.Id, qr.At)
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

    private static (string?, string) FromIdentifiers(List<Identifier> identifiers, string? id, string at)
    {
        var index = identifiers.FindIndex(identifier => identifier.System == FhirVocabulary.ReferralIdSystem && identifier.Value is { Length: > 0 });
        if (index < 0) index = identifiers.FindIndex(identifier => identifier.Value is { Length: > 0 });
        return index >= 0 ? (identifiers[index].Value, $"{at}.identifier[{index}].value") : id is { Length: > 0 } ? (id, $"{at}.id") : (null, at);
    }

    /// <summary>When the referral was made, to the second with its offset (ages are counted on its date).</summary>
    private static void ReadReceivedAt(Located<ServiceRequest>? request, Located<QuestionnaireResponse>? response, IntakeFormDraft draft, List<FhirIssue> issues)
    {
        var (value, at) = request is { } sr ? (sr.Resource.AuthoredOn, $"{sr.At}.authoredOn") : (response?.Resource.Authored, $"{response?.At}.authored");
        if (value is null)
            issues.Add(new(at, "when the referral was made is missing", IssueType.Required));
        else if (!TimestampPattern().IsMatch(value))
            issues.Add(new(at, "when the referral was made needs a date, a time to the second and a time zone", IssueType.Value));
        else draft.Set("receivedAt", value, at);
    }

    private static Located<Patient>? FindPatient(ReferralParts parts, Located<ServiceRequest>? request, Located<QuestionnaireResponse>? response, List<FhirIssue> issues)
    {
        var (subject, at) = request is { } sr ? (sr.Resource.Subject, $"{sr.At}.subject") : (response?.Resource.Subject, $"{parts.Root}.subject");
        if (parts.Resolve(subject) is { Resource: Patient patient } found) return new(patient, found.At);
        if (subject?.Reference is null && parts.OnlyPatient is { } only) return only;
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
