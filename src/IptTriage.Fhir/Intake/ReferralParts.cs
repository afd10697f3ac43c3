namespace IptTriage.Fhir.Intake;

/// <summary>A resource of the request (structurally checked), its type and where it is (<c>Bundle.entry[1].resource</c>).
/// A class: each resource is one instance, compared by reference.</summary>
internal sealed class Located(FhirNode resource, string type)
{
    public FhirNode Resource { get; } = resource;

    public string Type { get; } = type;

    public FhirLocation At => Resource.Location;
}

/// <summary>The resources of one FHIR referral, gathered from a Bundle's entries or a QuestionnaireResponse's contained
/// resources, with what they say about their own shape already checked: one ServiceRequest (a Bundle needs it), one
/// Patient, the referrer's resources, the responses and any Questionnaires sent with them.</summary>
internal sealed class ReferralParts
{
    private readonly Dictionary<string, Located> byReference = new(StringComparer.Ordinal);

    private ReferralParts(string root) => Root = root;

    public string Root { get; }

    public List<FhirIssue> Issues { get; } = [];

    public Located? Request { get; private set; }

    public List<Located> Responses { get; } = [];

    public List<FhirNode> Questionnaires { get; } = [];

    /// <summary>The single Patient, when the request has exactly one.</summary>
    public Located? OnlyPatient { get; private set; }

    private int patients;

    public static ReferralParts FromBundle(FhirNode bundle)
    {
        var parts = new ReferralParts("Bundle");
        var type = bundle["type"u8].Utf8;
        var message = type.SequenceEqual("message"u8);
        if (!(message || type.SequenceEqual("transaction"u8) || type.SequenceEqual("collection"u8)))
            parts.Issues.Add(new("Bundle.type", "a referral Bundle is a transaction, collection or message Bundle", Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported));
        var i = 0;
        foreach (var entry in bundle.Each("entry"u8))
        {
            if (entry.Child("resource"u8) is not { Exists: true } resource)
                parts.Issues.Add(new($"Bundle.entry[{i}]", "the entry has no resource", Hl7.Fhir.Model.OperationOutcome.IssueType.Required));
            else
            {
                var located = new Located(resource, resource.ResourceType!);
                if (entry.Text("fullUrl"u8) is { } fullUrl) parts.byReference.TryAdd(fullUrl, located);
                parts.Add(located, messageHeaderAllowed: message);
            }
            i++;
        }
        if (parts.Request is null) parts.Issues.Add(new("Bundle", "the Bundle has no ServiceRequest: a referral is a ServiceRequest with its Patient and responses", Hl7.Fhir.Model.OperationOutcome.IssueType.Required));
        return parts;
    }

    /// <summary>A QuestionnaireResponse sent alone: the Patient (and any ServiceRequest and referrer) contained in it.</summary>
    public static ReferralParts FromResponse(FhirNode response)
    {
        var parts = new ReferralParts("QuestionnaireResponse");
        foreach (var contained in response.Each("contained"u8))
        {
            var located = new Located(contained, contained.ResourceType!);
            if (contained.Text("id"u8) is { } id) parts.byReference.TryAdd("#" + id, located);
            if (located.Type == "QuestionnaireResponse")
                parts.Issues.Add(new(located.At.ToString(), "a QuestionnaireResponse cannot contain another", Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported));
            else parts.Add(located, messageHeaderAllowed: false);
        }
        parts.Responses.Add(new(response, "QuestionnaireResponse"));
        return parts;
    }

    /// <summary>The resource <paramref name="reference"/> (a Reference) names in this request: by full URL, <c>Type/id</c>,
    /// or <c>#id</c> for a contained one; null when it is not in the request.</summary>
    public Located? Resolve(FhirNode reference) =>
        reference.Text("reference"u8) is { } target && byReference.TryGetValue(target, out var found) ? found : null;

    private void Add(Located located, bool messageHeaderAllowed)
    {
        if (located.Resource.Text("id"u8) is { } id) byReference.TryAdd($"{located.Type}/{id}", located);
        switch (located.Type)
        {
            case "ServiceRequest" when Request is null: Request = located; break;
            case "ServiceRequest": Issues.Add(new(located.At.ToString(), "a second ServiceRequest: one referral per request", Hl7.Fhir.Model.OperationOutcome.IssueType.BusinessRule)); break;
            case "Patient":
                OnlyPatient = ++patients == 1 ? located : null;
                break;
            case "Practitioner" or "PractitionerRole" or "Organization": break;
            case "QuestionnaireResponse": Responses.Add(located); break;
            case "Questionnaire": Questionnaires.Add(located.Resource); break;
            case "MessageHeader" when messageHeaderAllowed: break;
            default:
                Issues.Add(new(located.At.ToString(), $"a {located.Type} is not part of a referral (ServiceRequest, Patient, Practitioner, PractitionerRole, Organization, QuestionnaireResponse, Questionnaire)", Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported));
                break;
        }
    }
}
