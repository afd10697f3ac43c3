using System.Text.Json;
using IptTriage.Triage.Intake.Validation;

namespace IptTriage.Triage.Intake.Parsing;

/// <summary>Reads <c>receivedAt</c> and <c>dateOfBirth</c> from the unescaped string without allocating it.</summary>
internal static class DateReader
{
    private const string TimestampFormat =
        "must be an RFC 3339 timestamp YYYY-MM-DDThh:mm:ss[.fraction] ending in Z or ±hh:mm, with upper-case T and Z";

    private const string DateFormat = "must be a date written YYYY-MM-DD";

    public static Timestamp? ReadTimestamp(ref Utf8JsonReader reader, ParseContext context, FieldPath at)
    {
        if (reader.TokenType != JsonTokenType.String) return ValueReader.MismatchNull<Timestamp>(ref reader, context, at, TimestampFormat);
        Span<char> buffer = reader.ValueSpan.Length <= 64 ? stackalloc char[64] : new char[reader.ValueSpan.Length];
        Timestamp value = default;
        var problem = ValueReader.TryCopyChars(ref reader, buffer, out var length)
            ? Rfc3339.ParseTimestamp(buffer[..length], out value)
            : DateProblem.Format;
        if (problem == DateProblem.None) return value;
        context.Error(at, Describe(problem, TimestampFormat));
        return null;
    }

    public static DateOnly? ReadDate(ref Utf8JsonReader reader, ParseContext context, FieldPath at)
    {
        if (reader.TokenType != JsonTokenType.String) return ValueReader.MismatchNull<DateOnly>(ref reader, context, at, DateFormat);
        // A date is 10 characters; a longer escaped string cannot unescape to one that fits, and is reported as format.
        Span<char> buffer = stackalloc char[64];
        DateOnly value = default;
        var problem = ValueReader.TryCopyChars(ref reader, buffer, out var length)
            ? Rfc3339.ParseDate(buffer[..length], out value)
            : DateProblem.Format;
        if (problem == DateProblem.None) return value;
        context.Error(at, Describe(problem, DateFormat));
        return null;
    }

    private static string Describe(DateProblem problem, string format) => problem switch
    {
        DateProblem.Calendar => "is not a real calendar date",
        DateProblem.Time => "has a time out of range (hours 00-23, minutes and seconds 00-59; second 60 is not accepted)",
        DateProblem.Offset => "has a UTC offset out of range (±hh:mm with hh at most 23 and mm at most 59)",
        DateProblem.Range => "is outside the supported range (years 0001 to 9999)",
        _ => format,
    };
}
