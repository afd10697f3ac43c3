using System.Text.Json;

namespace IptTriage.Triage.Intake.Parsing;

/// <summary>Walks the properties of one JSON object: reports unknown and duplicate properties (skipping their values)
/// and, at the end, the required properties that never appeared.</summary>
internal struct ObjectScope<TProperty>(PropertyTable<TProperty> table, ParseContext context) where TProperty : struct, Enum
{
    private ulong seen;

    /// <summary>Moves to the value of the next known, first-seen property. False at the end of the object.</summary>
    public bool Next(ref Utf8JsonReader reader, out TProperty property)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = table.Find(ref reader);
            if (index < 0)
            {
                ReportUnknown(ref reader);
            }
            else if ((seen & (1UL << index)) != 0)
            {
                context.Error(FieldPath.Property(table.Path, table.NameAt(index)), "duplicate property");
            }
            else
            {
                seen |= 1UL << index;
                reader.Read();
                property = PropertyTable<TProperty>.AtIndex(index);
                return true;
            }
            reader.Read();
            reader.Skip();
        }
        property = default;
        return false;
    }

    /// <summary>Call once <see cref="Next"/> returned false.</summary>
    public readonly void ReportMissing()
    {
        var missing = table.RequiredMask & ~seen;
        for (var index = 0; missing != 0; index++, missing >>= 1)
        {
            if ((missing & 1) != 0) context.Error(FieldPath.Property(table.Path, table.NameAt(index)), "is required");
        }
    }

    private readonly void ReportUnknown(ref Utf8JsonReader reader)
    {
        var name = ValueReader.TryGetString(ref reader);
        if (name is not null && IsPlainName(name))
        {
            context.Error(FieldPath.Property(table.Path, name), "unknown property");
        }
        else
        {
            // An odd name could be anything (even pasted personal data), so it is not echoed.
            context.Error(table.ObjectPath, "has an unknown property whose name is not a plain identifier");
        }
    }

    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 64 && name.AsSpan().IndexOfAnyExcept(PlainNameChars) < 0;

    private static readonly System.Buffers.SearchValues<char> PlainNameChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-$");
}
