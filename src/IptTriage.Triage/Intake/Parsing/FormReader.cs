using System.Text.Json;
using IptTriage.Triage.Intake.Validation;

namespace IptTriage.Triage.Intake.Parsing;

/// <summary>The root object: reads every section, then the rules that span sections.</summary>
internal static class FormReader
{
    public const string SchemaVersion = "1.0";

    private static readonly byte[][] SchemaVersionUtf8 = [System.Text.Encoding.UTF8.GetBytes(SchemaVersion)];

    private enum Property { SchemaVersion, ReferralId, ReceivedAt, Referrer, Client, Presentation, Instruments, Clinician }

    private static readonly PropertyTable<Property> Table = new(
        "",
        Property.SchemaVersion, Property.ReferralId, Property.ReceivedAt, Property.Referrer, Property.Client,
        Property.Presentation, Property.Instruments);

    /// <param name="referralId">The form's id when present and valid, whatever else is wrong.</param>
    public static IntakeForm? Read(ref Utf8JsonReader reader, ParseContext context, out string? referralId)
    {
        referralId = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            ValueReader.Mismatch(ref reader, context, FieldPath.Root, "must be a JSON object (the intake form)");
            return null;
        }
        Timestamp? receivedAt = null;
        DateOnly? dateOfBirth = null;
        Referrer? referrer = null;
        Client? client = null;
        Presentation? presentation = null;
        Instruments? instruments = null;
        ClinicianObservations? clinician = null;
        var scope = new ObjectScope<Property>(Table, context);
        while (scope.Next(ref reader, out var property))
        {
            var at = Table.PathOf(property);
            switch (property)
            {
                case Property.SchemaVersion: ReadSchemaVersion(ref reader, context, at); break;
                case Property.ReferralId:
                    referralId = ValueReader.ReadChecked(ref reader, context, at, TextRules.IsReferralId, TextRules.ReferralIdRule);
                    break;
                case Property.ReceivedAt: receivedAt = DateReader.ReadTimestamp(ref reader, context, at); break;
                case Property.Referrer:
                    if (ValueReader.TryStartObject(ref reader, context, at)) referrer = ReferrerReader.Read(ref reader, context);
                    break;
                case Property.Client:
                    if (ValueReader.TryStartObject(ref reader, context, at)) client = ClientReader.Read(ref reader, context, out dateOfBirth);
                    break;
                case Property.Presentation:
                    if (ValueReader.TryStartObject(ref reader, context, at)) presentation = PresentationReader.Read(ref reader, context);
                    break;
                case Property.Instruments:
                    if (ValueReader.TryStartObject(ref reader, context, at)) instruments = InstrumentsReader.Read(ref reader, context);
                    break;
                case Property.Clinician:
                    if (ValueReader.TryStartObject(ref reader, context, at)) clinician = ClinicianReader.Read(ref reader, context);
                    break;
            }
        }
        scope.ReportMissing();
        CheckBirthBeforeReceipt(context, dateOfBirth, receivedAt);
        return context.HasErrors
            ? null
            : new IntakeForm(SchemaVersion, referralId!, receivedAt!.Value.Instant, referrer!, client!, presentation!, instruments!,
                clinician ?? new ClinicianObservations())
            {
                ReceivedOn = receivedAt.Value.WrittenOn,
            };
    }

    /// <summary>Only reports: the form always carries the one version this parser reads.</summary>
    private static void ReadSchemaVersion(ref Utf8JsonReader reader, ParseContext context, FieldPath at)
    {
        const string rule = $"must be \"{SchemaVersion}\"";
        if (reader.TokenType != JsonTokenType.String) ValueReader.Mismatch(ref reader, context, at, rule);
        else if (ValueReader.Match(ref reader, SchemaVersionUtf8) != 0) context.Error(at, rule);
    }

    /// <summary>Compares with the calendar date of <c>receivedAt</c> in its own offset, the date the referrer saw.</summary>
    private static void CheckBirthBeforeReceipt(ParseContext context, DateOnly? dateOfBirth, Timestamp? receivedAt)
    {
        if (dateOfBirth is not { } born || receivedAt?.WrittenOn is not { } receivedOn) return;
        if (born > receivedOn)
        {
            context.Error(
                FieldPath.Property("client", "dateOfBirth"),
                $"must not be after receivedAt ({receivedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)})");
        }
    }
}
