using System.Text.Json;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake.Parsing;

namespace IptTriage.Triage.Intake;

/// <summary>Parses and validates an intake form in one pass, collecting every error. Never throws on bad input.</summary>
public static class IntakeParser
{
    public const int MaxFormBytes = 256 * 1024;

    /// <summary>Deep enough for any valid form (4 levels) with room for unknown properties, which are reported.</summary>
    public const int MaxDepth = 64;

    public static IntakeParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > MaxFormBytes)
        {
            return Broken($"form is {utf8Json.Length} bytes; the limit is {MaxFormBytes} bytes (256 KiB)");
        }
        if (utf8Json.StartsWith("\uFEFF"u8)) utf8Json = utf8Json[3..];
        if (utf8Json.IsEmpty) return Broken("form is empty");

        var context = new ParseContext();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            reader.Read();
            var form = FormReader.Read(ref reader, context, out var referralId);
            // Without multiple-content support this throws on anything but whitespace after the root value.
            reader.Read();
            return new IntakeParseResult(form, referralId, context.Errors);
        }
        catch (JsonException broken)
        {
            // Errors found before the syntax error describe a document that does not exist, so only this one is kept.
            return Broken(DescribeSyntaxError(broken, reader.CurrentDepth));
        }
    }

    private static string DescribeSyntaxError(JsonException broken, int depth)
    {
        var where = $"line {broken.LineNumber + 1}, byte {broken.BytePositionInLine + 1} of that line";
        return depth >= MaxDepth - 1
            ? $"is not valid JSON: nested deeper than {MaxDepth} levels ({where})"
            : $"is not valid JSON ({where})";
    }

    private static IntakeParseResult Broken(string message) => new(null, null, [new FieldError("$", message)]);
}

/// <param name="Form">The validated form, or null when any error was found.</param>
/// <param name="ReferralId">The form's <c>referralId</c> when it could be read as a valid id, even if other fields are invalid.</param>
/// <param name="Errors">Every error found; empty when <paramref name="Form"/> is set.</param>
public sealed record IntakeParseResult(IntakeForm? Form, string? ReferralId, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Form is not null;
}
