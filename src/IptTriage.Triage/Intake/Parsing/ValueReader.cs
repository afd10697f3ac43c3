using System.Text.Json;
using IptTriage.Triage.Intake.Validation;

namespace IptTriage.Triage.Intake.Parsing;

/// <summary>Reads one value at the reader's current token and checks its type and range. Each method either returns
/// the value or reports one error (skipping the value) and returns null. Messages say what is allowed and what was
/// found — the kind of JSON value, never the value itself.</summary>
internal static class ValueReader
{
    public static bool TryStartObject(ref Utf8JsonReader reader, ParseContext context, FieldPath at) =>
        reader.TokenType == JsonTokenType.StartObject || Mismatch(ref reader, context, at, "must be an object");

    public static bool? ReadBool(ref Utf8JsonReader reader, ParseContext context, FieldPath at) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => MismatchNull<bool>(ref reader, context, at, "must be true or false"),
    };

    public static int? ReadInt(ref Utf8JsonReader reader, ParseContext context, FieldPath at, int min, int max)
    {
        if (reader.TokenType != JsonTokenType.Number) return MismatchNull<int>(ref reader, context, at, IntRange(min, max));
        if (reader.TryGetInt32(out var value) && value >= min && value <= max) return value;
        context.Error(at, IntRange(min, max));
        return null;
    }

    /// <summary>A string whose length in characters (Unicode code points, as JSON Schema counts them) is in range.</summary>
    public static string? ReadText(ref Utf8JsonReader reader, ParseContext context, FieldPath at, int minChars, int maxChars)
    {
        if (reader.TokenType != JsonTokenType.String) return MismatchText(ref reader, context, at, TextRange(minChars, maxChars));
        var text = ReadValidText(ref reader, context, at);
        if (text is null) return null;
        var length = TextRules.CountCodePoints(text);
        if (length >= minChars && length <= maxChars) return text;
        context.Error(at, TextRange(minChars, maxChars));
        return null;
    }

    /// <summary>A string that <paramref name="isValid"/> accepts; <paramref name="rule"/> explains the rule on error.</summary>
    public static string? ReadChecked(
        ref Utf8JsonReader reader, ParseContext context, FieldPath at, Func<string, bool> isValid, string rule)
    {
        if (reader.TokenType != JsonTokenType.String) return MismatchText(ref reader, context, at, rule);
        var text = ReadValidText(ref reader, context, at);
        if (text is null || isValid(text)) return text;
        context.Error(at, rule);
        return null;
    }

    public static TEnum? ReadCode<TEnum>(ref Utf8JsonReader reader, ParseContext context, FieldPath at) where TEnum : struct, Enum
    {
        if (reader.TokenType != JsonTokenType.String) return MismatchNull<TEnum>(ref reader, context, at, OneOf<TEnum>());
        if (TryParseCode<TEnum>(ref reader, out var value)) return value;
        context.Error(at, OneOf<TEnum>());
        return null;
    }

    public static int[]? ReadInts(ref Utf8JsonReader reader, ParseContext context, FieldPath at, int length, int min, int max)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Mismatch(ref reader, context, at, $"must be an array of {length} integers from {min} to {max}");
            return null;
        }
        var values = new int[length];
        var valid = true;
        var count = 0;
        for (; reader.Read() && reader.TokenType != JsonTokenType.EndArray; count++)
        {
            var item = ReadInt(ref reader, context, at.Element(count), min, max);
            if (item is { } value && count < length) values[count] = value;
            valid &= item.HasValue;
        }
        return CheckLength(context, at, length, count) && valid ? values : null;
    }

    public static bool[]? ReadBools(ref Utf8JsonReader reader, ParseContext context, FieldPath at, int length)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Mismatch(ref reader, context, at, $"must be an array of {length} booleans (true or false)");
            return null;
        }
        var values = new bool[length];
        var valid = true;
        var count = 0;
        for (; reader.Read() && reader.TokenType != JsonTokenType.EndArray; count++)
        {
            var item = ReadBool(ref reader, context, at.Element(count));
            if (item is { } value && count < length) values[count] = value;
            valid &= item.HasValue;
        }
        return CheckLength(context, at, length, count) && valid ? values : null;
    }

    /// <summary>Reads an object (reader on its start) whose properties are all booleans into
    /// <paramref name="answers"/>, indexed by property. True when it had no error, so every required answer is set.</summary>
    public static bool ReadFlags<TProperty>(
        ref Utf8JsonReader reader, ParseContext context, PropertyTable<TProperty> table, scoped Span<bool> answers)
        where TProperty : struct, Enum
    {
        var errorsBefore = context.ErrorCount;
        var scope = new ObjectScope<TProperty>(table, context);
        while (scope.Next(ref reader, out var property))
        {
            answers[PropertyTable<TProperty>.IndexOf(property)] = ReadBool(ref reader, context, table.PathOf(property)) ?? false;
        }
        scope.ReportMissing();
        return context.ErrorCount == errorsBefore;
    }

    /// <summary>The unescaped string, or null if it is not valid UTF-8 / contains an unpaired surrogate escape.</summary>
    public static string? TryGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Index of the candidate equal to the current string or property name (compared as UTF-8, unescaped
    /// only when it has escapes), or -1.</summary>
    public static int Match(ref Utf8JsonReader reader, byte[][] candidates)
    {
        if (!reader.ValueIsEscaped) return IndexIn(reader.ValueSpan, candidates);
        Span<byte> buffer = stackalloc byte[UnescapeBufferBytes];
        return TryUnescapeUtf8(ref reader, buffer, out var length) ? IndexIn(buffer[..length], candidates) : -1;
    }

    /// <summary>Unescapes the current string into <paramref name="buffer"/>; false if it does not fit or is not valid text.</summary>
    public static bool TryCopyChars(ref Utf8JsonReader reader, scoped Span<char> buffer, out int length)
    {
        length = 0;
        if (reader.ValueSpan.Length > buffer.Length) return false;
        try
        {
            length = reader.CopyString(buffer);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };

    /// <summary>Reports a value of the wrong JSON type and skips it. Always false, so callers can write
    /// <c>ok || Mismatch(...)</c>.</summary>
    public static bool Mismatch(ref Utf8JsonReader reader, ParseContext context, FieldPath at, string expectation)
    {
        context.Error(at, $"{expectation}, not {Describe(reader.TokenType)}");
        reader.Skip();
        return false;
    }

    public static T? MismatchNull<T>(ref Utf8JsonReader reader, ParseContext context, FieldPath at, string expectation)
        where T : struct
    {
        Mismatch(ref reader, context, at, expectation);
        return null;
    }

    private static string? ReadValidText(ref Utf8JsonReader reader, ParseContext context, FieldPath at)
    {
        var text = TryGetString(ref reader);
        if (text is null) context.Error(at, "is not valid text (invalid UTF-8 or an unpaired surrogate escape)");
        return text;
    }

    private static string? MismatchText(ref Utf8JsonReader reader, ParseContext context, FieldPath at, string expectation)
    {
        Mismatch(ref reader, context, at, expectation);
        return null;
    }

    private static bool TryParseCode<TEnum>(ref Utf8JsonReader reader, out TEnum value) where TEnum : struct, Enum
    {
        if (!reader.ValueIsEscaped) return WireCode.TryParse(reader.ValueSpan, out value);
        Span<byte> buffer = stackalloc byte[UnescapeBufferBytes];
        value = default;
        return TryUnescapeUtf8(ref reader, buffer, out var length) && WireCode.TryParse(buffer[..length], out value);
    }

    /// <summary>Room to unescape any property name or code of the contract, even written entirely as \uXXXX escapes.
    /// Anything longer cannot be one of them.</summary>
    private const int UnescapeBufferBytes = 256;

    /// <summary>False when the string cannot be a name or code of the contract: too long for the buffer, or an escape
    /// that is not valid UTF-16 (an unpaired surrogate).</summary>
    private static bool TryUnescapeUtf8(ref Utf8JsonReader reader, scoped Span<byte> buffer, out int length)
    {
        length = 0;
        if (reader.ValueSpan.Length > buffer.Length) return false;
        try
        {
            length = reader.CopyString(buffer);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static int IndexIn(ReadOnlySpan<byte> text, byte[][] candidates)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            if (text.SequenceEqual(candidates[i])) return i;
        }
        return -1;
    }

    private static bool CheckLength(ParseContext context, FieldPath at, int expected, int actual)
    {
        if (actual == expected) return true;
        context.Error(at, $"must have exactly {expected} items, not {actual}");
        return false;
    }

    private static string OneOf<TEnum>() where TEnum : struct, Enum => "must be one of: " + string.Join(", ", WireCode.All<TEnum>());

    private static string IntRange(int min, int max) => $"must be an integer from {min} to {max}";

    private static string TextRange(int minChars, int maxChars) => (minChars, maxChars) switch
    {
        (_, int.MaxValue) => "must be a string",
        (0, _) => $"must be a string of at most {maxChars} characters",
        _ => $"must be a string of {minChars} to {maxChars} characters",
    };
}
