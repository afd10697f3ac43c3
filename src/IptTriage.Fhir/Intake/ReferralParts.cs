using Hl7.Fhir.Model;

namespace IptTriage.Fhir.Intake;

/// <summary>A resource of the request and where it is (<c>Bundle.entry[1].resource</c>).</summary>
internal sealed record Located<TResource>(TResource Resource, string At) where TResource : Resource;

/// <summary>The resources of one FHIR referral, gathered from a Bundle's entries or a QuestionnaireResponse's contained
/// resources, with what they say about their own shape already checked: one ServiceRequest (a Bundle needs it), one
/// Patient, the referrer's resources, the responses and any Questionnaires sent with them.</summary>
internal sealed class ReferralParts
{
    private static readonly HashSet<Bundle.BundleType> AcceptedBundles = [Bundle.BundleType.Transaction, Bundle.BundleType.Collection, Bundle.BundleType.Message];

    private readonly Dictionary<string, Located<Resource>> byReference = new(StringComparer.Ordinal);

    private ReferralParts(string root) => Root = root;

    public string Root { get; }

    public List<FhirIssue> Issues { get; } = [];

    public Located<ServiceRequest>? Request { get; private set; }

    public List<Located<QuestionnaireResponse>> Responses { get; } = [];

    public List<Questionnaire> Questionnaires { get; } = [];

    /// <summary>The single Patient, when the request has exactly one.</summary>
    public Located<Patient>? OnlyPatient { get; private set; }

    private int patients;

    public static ReferralParts FromBundle(Bundle bundle)
    {
        var parts = new ReferralParts("Bundle");
        if (bundle.Type is not { } type || !AcceptedBundles.Contains(type))
            parts.Issues.Add(new("Bundle.type", "a referral Bundle is a transaction, collection or message Bundle", Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported));
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var at = $"Bundle.entry[{i}].resource";
            if (bundle.Entry[i].Resource is not { } resource)
            {
                parts.Issues.Add(new($"Bundle.entry[{i}]", "the entry has no resource", Hl7.Fhir.Model.OperationOutcome.IssueType.Required));
                continue;
            }
            if (bundle.Entry[i].FullUrl is { Length: > 0 } fullUrl) parts.byReference.TryAdd(fullUrl, new(resource, at));
            parts.Add(resource, at, messageHeaderAllowed: bundle.Type == Bundle.BundleType.Message);
        }
        if (parts.Request is null) parts.Issues.Add(new("Bundle", "the Bundle has no ServiceRequest: a referral is a ServiceRequest with its Patient and responses", Hl7.Fhir.Model.OperationOutcome.IssueType.Required));
        return parts;
    }

    /// <summary>A QuestionnaireResponse sent alone: the Patient (and any ServiceRequest and referrer) contained in it.</summary>
    public static ReferralParts FromResponse(QuestionnaireResponse response)
    {
        var parts = new ReferralParts("QuestionnaireResponse");
        for (var i = 0; i < response.Contained.Count; i++)
        {
            var contained = response.Contained[i];
            var at = $"QuestionnaireResponse.contained[{i}]";
            if (contained.Id is { Length: > 0 } id) parts.byReference.TryAdd("#" + id, new(contained, at));
            if (contained is QuestionnaireResponse)
                parts.Issues.Add(new(at, "a QuestionnaireResponse cannot contain another", Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported));
            else parts.Add(contained, at, messageHeaderAllowed: false);
        }
        parts.Responses.Add(new(response, "QuestionnaireResponse"));
        return parts;
    }

    /// <summary>The resource <paramref name="reference"/> names in this request: by full URL, <c>Type/id</c>, or <c>#id</c>
    /// for a contained one; null when it is not in the request.</summary>
    public Located<Resource>? Resolve(ResourceReference? reference) =>
        reference?.Reference is { Length: > 0 } target && byReference.TryGetValue(target, out var found) ? found : null;

    private void Add(Resource resource, string at, bool messageHeaderAllowed)
    {
        if (resource.Id is { Length: > 0 } id) byReference.TryAdd($"{resource.TypeName}/{id}", new(resource, at));
        switch (resource)
        {
            case ServiceRequest request when Request is null: Request = new(request, at); break;
            case ServiceRequest: Issues.Add(new(at, "a second ServiceRequest: one referral per request", Hl7.Fhir.Model.OperationOutcome.IssueType.BusinessRule)); break;
            case Patient patient:
                OnlyPatient = ++patients == 1 ? new(patient, at) : null;
                break;
            case Practitioner or PractitionerRole or Organization: break;
            case QuestionnaireResponse response: Responses.Add(new(response, at)); break;
            case Questionnaire questionnaire: Questionnaires.Add(questionnaire); break;
            case MessageHeader when messageHeaderAllowed: break;
            default:
                Issues.Add(new(at, $"a {resource.TypeName} is not part of a referral (ServiceRequest, Patient, Practitioner, PractitionerRole, Organization, QuestionnaireResponse, Questionnaire)", Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported));
                break;
        }
    }
}
