using IptTriage.Api.Security;

namespace IptTriage.Api;

/// <summary>One route of the API: the name both hosts know it by (the Functions app's function name), its method and
/// template below its prefix (<see cref="ApiRoutes.Prefix"/>, or <see cref="ApiRoutes.FhirPrefix"/>), and the role
/// policy it needs.</summary>
/// <param name="ClinicAccessFirst">A clinic (or the crisis team) may call it with a body: whether the caller may see
/// the referral is checked before the body is read, so it learns nothing about one it may not see, not even that its
/// body was wrong.</param>
public sealed record ApiRoute(string Name, string Method, string Template, string Policy, bool ClinicAccessFirst = false, string Prefix = ApiRoutes.Prefix)
{
    /// <summary>Every POST and PUT takes a JSON body; a body declared as anything else is refused (415) before the role is checked.</summary>
    public bool TakesJson => Method is ApiRoutes.Post or ApiRoutes.Put;

    public string Path => $"/{Prefix}/{Template}";
}

/// <summary>The API's routes (docs/api.md), the one table both hosts serve: <c>iptriage serve</c> maps each with
/// minimal APIs, the Functions app has an HTTP function per route named <see cref="ApiRoute.Name"/>, with these
/// constants in its <c>[HttpTrigger]</c>, and its key middleware looks the policy up here by that name.</summary>
public static class ApiRoutes
{
    /// <summary>The prefix of the project's own routes. The Functions host's route prefix is empty (host.json), so
    /// its triggers carry the prefix in their routes and the same paths are served on both hosts.</summary>
    public const string Prefix = "api";

    /// <summary>The FHIR R4 routes' prefix (docs/fhir.md): FHIR clients expect the resource types at a base URL.</summary>
    public const string FhirPrefix = "fhir";

    public const string Get = "GET", Post = "POST", Put = "PUT";

    public const string Referrals = "referrals";
    public const string Referral = "referrals/{id}";
    public const string Review = "referrals/{id}/review";
    public const string ClinicResponse = "referrals/{id}/clinic-response";
    public const string CrisisAck = "referrals/{id}/crisis-ack";
    public const string Placement = "referrals/{id}/placement";
    public const string Close = "referrals/{id}/close";
    public const string Discharge = "referrals/{id}/discharge";
    public const string Reviews = "reviews";
    public const string Clinics = "clinics";
    public const string IntakeFormSchema = "schema/intake-form";
    public const string Clinic = "clinics/{clinicId}";
    public const string ClinicCapacity = "clinics/{clinicId}/capacity";
    public const string PlacementOptions = "referrals/{id}/placement-options";
    public const string Search = "referrals/search";
    public const string Assignment = "referrals/{id}/assignment";
    public const string Notes = "referrals/{id}/notes";
    public const string Source = "referrals/{id}/source";
    public const string FhirBundle = "Bundle";
    public const string FhirQuestionnaireResponse = "QuestionnaireResponse";
    public const string FhirQuestionnaires = "Questionnaire";
    public const string FhirQuestionnaire = "Questionnaire/{id}";
    public const string FhirTask = "Task/{id}";
    public const string FhirMetadata = "metadata";
    public const string PolicyWhatIf = "policy/what-if";
    public const string ClinicCases = "clinic/cases";
    public const string CurrentPolicy = "policy";
    public const string Worklists = "worklists";

