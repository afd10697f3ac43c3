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
    /// <summary>The resources a reference can name, in the order they were read: a reference names the first whose
    /// full URL (or <c>#id</c>, contained) or <c>Type/id</c> it is, compared as UTF-8 where the tree holds them, so
    /// gathering and resolving make no strings (the tree's strings are valid UTF-8: equal bytes are equal text).</summary>
    private readonly List<Referable> referable;

    /// <param name="Url">Its full URL (a Bundle entry's) or its id (a contained resource's, named <c>#id</c>); absent
    /// when it has none.</param>
    /// <param name="ByTypeAndId">Whether it is named <c>Type/id</c> too.</param>
    private readonly record struct Referable(Located Located, FhirNode Url, bool Contained, bool ByTypeAndId)
    {
        public bool IsNamedBy(ReadOnlySpan<byte> reference) =>
            (!Url.Utf8.IsEmpty && (Contained ? reference is [(byte)'#', .. var id] && id.SequenceEqual(Url.Utf8) : reference.SequenceEqual(Url.Utf8)))
            || (ByTypeAndId && IsTypeAndId(reference));

        /// <summary>The id is looked up only for a reference that starts with the type: most name a full URL.</summary>
        private bool IsTypeAndId(ReadOnlySpan<byte> reference)
        {
            var type = Located.Type;
            return reference.Length > type.Length + 1 && reference[type.Length] == (byte)'/' && System.Text.Ascii.Equals(reference[..type.Length], type)
                && Located.Resource["id"u8].Utf8 is { IsEmpty: false } id && reference[(type.Length + 1)..].SequenceEqual(id);
        }
    }

    /// <param name="resources">How many resources the request holds: each is kept once.</param>
    private ReferralParts(string root, int resources) => (Root, referable) = (root, new(resources));

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
        var (type, entries) = bundle.Both("type"u8, "entry"u8);
        var parts = new ReferralParts("Bundle", entries.Items.Count);
        var message = type.Utf8.SequenceEqual("message"u8);
        if (!(message || type.Utf8.SequenceEqual("transaction"u8) || type.Utf8.SequenceEqual("collection"u8)))
            parts.Issues.Add(new("Bundle.type", "a referral Bundle is a transaction, collection or message Bundle", Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported));
        var i = 0;
        foreach (var entry in entries.Items)
        {
            var (resource, fullUrl) = entry.Both("resource"u8, "fullUrl"u8);
            if (!resource.IsObject)
                parts.Issues.Add(new($"Bundle.entry[{i}]", "the entry has no resource", Hl7.Fhir.Model.OperationOutcome.IssueType.Required));
            else parts.Add(new(resource, resource.ResourceType!), url: fullUrl, contained: false, messageHeaderAllowed: message);
            i++;
        }
        if (parts.Request is null) parts.Issues.Add(new("Bundle", "the Bundle has no ServiceRequest: a referral is a ServiceRequest with its Patient and responses", Hl7.Fhir.Model.OperationOutcome.IssueType.Required));
        return parts;
    }

    /// <summary>A QuestionnaireResponse sent alone: the Patient (and any ServiceRequest and referrer) contained in it.</summary>
    public static ReferralParts FromResponse(FhirNode response)
    {
        var resources = response.Each("contained"u8);
        var parts = new ReferralParts("QuestionnaireResponse", resources.Count);
        foreach (var contained in resources)
        {
            var located = new Located(contained, contained.ResourceType!);
            if (located.Type == "QuestionnaireResponse")
            {
                parts.referable.Add(new(located, contained["id"u8], Contained: true, ByTypeAndId: false));
                parts.Issues.Add(new(located.At.ToString(), "a QuestionnaireResponse cannot contain another", Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported));
            }
            else parts.Add(located, url: contained["id"u8], contained: true, messageHeaderAllowed: false);
        }
        parts.Responses.Add(new(response, "QuestionnaireResponse"));
        return parts;
    }

    /// <summary>The resource <paramref name="reference"/> (a Reference) names in this request: by full URL, <c>Type/id</c>,
    /// or <c>#id</c> for a contained one; null when it is not in the request.</summary>
    public Located? Resolve(FhirNode reference)
    {
        var target = reference["reference"u8].Utf8;
        if (target.IsEmpty) return null;
        foreach (var candidate in referable)
            if (candidate.IsNamedBy(target)) return candidate.Located;
        return null;
    }

    private void Add(Located located, FhirNode url, bool contained, bool messageHeaderAllowed)
    {
        referable.Add(new(located, url, contained, ByTypeAndId: true));
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
