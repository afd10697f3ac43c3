using System.Text.Json;
using IptTriage.Triage.Intake.Validation;

namespace IptTriage.Triage.Intake.Parsing;

internal static class ClientReader
{
    private enum Property
    {
        GivenName, FamilyName, DateOfBirth, Sex, Email, Phone, PreferredLanguage, Region, Consent,
    }

    private enum ConsentProperty { ContactByEmail, ShareWithClinic }

    private static readonly PropertyTable<Property> Table = new(
        "client", Property.GivenName, Property.FamilyName, Property.DateOfBirth, Property.Sex, Property.Consent);

    private static readonly PropertyTable<ConsentProperty> ConsentTable = new(
        "client.consent", ConsentProperty.ContactByEmail, ConsentProperty.ShareWithClinic);

    /// <param name="dateOfBirth">Set when valid even if the rest of the client is not, for the check against
    /// <c>receivedAt</c>.</param>
    public static Client? Read(ref Utf8JsonReader reader, ParseContext context, out DateOnly? dateOfBirth)
    {
        var errorsBefore = context.ErrorCount;
        string? givenName = null, familyName = null, email = null, phone = null, language = null, region = null;
        Sex? sex = null;
        Consent? consent = null;
        dateOfBirth = null;
        var scope = new ObjectScope<Property>(Table, context);
        while (scope.Next(ref reader, out var property))
        {
            var at = Table.PathOf(property);
            switch (property)
            {
                case Property.GivenName: givenName = ValueReader.ReadText(ref reader, context, at, 1, 100); break;
                case Property.FamilyName: familyName = ValueReader.ReadText(ref reader, context, at, 1, 100); break;
                case Property.DateOfBirth: dateOfBirth = DateReader.ReadDate(ref reader, context, at); break;
                case Property.Sex: sex = ValueReader.ReadCode<Sex>(ref reader, context, at); break;
                case Property.Email:
                    email = ValueReader.ReadChecked(ref reader, context, at, EmailAddress.IsValid, EmailAddress.Rule);
                    break;
                case Property.Phone: phone = ValueReader.ReadText(ref reader, context, at, 0, 32); break;
                case Property.PreferredLanguage:
                    language = ValueReader.ReadChecked(ref reader, context, at, LanguageTag.IsWellFormed, LanguageTag.Rule);
                    break;
                case Property.Region: region = ValueReader.ReadText(ref reader, context, at, 0, int.MaxValue); break;
                case Property.Consent: consent = ReadConsent(ref reader, context, at); break;
            }
        }
        scope.ReportMissing();
        return context.ErrorCount == errorsBefore
            ? new Client(givenName!, familyName!, dateOfBirth!.Value, sex!.Value, email, phone, language ?? "en", region, consent!)
            : null;
    }

    private static Consent? ReadConsent(ref Utf8JsonReader reader, ParseContext context, FieldPath at)
    {
        if (!ValueReader.TryStartObject(ref reader, context, at)) return null;
        Span<bool> answers = stackalloc bool[2];
        return ValueReader.ReadFlags(ref reader, context, ConsentTable, answers)
            ? new Consent(answers[(int)ConsentProperty.ContactByEmail], answers[(int)ConsentProperty.ShareWithClinic])
            : null;
    }
}
