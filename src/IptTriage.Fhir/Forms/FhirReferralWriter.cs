using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using IptTriage.Fhir.Instruments;
using IptTriage.Fhir.Questionnaires;
using IptTriage.Triage.Intake;

namespace IptTriage.Fhir.Forms;

/// <summary>An intake form as a FHIR referral, the way an electronic health record would send it: a Bundle with the
/// ServiceRequest, Patient, referrer and one QuestionnaireResponse per instrument answered against the project's
/// Questionnaires, or one QuestionnaireResponse with everything in it. What the samples in samples/fhir are made from,
/// and what the round-trip tests and the benchmark send.</summary>
public static class FhirReferralWriter
{
    public static Bundle ToBundle(IntakeForm form, ResponseShape? shape = null)
    {
        shape ??= ResponseShape.Default;
        var values = FormValues.Of(form);
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction, Timestamp = form.ReceivedAt };
        var patient = Patient(form.Client);
        var request = new ServiceRequest
        {
            Identifier = [new Identifier(FhirVocabulary.ReferralIdSystem, form.ReferralId)],
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Code = new CodeableConcept(FhirVocabulary.ServiceSystem, FhirVocabulary.TriageService),
            Subject = new ResourceReference(Urn("patient")),
            AuthoredOnElement = new FhirDateTime(Timestamp(form.ReceivedAt)),
        };
        AddEntry(bundle, request, Urn("referral"));
        AddEntry(bundle, patient, Urn("patient"));
        if (Referrer(form.Referrer, Urn) is { } referrer)
        {
            foreach (var (resource, url) in referrer) AddEntry(bundle, resource, url);
            request.Requester = new ResourceReference(referrer[^1].Url);
        }
        else if (form.Referrer.Kind == ReferrerKind.Self) request.Requester = new ResourceReference(Urn("patient"));

