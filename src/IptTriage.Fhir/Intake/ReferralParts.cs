using System.Text.Json;

namespace IptTriage.Fhir.Intake;

/// <summary>A resource of the request (structurally checked JSON), its type and where it is (<c>Bundle.entry[1].resource</c>).</summary>
internal sealed record Located(JsonElement Resource, string Type, string At);

/// <summary>The resources of one FHIR referral, gathered from a Bundle's entries or a QuestionnaireResponse's contained
/// resources, with what they say about their own shape already checked: one ServiceRequest (a Bundle needs it), one
/// Patient, the referrer's resources, the responses and any Questionnaires sent with them.</summary>
internal sealed class ReferralParts
{
    private static readonly HashSet<string> AcceptedBundles = ["transaction", "collection", "message"];

    private readonly Dictionary<string, Located> byReference = new(StringComparer.Ordinal);

    private ReferralParts(string root) => Root = root;

    public string Root { get; }

    public List<FhirIssue> Issues { get; } = [];

    public Located? Request { get; private set; }

    public List<Located> Responses { get; } = [];

    public List<JsonElement> Questionnaires { get; } = [];

    /// <summary>The single Patient, when the request has exactly one.</summary>
    public Located? OnlyPatient { get; private set; }

    private int patients;

    public static ReferralParts FromBundle(JsonElement bundle)
    {
        var parts = new ReferralParts("Bundle");
        var type = bundle.Text("type"u8);
        if (type is null || !AcceptedBundles.Contains(type))
            parts.Issues.Add(new("Bundle.type", "a referral Bundle is a transaction, collection or message Bundle", Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported));
        var entries = bundle.Each("entry"u8);
        for (var i = 0; i < entries.Length; i++)
        {
            var at = $"Bundle.entry[{i}].resource";
            if (entries[i].Child("resource"u8) is not { } resource)
            {
                parts.Issues.Add(new($"Bundle.entry[{i}]", "the entry has no resource", Hl7.Fhir.Model.OperationOutcome.IssueType.Required));
                continue;
            }
            var located = new Located(resource, resource.Text("resourceType"u8)!, at);
            if (entries[i].Text("fullUrl"u8) is { Length: > 0 } fullUrl) parts.byReference.TryAdd(fullUrl, located);
            parts.Add(located, messageHeaderAllowed: type == "message");
        }
        if (parts.Request is null) parts.Issues.Add(new("Bundle", "the Bundle has no ServiceRequest: a referral is a ServiceRequest with its Patient and responses", Hl7.Fhir.Model.OperationOutcome.IssueType.Required));
        return parts;
    }

    /// <summary>A QuestionnaireResponse sent alone: the Patient (and any ServiceRequest and referrer) contained in it.</summary>
    public static ReferralParts FromResponse(JsonElement response)
    {
        var parts = new ReferralParts("QuestionnaireResponse");
        var contained = response.Each("contained"u8);
        for (var i = 0; i < contained.Length; i++)
        {
            var located = new Located(contained[i], contained[i].Text("resourceType"u8)!, $"QuestionnaireResponse.contained[{i}]");
            if (located.Resource.Text("id"u8) is { Length: > 0 } id) parts.byReference.TryAdd("#" + id, located);
            if (located.Type == "QuestionnaireResponse")
                parts.Issues.Add(new(located.At, "a QuestionnaireResponse cannot contain another", Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported));
            else parts.Add(located, messageHeaderAllowed: false);
        }
        parts.Responses.Add(new(response, "QuestionnaireResponse", "QuestionnaireResponse"));
        return parts;
    }

    /// <summary>The resource <paramref name="reference"/> (a Reference) names in this request: by full URL, <c>Type/id</c>,
    /// or <c>#id</c> for a contained one; null when it is not in the request.</summary>
    public Located? Resolve(JsonElement? reference) =>
        reference?.Text("reference"u8) is { Length: > 0 } target && byReference.TryGetValue(target, out var found) ? found : null;

    private void Add(Located located, bool messageHeaderAllowed)
    {
        if (located.Resource.Text("id"u8) is { Length: > 0 } id) byReference.TryAdd($"{located.Type}/{id}", located);
        switch (located.Type)
        {
            case "ServiceRequest" when Request is null: Request = located; break;
            case "ServiceRequest": Issues.Add(new(located.At, "a second ServiceRequest: one referral per request", Hl7.Fhir.Model.OperationOutcome.IssueType.BusinessRule)); break;
            case "Patient":
                OnlyPatient = ++patients == 1 ? located : null;
                break;
            case "Practitioner" or "PractitionerRole" or "Organization": break;
            case "QuestionnaireResponse": Responses.Add(located); break;
            case "Questionnaire": Questionnaires.Add(located.Resource); break;
            case "MessageHeader" when messageHeaderAllowed: break;
            default:
                Issues.Add(new(located.At, $"a {located.Type} is not part of a referral (ServiceRequest, Patient, Practitioner, PractitionerRole, Organization, QuestionnaireResponse, Questionnaire)", Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported));
                break;
        }
    }
}
