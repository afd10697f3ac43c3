using System.Text.Json;
using IptTriage.Triage.Intake.Validation;

namespace IptTriage.Triage.Intake.Parsing;

internal static class ReferrerReader
{
    private enum Property { Kind, Name, Organisation, Email }

    private static readonly PropertyTable<Property> Table = new("referrer", Property.Kind);

    public static Referrer? Read(ref Utf8JsonReader reader, ParseContext context)
    {
        var errorsBefore = context.ErrorCount;
        ReferrerKind? kind = null;
        string? name = null, organisation = null, email = null;
        var scope = new ObjectScope<Property>(Table, context);
        while (scope.Next(ref reader, out var property))
        {
            var at = Table.PathOf(property);
            switch (property)
            {
                case Property.Kind: kind = ValueReader.ReadCode<ReferrerKind>(ref reader, context, at); break;
                case Property.Name: name = ValueReader.ReadText(ref reader, context, at, 0, 200); break;
                case Property.Organisation: organisation = ValueReader.ReadText(ref reader, context, at, 0, 200); break;
                case Property.Email:
                    email = ValueReader.ReadChecked(ref reader, context, at, EmailAddress.IsValid, EmailAddress.Rule);
                    break;
            }
        }
        scope.ReportMissing();
        return context.ErrorCount == errorsBefore ? new Referrer(kind!.Value, name, organisation, email) : null;
    }
}
