using System.Text.Json;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Fhir.Intake;

/// <summary>The Patient to the form's client, the requester (Practitioner, PractitionerRole, Organization or the
/// Patient) to its referrer.</summary>
internal static class PartyMapper
{
    public static void ReadClient(Located located, IntakeFormDraft draft, List<FhirIssue> issues)
    {
        var (patient, at) = (located.Resource, located.At);
        var names = patient.Each("name"u8);
        var nameIndex = Array.FindIndex(names, name => name.Text("use"u8) == "official");
        if (nameIndex < 0 && names.Length > 0) nameIndex = 0;
        JsonElement? name = nameIndex >= 0 ? names[nameIndex] : null;
        if (name?.FirstText("given"u8) is { Length: > 0 } given) draft.Set("client.givenName", given, $"{at}.name[{nameIndex}].given[0]");
        else issues.Add(new(nameIndex >= 0 ? $"{at}.name[{nameIndex}].given" : $"{at}.name", "the Patient has no given name", IssueType.Required));
        if (name?.Text("family"u8) is { Length: > 0 } family) draft.Set("client.familyName", family, $"{at}.name[{nameIndex}].family");
        else issues.Add(new(nameIndex >= 0 ? $"{at}.name[{nameIndex}].family" : $"{at}.name", "the Patient has no family name", IssueType.Required));

        if (patient.Text("birthDate"u8) is not { } birthDate)
            issues.Add(new($"{at}.birthDate", "the Patient has no birth date", IssueType.Required));
        else if (birthDate.Length != 10)
            issues.Add(new($"{at}.birthDate", "the Patient's birth date must be a full date (year, month and day)", IssueType.Value));
        else draft.Set("client.dateOfBirth", birthDate, $"{at}.birthDate");

        if (patient.Text("gender"u8) is not { } gender) issues.Add(new($"{at}.gender", "the Patient has no gender (unknown is an answer)", IssueType.Required));
        else draft.Set("client.sex", gender is "female" or "male" or "other" ? gender : "undisclosed", $"{at}.gender");

        var telecom = patient.Each("telecom"u8);
        SetTelecom(telecom, "email", "client.email", at, draft);
        SetTelecom(telecom, "phone", "client.phone", at, draft);

        var communication = patient.Each("communication"u8);
        var preferred = Array.FindIndex(communication, language => language.Flag("preferred"u8) == true);
        if (preferred < 0 && communication.Length > 0) preferred = 0;
        if (preferred >= 0 && communication[preferred].Child("language"u8)?.Each("coding"u8).FirstOrDefault() is { ValueKind: JsonValueKind.Object } coding
            && coding.Text("code"u8) is { Length: > 0 } tag)
            draft.Set("client.preferredLanguage", tag, $"{at}.communication[{preferred}].language");
    }

    /// <returns>Whether the Patient is the requester: a self-referral.</returns>
    public static bool ReadReferrer(ReferralParts parts, JsonElement? requester, string at, IntakeFormDraft draft)
    {
        var found = parts.Resolve(requester);
        switch (found?.Type)
        {
            case "Patient":
                return true;
            case "Practitioner":
                ReadPractitioner(found.Resource, at, draft);
                break;
            case "PractitionerRole":
                var role = found.Resource;
                var practitioner = role.Child("practitioner"u8);
                if (parts.Resolve(practitioner) is { Type: "Practitioner" } person) ReadPractitioner(person.Resource, at, draft);
                else if (practitioner?.Text("display"u8) is { Length: > 0 } display) draft.Set("referrer.name", display, at);
                SetTelecom(role.Each("telecom"u8), "email", "referrer.email", at, draft, overwrite: false);
                ReadOrganisation(parts, role.Child("organization"u8), at, draft);
                break;
            case "Organization":
                if (found.Resource.Text("name"u8) is { Length: > 0 } organisationName) draft.Set("referrer.organisation", organisationName, at);
                SetTelecom(found.Resource.Each("telecom"u8), "email", "referrer.email", at, draft);
                break;
            default:
                // A requester outside the request: its display is all there is to go on.
                if (requester?.Text("display"u8) is { Length: > 0 } name) draft.Set("referrer.name", name, $"{at}.display");
                break;
        }
        return false;
    }

    private static void ReadPractitioner(JsonElement practitioner, string at, IntakeFormDraft draft)
    {
        if (practitioner.Each("name"u8) is [var name, ..] && NameText(name) is { Length: > 0 } text) draft.Set("referrer.name", text, at);
        SetTelecom(practitioner.Each("telecom"u8), "email", "referrer.email", at, draft);
    }

    private static void ReadOrganisation(ReferralParts parts, JsonElement? reference, string at, IntakeFormDraft draft)
    {
        var name = parts.Resolve(reference) is { Type: "Organization" } organization ? organization.Resource.Text("name"u8) : reference?.Text("display"u8);
        if (name is { Length: > 0 }) draft.Set("referrer.organisation", name, at);
    }

    private static string? NameText(JsonElement name) =>
        name.Text("text"u8) is { Length: > 0 } text
            ? text
            : string.Join(' ', name.Each("prefix"u8).Concat(name.Each("given"u8)).Select(part => part.GetString()).Append(name.Text("family"u8)).Where(part => !string.IsNullOrEmpty(part)));

    private static void SetTelecom(JsonElement[] telecom, string system, string path, string at, IntakeFormDraft draft, bool overwrite = true)
    {
        var index = Array.FindIndex(telecom, point => point.Text("system"u8) == system && point.Text("value"u8) is { Length: > 0 });
        if (index >= 0 && (overwrite || !draft.Has(path))) draft.Set(path, telecom[index].Text("value"u8)!, $"{at}.telecom[{index}].value");
    }
}