        foreach (var instrument in InstrumentCatalog.All.Where(instrument => instrument.Items.Any(item => values.ContainsKey(item.FormPath))))
        {
            var response = Response(instrument, [instrument], values, shape);
            response.Subject = new ResourceReference(Urn("patient"));
            response.BasedOn = [new ResourceReference(Urn("referral"))];
            response.AuthoredElement = new FhirDateTime(Timestamp(form.ReceivedAt));
            AddEntry(bundle, response, Urn($"response-{instrument.Id}"));
            if (shape.LinkIds == LinkIdStyle.ThroughQuestionnaire) AddEntry(bundle, SenderQuestionnaire(instrument), Urn($"questionnaire-{instrument.Id}"));
        }
        return bundle;
    }

    /// <summary>Everything in one response (each instrument a group), the Patient and referrer contained in it.</summary>
    public static QuestionnaireResponse ToResponse(IntakeForm form, ResponseShape? shape = null)
    {
        shape ??= ResponseShape.Default with { Grouped = true };
        var values = FormValues.Of(form);
        var answered = InstrumentCatalog.All.Where(instrument => instrument.Items.Any(item => values.ContainsKey(item.FormPath))).ToList();
        var response = Response(InstrumentCatalog.ReferralDetails, answered, values, shape with { Grouped = true });
        response.Identifier = new Identifier(FhirVocabulary.ReferralIdSystem, form.ReferralId);
        response.AuthoredElement = new FhirDateTime(Timestamp(form.ReceivedAt));
        var patient = Patient(form.Client);
        patient.Id = "patient";
        response.Contained.Add(patient);
        response.Subject = new ResourceReference("#patient");
        if (Referrer(form.Referrer, role => "#" + role) is { } referrer)
        {
            foreach (var (resource, reference) in referrer)
            {
                resource.Id = reference[1..];
                response.Contained.Add(resource);
            }
            response.Author = new ResourceReference(referrer[^1].Url);
        }
        else if (form.Referrer.Kind == ReferrerKind.Self) response.Author = new ResourceReference("#patient");
        return response;
    }

    /// <summary>RFC 3339 as the intake contract writes it, the offset kept (ages are counted on the local date).</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')
        + (at.Offset == TimeSpan.Zero ? "Z" : at.ToString("zzz", CultureInfo.InvariantCulture));

    /// <summary>A fixed urn:uuid per role, so the same form always gives the same Bundle.</summary>
    private static string Urn(string role) => $"urn:uuid:{new Guid(MD5.HashData(Encoding.UTF8.GetBytes(role)))}";

    private static void AddEntry(Bundle bundle, Resource resource, string fullUrl) =>
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = fullUrl,
            Resource = resource,
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName },
        });

    private static Patient Patient(Client client)
    {
        var patient = new Patient
        {
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = client.FamilyName, Given = [client.GivenName] }],
            BirthDate = client.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Gender = client.Sex switch
            {
                Sex.Female => AdministrativeGender.Female,
                Sex.Male => AdministrativeGender.Male,
                Sex.Other => AdministrativeGender.Other,
                _ => AdministrativeGender.Unknown,
            },
            Communication = [new Patient.CommunicationComponent { Language = new CodeableConcept(FhirVocabulary.Bcp47, client.PreferredLanguage), Preferred = true }],
        };
        if (client.Email is { } email) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, email));
        if (client.Phone is { } phone) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
        return patient;
    }

    /// <summary>The referrer's resources, the one to reference last; null when the form names no one.</summary>
    /// <param name="reference">How a resource of the given role is referenced: by urn:uuid in a Bundle, by #id when contained.</param>
    private static List<(Resource Resource, string Url)>? Referrer(Referrer referrer, Func<string, string> reference)
    {
        if (referrer.Name is null && referrer.Organisation is null && referrer.Email is null) return null;
        var resources = new List<(Resource, string)>();
        var practitioner = new Practitioner();
        if (referrer.Name is { } name) practitioner.Name = [new HumanName { Text = name }];
        if (referrer.Email is { } email) practitioner.Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Email, null, email)];
        resources.Add((practitioner, reference("referrer")));
        if (referrer.Organisation is { } organisation)
        {
            resources.Add((new Organization { Name = organisation }, reference("referrer-organisation")));
            resources.Add((new PractitionerRole
            {
                Practitioner = new ResourceReference(reference("referrer")),
                Organization = new ResourceReference(reference("referrer-organisation")),
            }, reference("referrer-role")));
        }
        return resources;
    }

    private static QuestionnaireResponse Response(IntakeInstrument declared, IReadOnlyList<IntakeInstrument> instruments, Dictionary<string, object> values, ResponseShape shape)
    {
        var response = new QuestionnaireResponse
        {
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Questionnaire = shape.LinkIds == LinkIdStyle.ThroughQuestionnaire ? SenderUrl(declared) : declared.Url,
        };
        foreach (var instrument in instruments)
        {
            var items = instrument.Items.Select((question, index) => Item(instrument, question, index, values, shape)).OfType<QuestionnaireResponse.ItemComponent>().ToList();
            if (shape.Grouped) response.Item.Add(new QuestionnaireResponse.ItemComponent { LinkId = instrument.PanelLoinc ?? instrument.Id, Text = instrument.Title, Item = items });
            else response.Item.AddRange(items);
        }
        return response;
    }

    private static QuestionnaireResponse.ItemComponent? Item(IntakeInstrument instrument, IntakeItem question, int index, Dictionary<string, object> values, ResponseShape shape)
    {
        if (!values.TryGetValue(question.FormPath, out var value)) return null;
        var item = new QuestionnaireResponse.ItemComponent
        {
            LinkId = shape.LinkIds switch
            {
                LinkIdStyle.LoincPaths when question.Loinc is { } loinc => $"/{instrument.PanelLoinc}/{loinc}",
                LinkIdStyle.ThroughQuestionnaire => SenderLinkId(index),
                _ => question.LinkId,
            },
        };
        IEnumerable<DataType> answers = value switch
        {
            int score when question.Kind == AnswerKind.Score => [ScoreAnswer(question, score, shape.Answers)],
            int number => [new Integer(number)],
            bool flag => [new FhirBoolean(flag)],
            string code when question.Kind == AnswerKind.Choice => [new Coding(question.ChoiceSystem, code)],
            string text => [new FhirString(text)],
            IEnumerable<string> codes => codes.Select(code => (DataType)new Coding(question.ChoiceSystem, code)),
            _ => throw new InvalidOperationException($"no answer for {question.FormPath}"),
        };
        item.Answer = [.. answers.Select(answer => new QuestionnaireResponse.AnswerComponent { Value = answer })];
        return item;
    }

    private static DataType ScoreAnswer(IntakeItem question, int score, AnswerStyle style) => style switch
    {
        AnswerStyle.Integers => new Integer(score),
        AnswerStyle.OrdinalExtensions => new Coding("urn:oid:2.16.840.1.113883.3.9999.1", $"answer-{score}")
        {
            Extension = [new Extension(FhirVocabulary.OrdinalValue, new FhirDecimal(score))],
        },
        // The code alone, as form fillers answer: its score is the answer list's (LOINC's, or the project's score code).
        _ => IntakeQuestionnaires.AnswerCoding(question, score, withScore: false),
    };

    private static string SenderUrl(IntakeInstrument instrument) => $"http://ehr.example.org/fhir/Questionnaire/{instrument.Id}";

    private static string SenderLinkId(int index) => $"q{index + 1}";

    /// <summary>A sender's copy of the instrument: its own URL and linkIds, the items coded (LOINC, else the project's item code).</summary>
    private static Questionnaire SenderQuestionnaire(IntakeInstrument instrument)
    {
        var questionnaire = IntakeQuestionnaires.For(instrument);
        questionnaire.Id = null;
        questionnaire.Url = SenderUrl(instrument);
        for (var i = 0; i < questionnaire.Item.Count; i++)
        {
            var question = instrument.Items[i];
            questionnaire.Item[i].LinkId = SenderLinkId(i);
            if (question.Loinc is null) questionnaire.Item[i].Code = [new Coding(FhirVocabulary.ItemSystem, question.LinkId)];
        }
        return questionnaire;
    }
}
