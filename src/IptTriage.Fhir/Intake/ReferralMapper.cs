using System.Text;
using System.Text.RegularExpressions;
using IptTriage.Fhir.Instruments;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Fhir.Intake;

/// <summary>The referral's resources to the intake form (docs/fhir.md, "Mapping"): the ServiceRequest gives the
/// referral id, the time and the service; the Patient the client; the requester the referrer; the responses the
/// presentation, consent and instruments.</summary>
internal static partial class ReferralMapper
{
    /// <param name="draft">An empty draft, filled here.</param>
    /// <param name="expected">The resource type the read was asked for (see <see cref="FhirIntakeReader.Read(ReadOnlySpan{byte}, string?)"/>).</param>
    public static FhirIntake Map(ReferralParts parts, IntakeFormDraft draft, string? expected)
    {
        var issues = parts.Issues;
        draft.Set("schemaVersion", "1.0", parts.Root);

        var request = parts.Request;
        if (request is not null) CheckService(request, issues);
        var response = parts.Responses.FirstOrDefault();
        var referralId = ReadReferralId(parts, request, response, draft, issues);
        var referralDay = ReadReceivedAt(request, response, draft, issues);

        var patient = FindPatient(parts, request, response, issues);
        if (patient is not null) PartyMapper.ReadClient(patient, referralDay, draft, issues);
        var requester = request is not null ? request.Resource.Child("requester"u8) : response?.Resource.Child("author"u8) ?? default;
        FhirLocation requesterAt = requester.Exists ? requester.Location : request is not null ? $"{request.At}.requester" : $"{parts.Root}.author";
        var selfReferred = PartyMapper.ReadReferrer(parts, requester, requesterAt, referralDay, draft);

        new ResponseMapper(parts, draft, issues).MapAll();
        if (!draft.Has("referrer.kind"))
        {
            if (selfReferred) draft.Set("referrer.kind", "self", requesterAt);
            else issues.Add(new(parts.Root, "who is referring is not said: answer 'referrer.kind' of the referral details, or make the Patient the requester (a self-referral)", IssueType.Required));
        }
        if (!draft.Has("presentation.problemAreas")) draft.Set("presentation.problemAreas", Array.Empty<string>(), parts.Root);

        return issues.Count > 0
            ? new FhirIntake(null, referralId, issues, parts.Root, expected)
            : new FhirIntake(draft.ToUtf8Json(), referralId, issues, parts.Root, expected);
    }

    private static void CheckService(Located request, List<FhirIssue> issues)
    {
        var service = request.Resource;
        if (!service.Is("status"u8, "active"u8))
            issues.Add(new($"{request.At}.status", $"the ServiceRequest is {service.Text("status"u8) ?? "of no status"}: only an active one is a referral", IssueType.BusinessRule));
        if (service.Child("code"u8).Each("coding"u8).FindIndex(coding => coding.IsCode(Utf8Vocabulary.ServiceSystem, Utf8Vocabulary.TriageService)) < 0)
            issues.Add(new($"{request.At}.code", $"the ServiceRequest asks for another service: a referral here asks for {FhirVocabulary.ServiceSystem}|{FhirVocabulary.TriageService}", IssueType.BusinessRule));
    }

    /// <summary>The sender's identifier of the referral (the ServiceRequest's, else the response's), else the resource's id:
    /// the same each time the referral is sent, so a redelivery is recognised as one.</summary>
    private static string? ReadReferralId(ReferralParts parts, Located? request, Located? response,
        IntakeFormDraft draft, List<FhirIssue> issues)
    {
        var found = request is { } sr
            ? FromIdentifiers(sr.Resource.Each("identifier"u8), sr.Resource)
            : response is { } qr && parts.Root == "QuestionnaireResponse"
                ? FromIdentifier(qr.Resource.Child("identifier"u8), qr.Resource)
                : default;
        if (found.Utf8.IsEmpty)
        {
            if (request is not null || parts.Root == "QuestionnaireResponse")
                issues.Add(new((request ?? response)!.At.ToString(), "the referral has no identifier (or id) to be known by", IssueType.Required));
            return null;
        }
        if (!IsReferralId(found.Utf8))
        {
            issues.Add(new(found.Location.ToString(), "the referral identifier must be 1-64 characters of A-Z a-z 0-9 . _ - and not only dots", IssueType.Value));
            return null;
        }
        var id = found.GetString();
        draft.Set("referralId", id, found.Location);
        return id;
    }

