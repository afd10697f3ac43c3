using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Fhir.Intake;

/// <summary>The Patient to the form's client, the requester (Practitioner, PractitionerRole, Organization or the
/// Patient) to its referrer. A record keeps names and contact points no longer in use (marked <c>old</c>, a maiden
/// name, a period that has ended): the form takes those in use on the day of the referral, so a client is never written
/// to at an address they gave up.</summary>
/// <remarks><c>referralDay</c>, everywhere here: the referral's date (<c>YYYY-MM-DD</c>, from its time), or empty when
/// it has none (the referral is refused for that).</remarks>
internal static class PartyMapper
{
    public static void ReadClient(Located located, ReadOnlySpan<byte> referralDay, IntakeFormDraft draft, List<FhirIssue> issues)
    {
        var (patient, at) = (located.Resource, located.At);
        var names = patient.Each("name"u8);
        var nameIndex = NameToTake(names, referralDay);
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
        SetTelecom(telecom, "email"u8, referralDay, "client.email", draft);
        SetTelecom(telecom, "phone"u8, referralDay, "client.phone", draft);

        var communication = patient.Each("communication"u8);
        var preferred = communication.FindIndex(language => language.Flag("preferred"u8) == true);
        if (preferred < 0 && communication.Count > 0) preferred = 0;
        if (preferred >= 0 && LanguageTag(communication[preferred].Child("language"u8).Each("coding"u8)) is { Utf8.IsEmpty: false } tag)
            draft.SetText("client.preferredLanguage", tag, communication[preferred]["language"u8].Location);
    }

    /// <summary>The BCP-47 coding's code (a record may list its own language codes first), else the first coding's.</summary>
    private static FhirNode LanguageTag(FhirNodes codings)
    {
        foreach (var coding in codings)
            if (coding.Is("system"u8, Utf8Vocabulary.Bcp47)) return coding["code"u8];
        return codings.Count > 0 ? codings[0]["code"u8] : default;
    }

    /// <returns>Whether the Patient is the requester: a self-referral.</returns>
    public static bool ReadReferrer(ReferralParts parts, FhirNode requester, FhirLocation at, ReadOnlySpan<byte> referralDay, IntakeFormDraft draft)
    {
        var found = parts.Resolve(requester);
        switch (found?.Type)
        {
            case "Patient":
                return true;
            case "Practitioner":
                ReadPractitioner(found.Resource, at, referralDay, draft);
                break;
            case "PractitionerRole":
                var role = found.Resource;
                var practitioner = role.Child("practitioner"u8);
                if (parts.Resolve(practitioner) is { Type: "Practitioner" } person) ReadPractitioner(person.Resource, at, referralDay, draft);
                else if (practitioner["display"u8] is { Utf8.IsEmpty: false } display) draft.SetText("referrer.name", display, at);
                SetTelecom(role.Each("telecom"u8), "email"u8, referralDay, "referrer.email", draft, overwrite: false);
                ReadOrganisation(parts, role.Child("organization"u8), at, draft);
                break;
            case "Organization":
                if (found.Resource["name"u8] is { Utf8.IsEmpty: false } organisationName) draft.SetText("referrer.organisation", organisationName, at);
                SetTelecom(found.Resource.Each("telecom"u8), "email"u8, referralDay, "referrer.email", draft);
                break;
            default:
                // A requester outside the request: its display is all there is to go on.
                if (requester["display"u8] is { Utf8.IsEmpty: false } name) draft.SetText("referrer.name", name, name.Location);
                break;
        }
        return false;
    }

    private static void ReadPractitioner(FhirNode practitioner, FhirLocation at, ReadOnlySpan<byte> referralDay, IntakeFormDraft draft)
    {
        var names = practitioner.Each("name"u8);
        if (NameToTake(names, referralDay) is >= 0 and var taken && NameText(names[taken]) is { Length: > 0 } text) draft.Set("referrer.name", text, at);
        SetTelecom(practitioner.Each("telecom"u8), "email"u8, referralDay, "referrer.email", draft);
    }

    /// <summary>The name to take: the official one in use, else the usual one in use, else the first other one in use
    /// that is not a nickname or anonymous, else the first (a referral needs a name); -1 when there is none.</summary>
    private static int NameToTake(FhirNodes names, ReadOnlySpan<byte> referralDay)
    {
        int official = -1, usual = -1, other = -1, index = 0;
        foreach (var name in names)
        {
            if (InUse(name, referralDay))
            {
                var use = name["use"u8].Utf8;
                if (use.SequenceEqual("official"u8)) official = official < 0 ? index : official;
                else if (use.SequenceEqual("usual"u8)) usual = usual < 0 ? index : usual;
                else if (other < 0 && !use.SequenceEqual("nickname"u8) && !use.SequenceEqual("anonymous"u8)) other = index;
            }
            index++;
        }
        return official >= 0 ? official : usual >= 0 ? usual : other >= 0 ? other : names.Count > 0 ? 0 : -1;
    }

    /// <summary>Whether a name or contact point is in use on the day of the referral: not marked <c>old</c> (or, a name,
    /// <c>maiden</c>), and its period not ended before that day. The end is compared as a date to the precision it is
    /// given (<c>2025</c>, <c>2025-06</c>, <c>2025-06-30</c>, a time ignored).</summary>
    private static bool InUse(FhirNode element, ReadOnlySpan<byte> referralDay)
    {
        var use = element["use"u8].Utf8;
        if (use.SequenceEqual("old"u8) || use.SequenceEqual("maiden"u8)) return false;
        var end = element.Child("period"u8)["end"u8].Utf8;
        if (end.IsEmpty || referralDay.IsEmpty) return true;
        var precision = Math.Min(Math.Min(end.Length, 10), referralDay.Length);
        return end[..precision].SequenceCompareTo(referralDay[..precision]) >= 0;
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

    /// <summary>The contact point of <paramref name="system"/> in use with the best rank (1 first; ranked before unranked,
    /// then in the order listed); none when every one is out of use.</summary>
    private static void SetTelecom(FhirNodes telecom, ReadOnlySpan<byte> system, ReadOnlySpan<byte> referralDay, string path, IntakeFormDraft draft, bool overwrite = true)
    {
        var (best, bestRank) = (default(FhirNode), int.MaxValue);
        foreach (var point in telecom)
        {
            if (!point.Is("system"u8, system) || point["value"u8] is not { Exists: true } value || !InUse(point, referralDay)) continue;
            var rank = point["rank"u8] is { Exists: true } ranked ? ranked.GetInt32() : int.MaxValue;
            if (!best.Exists || rank < bestRank) (best, bestRank) = (value, rank);
        }
        if (best.Exists && (overwrite || !draft.Has(path))) draft.SetText(path, best, best.Location);
    }
}