    public static readonly ApiRoute SubmitReferral = new(nameof(SubmitReferral), Post, Referrals, ApiPolicies.Submit);
    public static readonly ApiRoute ListReferrals = new(nameof(ListReferrals), Get, Referrals, ApiPolicies.Worklist);
    public static readonly ApiRoute GetReferral = new(nameof(GetReferral), Get, Referral, ApiPolicies.ReadReferral);
    public static readonly ApiRoute GetReferralSource = new(nameof(GetReferralSource), Get, Source, ApiPolicies.Coordinator);
    public static readonly ApiRoute DecideReview = new(nameof(DecideReview), Post, Review, ApiPolicies.Coordinator);
    public static readonly ApiRoute RespondToOffer = new(nameof(RespondToOffer), Post, ClinicResponse, ApiPolicies.Clinic, ClinicAccessFirst: true);
    public static readonly ApiRoute AcknowledgeCrisis = new(nameof(AcknowledgeCrisis), Post, CrisisAck, ApiPolicies.Crisis, ClinicAccessFirst: true);
    public static readonly ApiRoute PlaceReferral = new(nameof(PlaceReferral), Post, Placement, ApiPolicies.Coordinator);
    public static readonly ApiRoute ListReviews = new(nameof(ListReviews), Get, Reviews, ApiPolicies.Coordinator);
    public static readonly ApiRoute GetWorklists = new(nameof(GetWorklists), Get, Worklists, ApiPolicies.Worklist);
    public static readonly ApiRoute ListClinics = new(nameof(ListClinics), Get, Clinics, ApiPolicies.Coordinator);
    public static readonly ApiRoute GetIntakeFormSchema = new(nameof(GetIntakeFormSchema), Get, IntakeFormSchema, ApiPolicies.AnyKey);
    public static readonly ApiRoute GetClinic = new(nameof(GetClinic), Get, Clinic, ApiPolicies.Coordinator);
    public static readonly ApiRoute SetClinicCapacity = new(nameof(SetClinicCapacity), Put, ClinicCapacity, ApiPolicies.Coordinator);
    public static readonly ApiRoute ListPlacementOptions = new(nameof(ListPlacementOptions), Get, PlacementOptions, ApiPolicies.Coordinator);
    public static readonly ApiRoute SearchReferrals = new(nameof(SearchReferrals), Post, Search, ApiPolicies.Coordinator);
    public static readonly ApiRoute AssignReferral = new(nameof(AssignReferral), Post, Assignment, ApiPolicies.Coordinator);
    public static readonly ApiRoute AddCaseNote = new(nameof(AddCaseNote), Post, Notes, ApiPolicies.Crisis, ClinicAccessFirst: true);
    public static readonly ApiRoute ListClinicCases = new(nameof(ListClinicCases), Get, ClinicCases, ApiPolicies.Clinic);
    public static readonly ApiRoute RunPolicyWhatIf = new(nameof(RunPolicyWhatIf), Post, PolicyWhatIf, ApiPolicies.Coordinator);
    public static readonly ApiRoute GetPolicy = new(nameof(GetPolicy), Get, CurrentPolicy, ApiPolicies.Coordinator);

    public static readonly ApiRoute CloseReferral = new(nameof(CloseReferral), Post, Close, ApiPolicies.Coordinator);
    public static readonly ApiRoute DischargeReferral = new(nameof(DischargeReferral), Post, Discharge, ApiPolicies.Clinic, ClinicAccessFirst: true);

    public static readonly ApiRoute SubmitFhirBundle = new(nameof(SubmitFhirBundle), Post, FhirBundle, ApiPolicies.Submit, Prefix: FhirPrefix);
    public static readonly ApiRoute SubmitFhirQuestionnaireResponse = new(nameof(SubmitFhirQuestionnaireResponse), Post, FhirQuestionnaireResponse, ApiPolicies.Submit, Prefix: FhirPrefix);
    public static readonly ApiRoute ListFhirQuestionnaires = new(nameof(ListFhirQuestionnaires), Get, FhirQuestionnaires, ApiPolicies.AnyKey, Prefix: FhirPrefix);
    public static readonly ApiRoute GetFhirQuestionnaire = new(nameof(GetFhirQuestionnaire), Get, FhirQuestionnaire, ApiPolicies.AnyKey, Prefix: FhirPrefix);
    public static readonly ApiRoute GetFhirTask = new(nameof(GetFhirTask), Get, FhirTask, ApiPolicies.ReadReferral, Prefix: FhirPrefix);
    public static readonly ApiRoute GetFhirMetadata = new(nameof(GetFhirMetadata), Get, FhirMetadata, ApiPolicies.AnyKey, Prefix: FhirPrefix);

    public static IReadOnlyList<ApiRoute> All { get; } =
        [
            SubmitReferral, ListReferrals, GetReferral, GetReferralSource, DecideReview, RespondToOffer, AcknowledgeCrisis, PlaceReferral, ListReviews, ListClinics, GetIntakeFormSchema,
            GetClinic, SetClinicCapacity, ListPlacementOptions, SearchReferrals, AssignReferral, AddCaseNote, CloseReferral, DischargeReferral,
            SubmitFhirBundle, SubmitFhirQuestionnaireResponse, ListFhirQuestionnaires, GetFhirQuestionnaire, GetFhirTask, GetFhirMetadata,
            RunPolicyWhatIf, ListClinicCases, GetPolicy, GetWorklists,
        ];

    public static ApiRoute? Find(string name) => All.FirstOrDefault(route => route.Name == name);
}