    /// <summary>The value of the identifier in the project's system, else of the first with a value, else the resource's id.</summary>
    private static FhirNode FromIdentifiers(FhirNodes identifiers, FhirNode resource)
    {
        var index = identifiers.FindIndex(identifier => identifier.Is("system"u8, Utf8Vocabulary.ReferralIdSystem) && identifier["value"u8].Exists);
        if (index < 0) index = identifiers.FindIndex(identifier => identifier["value"u8].Exists);
        return index >= 0 ? identifiers[index]["value"u8] : resource["id"u8];
    }

    private static FhirNode FromIdentifier(FhirNode identifier, FhirNode resource) =>
        identifier["value"u8] is { Exists: true } value ? value : resource["id"u8];

    /// <summary>1-64 of <c>A-Z a-z 0-9 . _ -</c>, not only dots (the intake form's own rule, checked on the bytes).</summary>
    private static bool IsReferralId(ReadOnlySpan<byte> id)
    {
        if (id.Length is < 1 or > 64) return false;
        var onlyDots = true;
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit((char)c) || c is (byte)'.' or (byte)'_' or (byte)'-')) return false;
            onlyDots &= c == '.';
        }
        return !onlyDots;
    }

    /// <summary>When the referral was made, to the second with its offset (ages are counted on its date).</summary>
    /// <returns>The referral's date (<c>YYYY-MM-DD</c>), or nothing when its time is missing or refused.</returns>
    private static ReadOnlySpan<byte> ReadReceivedAt(Located? request, Located? response, IntakeFormDraft draft, List<FhirIssue> issues)
    {
        var value = request is { } sr ? sr.Resource["authoredOn"u8] : response?.Resource["authored"u8] ?? default;
        if (!value.Exists)
            issues.Add(new(request is not null ? $"{request.At}.authoredOn" : $"{response?.At}.authored", "when the referral was made is missing", IssueType.Required));
        else if (!IsTimestamp(value.Utf8))
            issues.Add(new(value.Location.ToString(), "when the referral was made needs a date, a time to the second and a time zone", IssueType.Value));
        else
        {
            draft.SetText("receivedAt", value, value.Location);
            return value.Utf8[.."YYYY-MM-DD".Length];
        }
        return default;
    }

    /// <summary>Whether the UTF-8 text is a timestamp to the second with its offset: the pattern run on the text decoded
    /// onto the stack, as no string of it is needed.</summary>
    private static bool IsTimestamp(ReadOnlySpan<byte> utf8)
    {
        // UTF-16 never takes more chars than UTF-8 takes bytes.
        var text = utf8.Length <= 128 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        return TimestampPattern().IsMatch(text[..Encoding.UTF8.GetChars(utf8, text)]);
    }

    private static Located? FindPatient(ReferralParts parts, Located? request, Located? response, List<FhirIssue> issues)
    {
        var subject = request is { } sr ? sr.Resource.Child("subject"u8) : response?.Resource.Child("subject"u8) ?? default;
        if (parts.Resolve(subject) is { Type: "Patient" } found) return found;
        if (!subject["reference"u8].Exists && parts.OnlyPatient is { } only) return only;
        issues.Add(new(request is not null ? $"{request.At}.subject" : $"{parts.Root}.subject", parts.Root == "Bundle"
            ? "the ServiceRequest's subject must be a Patient in the Bundle"
            : "the response's subject must be a Patient contained in it", IssueType.Required));
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex TimestampPattern();
}
