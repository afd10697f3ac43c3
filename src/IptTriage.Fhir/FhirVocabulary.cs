namespace IptTriage.Fhir;

/// <summary>The systems, URLs and media type the FHIR adapter speaks (docs/fhir.md). The project's own canonical base
/// names what has no published code: its Questionnaires, the intake form's enum fields, the service it offers.</summary>
public static class FhirVocabulary
{
    public const string MediaType = "application/fhir+json";

    public const string FhirVersion = "4.0.1";

    public const string Loinc = "http://loinc.org";

    public const string Bcp47 = "urn:ietf:bcp:47";

    /// <summary>The project's canonical base; a deployment may publish the same resources under it.</summary>
    public const string Base = "https://iptriage.example.org/fhir";

    /// <summary>What a ServiceRequest must ask for to be a referral to this service.</summary>
    public const string ServiceSystem = Base + "/CodeSystem/service";

    public const string TriageService = "ipt-triage";

    /// <summary>The referral id, as the identifier of a ServiceRequest, QuestionnaireResponse or Task.</summary>
    public const string ReferralIdSystem = Base + "/referral-id";

    /// <summary>The project's own items as codes (their linkIds), for a sender's Questionnaire that names them.</summary>
    public const string ItemSystem = Base + "/CodeSystem/intake-item";

    /// <summary>Scores 0–5 of the project's own scales, the code being the score.</summary>
    public const string ScoreSystem = Base + "/CodeSystem/score";

    /// <summary>The project's own status, as <c>Task.businessStatus</c>.</summary>
    public const string StatusSystem = Base + "/CodeSystem/referral-status";

    /// <summary>R4 core's ordinal extension, and SDC's later name for it: either gives an answer's score.</summary>
    public const string OrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

    public const string ItemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight";

    /// <summary>The system of a contract enum field's codes, which are the contract's own (<c>referrer-kind</c>: <c>gp</c> …).</summary>
    public static string CodeSystemOf(string name) => $"{Base}/CodeSystem/{name}";

    public static string QuestionnaireUrl(string id) => $"{Base}/Questionnaire/{id}";
}
