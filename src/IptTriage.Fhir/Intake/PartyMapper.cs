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
        var nameIndex = names.FindIndex(name => name.Is("use"u8, "official"u8));
        if (nameIndex < 0 && names.Count > 0) nameIndex = 0;
        var name = nameIndex >= 0 ? names[nameIndex] : default;
        if (name.Each("given"u8) is { Count: > 0 } given && given[0] is { Utf8.IsEmpty: false } first) draft.SetText("client.givenName", first, first.Location);
        else issues.Add(new(nameIndex >= 0 ? $"{at}.name[{nameIndex}].given" : $"{at}.name", "the Patient has no given name", IssueType.Required));
        if (name["family"u8] is { Utf8.IsEmpty: false } family) draft.SetText("client.familyName", family, family.Location);
        else issues.Add(new(nameIndex >= 0 ? $"{at}.name[{nameIndex}].family" : $"{at}.name", "the Patient has no family name", IssueType.Required));

        var birthDate = patient["birthDate"u8];
        if (!birthDate.Exists)
            issues.Add(new($"{at}.birthDate", "the Patient has no birth date", IssueType.Required));
        else if (birthDate.Utf8.Length != 10)
            issues.Add(new($"{at}.birthDate", "the Patient's birth date must be a full date (year, month and day)", IssueType.Value));
        else draft.SetText("client.dateOfBirth", birthDate, birthDate.Location);

        var gender = patient["gender"u8];
        if (!gender.Exists) issues.Add(new($"{at}.gender", "the Patient has no gender (unknown is an answer)", IssueType.Required));
        else draft.Set("client.sex", gender.Utf8 switch
        {
            var code when code.SequenceEqual("female"u8) => "female",
            var code when code.SequenceEqual("male"u8) => "male",
            var code when code.SequenceEqual("other"u8) => "other",
            _ => "undisclosed",
        }, gender.Location);

        var telecom = patient.Each("telecom"u8);
        SetTelecom(telecom, "email"u8, "client.email", draft);
        SetTelecom(telecom, "phone"u8, "client.phone", draft);

        var communication = patient.Each("communication"u8);
        var preferred = communication.FindIndex(language => language.Flag("preferred"u8) == true);
        if (preferred < 0 && communication.Count > 0) preferred = 0;
        if (preferred >= 0 && communication[preferred].Child("language"u8).Each("coding"u8) is { Count: > 0 } codings
            && codings[0]["code"u8] is { Utf8.IsEmpty: false } tag)
            draft.SetText("client.preferredLanguage", tag, communication[preferred]["language"u8].Location);
    }

    /// <returns>Whether the Patient is the requester: a self-referral.</returns>
    public static bool ReadReferrer(ReferralParts parts, FhirNode requester, FhirLocation at, IntakeFormDraft draft)
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
                else if (practitioner["display"u8] is { Utf8.IsEmpty: false } display) draft.SetText("referrer.name", display, at);
                SetTelecom(role.Each("telecom"u8), "email"u8, "referrer.email", draft, overwrite: false);
                ReadOrganisation(parts, role.Child("organization"u8), at, draft);
                break;
            case "Organization":
                if (found.Resource["name"u8] is { Utf8.IsEmpty: false } organisationName) draft.SetText("referrer.organisation", organisationName, at);
                SetTelecom(found.Resource.Each("telecom"u8), "email"u8, "referrer.email", draft);
                break;
            default:
                // A requester outside the request: its display is all there is to go on.
                if (requester["display"u8] is { Utf8.IsEmpty: false } name) draft.SetText("referrer.name", name, name.Location);
                break;
        }
        return false;
    }

    private static void ReadPractitioner(FhirNode practitioner, FhirLocation at, IntakeFormDraft draft)
    {
        if (practitioner.Each("name"u8) is { Count: > 0 } names && NameText(names[0]) is { Length: > 0 } text) draft.Set("referrer.name", text, at);
        SetTelecom(practitioner.Each("telecom"u8), "email"u8, "referrer.email", draft);
    }

    private static void ReadOrganisation(ReferralParts parts, FhirNode reference, FhirLocation at, IntakeFormDraft draft)
    {
        var name = parts.Resolve(reference) is { Type: "Organization" } organization ? organization.Resource["name"u8] : reference["display"u8];
        if (!name.Utf8.IsEmpty) draft.SetText("referrer.organisation", name, at);
    }

    private static string? NameText(FhirNode name)
    {
        if (name.Text("text"u8) is { } text) return text;
        var parts = new List<string>();
        foreach (var prefix in name.Each("prefix"u8)) if (prefix.Utf8 is { IsEmpty: false }) parts.Add(prefix.GetString());
        foreach (var given in name.Each("given"u8)) if (given.Utf8 is { IsEmpty: false }) parts.Add(given.GetString());
        if (name.Text("family"u8) is { } family) parts.Add(family);
        return string.Join(' ', parts);
    }

    private static void SetTelecom(FhirNodes telecom, ReadOnlySpan<byte> system, string path, IntakeFormDraft draft, bool overwrite = true)
    {
        foreach (var point in telecom)
        {
            if (!point.Is("system"u8, system) || point["value"u8] is not { Exists: true } value) continue;
            if (overwrite || !draft.Has(path)) draft.SetText(path, value, value.Location);
            return;
        }
    }
}
