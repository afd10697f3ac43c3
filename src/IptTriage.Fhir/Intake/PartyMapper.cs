using Hl7.Fhir.Model;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Fhir.Intake;

/// <summary>The Patient to the form's client, the requester (Practitioner, PractitionerRole, Organization or the
/// Patient) to its referrer.</summary>
internal static class PartyMapper
{
    public static void ReadClient(Located<Patient> located, IntakeFormDraft draft, List<FhirIssue> issues)
    {
        var (patient, at) = (located.Resource, located.At);
        var nameIndex = patient.Name.FindIndex(name => name.Use == HumanName.NameUse.Official);
        if (nameIndex < 0 && patient.Name.Count > 0) nameIndex = 0;
        var name = nameIndex >= 0 ? patient.Name[nameIndex] : null;
        if (name?.Given.FirstOrDefault() is { Length: > 0 } given) draft.Set("client.givenName", given, $"{at}.name[{nameIndex}].given[0]");
        else issues.Add(new(nameIndex >= 0 ? $"{at}.name[{nameIndex}].given" : $"{at}.name", "the Patient has no given name", IssueType.Required));
        if (name?.Family is { Length: > 0 } family) draft.Set("client.familyName", family, $"{at}.name[{nameIndex}].family");
        else issues.Add(new(nameIndex >= 0 ? $"{at}.name[{nameIndex}].family" : $"{at}.name", "the Patient has no family name", IssueType.Required));

        if (patient.BirthDate is not { } birthDate)
            issues.Add(new($"{at}.birthDate", "the Patient has no birth date", IssueType.Required));
        else if (birthDate.Length != 10)
            issues.Add(new($"{at}.birthDate", "the Patient's birth date must be a full date (year, month and day)", IssueType.Value));
        else draft.Set("client.dateOfBirth", birthDate, $"{at}.birthDate");

        if (patient.Gender is not { } gender) issues.Add(new($"{at}.gender", "the Patient has no gender (unknown is an answer)", IssueType.Required));
        else draft.Set("client.sex", gender switch
        {
            AdministrativeGender.Female => "female",
            AdministrativeGender.Male => "male",
            AdministrativeGender.Other => "other",
            _ => "undisclosed",
        }, $"{at}.gender");

        SetTelecom(patient.Telecom, ContactPoint.ContactPointSystem.Email, "client.email", at, draft);
        SetTelecom(patient.Telecom, ContactPoint.ContactPointSystem.Phone, "client.phone", at, draft);

        var preferred = patient.Communication.FindIndex(language => language.Preferred == true);
        if (preferred < 0 && patient.Communication.Count > 0) preferred = 0;
        if (preferred >= 0 && patient.Communication[preferred].Language?.Coding.FirstOrDefault()?.Code is { Length: > 0 } tag)
            draft.Set("client.preferredLanguage", tag, $"{at}.communication[{preferred}].language");
    }

    /// <returns>Whether the Patient is the requester: a self-referral.</returns>
    public static bool ReadReferrer(ReferralParts parts, ResourceReference? requester, string at, IntakeFormDraft draft)
    {
        switch (parts.Resolve(requester)?.Resource)
        {
            case Patient:
                return true;
            case Practitioner practitioner:
                ReadPractitioner(practitioner, at, draft);
                break;
            case PractitionerRole role:
                if (parts.Resolve(role.Practitioner)?.Resource is Practitioner person) ReadPractitioner(person, at, draft);
                else if (role.Practitioner?.Display is { Length: > 0 } display) draft.Set("referrer.name", display, at);
                SetTelecom(role.Telecom, ContactPoint.ContactPointSystem.Email, "referrer.email", at, draft, overwrite: false);
                ReadOrganisation(parts, role.Organization, at, draft);
                break;
            case Organization organization:
                if (organization.Name is { Length: > 0 } organisationName) draft.Set("referrer.organisation", organisationName, at);
                SetTelecom(organization.Telecom, ContactPoint.ContactPointSystem.Email, "referrer.email", at, draft);
                break;
            default:
                // A requester outside the request: its display is all there is to go on.
                if (requester?.Display is { Length: > 0 } name) draft.Set("referrer.name", name, $"{at}.display");
                break;
        }
        return false;
    }

    private static void ReadPractitioner(Practitioner practitioner, string at, IntakeFormDraft draft)
    {
        if (practitioner.Name.FirstOrDefault() is { } name && NameText(name) is { Length: > 0 } text) draft.Set("referrer.name", text, at);
        SetTelecom(practitioner.Telecom, ContactPoint.ContactPointSystem.Email, "referrer.email", at, draft);
    }

    private static void ReadOrganisation(ReferralParts parts, ResourceReference? reference, string at, IntakeFormDraft draft)
    {
        var name = parts.Resolve(reference)?.Resource is Organization organization ? organization.Name : reference?.Display;
        if (name is { Length: > 0 }) draft.Set("referrer.organisation", name, at);
    }

    private static string? NameText(HumanName name) =>
        name.Text is { Length: > 0 } text ? text : string.Join(' ', name.Prefix.Concat(name.Given).Append(name.Family).Where(part => !string.IsNullOrEmpty(part)));

    private static void SetTelecom(List<ContactPoint> telecom, ContactPoint.ContactPointSystem system, string path, string at, IntakeFormDraft draft, bool overwrite = true)
    {
        var index = telecom.FindIndex(point => point.System == system && point.Value is { Length: > 0 });
        if (index >= 0 && (overwrite || !draft.Has(path))) draft.Set(path, telecom[index].Value!, $"{at}.telecom[{index}].value");
    }
}
