using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using IptTriage.Fhir.Intake;

namespace IptTriage.Fhir.Tests;

/// <summary><see cref="JsonCursor"/> against <see cref="Utf8JsonReader"/> (the options the structure pass uses): the
/// same texts read with both, valid and broken, must give the same tokens (type, bytes, escaped or not, start, depth,
/// and each string's text, each number's value) and fail at the same token, with the same line. The texts: hand-made
/// edge cases of the grammar, every FHIR sample, and many thousands of small edits of them (a byte deleted, inserted,
/// replaced, the text cut short), made from a fixed seed so a failure repeats.</summary>
public sealed class CursorTests
{
    private const int MaxDepth = 64;

    public static TheoryData<string> Grammar() =>
    [
        "", " ", "{}", "[]", " { } ", "{\"a\":1}", "{\"a\" : 1 , \"b\" :[ ] }", "[1,2,3]", "[[[]]]", "\"text\"", "12", "-0", "true", "null",
        "{\"a\":1,}", "[1,]", "[,1]", "{,}", "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{1:2}", "{\"a\":1 \"b\":2}", "[1 2]", "{} {}", "{}x", "[}", "{]",
        "{\"a\":[}", "[", "{", "\"open", "{\"a\":1", "{\"a\":1 // comment\n}", "/* c */ {}", "{'a':1}", "[01]", "[-]", "[1.]", "[.5]", "[1e]",
        "[1e+]", "[1E-5]", "[1.5e+10]", "[-0.0]", "[2e308]", "[1x]", "[tru]", "[truex]", "[nul]", "[True]", "[NaN]", "[Infinity]", "[+1]",
        "[\"\\u00e9\"]", "[\"\\ud83d\\ude00\"]", "[\"\\ud800\"]", "[\"\\udc00x\"]", "[\"\\ud800\\u0041\"]", "[\"\\x\"]", "[\"\\u12\"]", "[\"\\u12G4\"]",
        "[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"]", "[\"tab\there\"]", "[\"line\nbreak\"]", "[\"\u0001\"]", "[\"Ñandú, 日本, 😀\"]", "{\"\\u0061\":true}",
        "\r\n\t[ 1 ,\r\n 2 ]\n", "[\f1]", "[1]\u0000", "\"a\" \"b\"", "{\"a\":{\"b\":{\"c\":[null,false,{}]}}}",
        new string('[', MaxDepth) + new string(']', MaxDepth), new string('[', MaxDepth + 1) + new string(']', MaxDepth + 1),
        "{\"sixteen bytes long...\":\"and a value longer than sixteen bytes, with \\n an escape past the first chunk\"}",
    ];

    [Theory]
    [MemberData(nameof(Grammar))]
    public void Reads_the_grammar_as_Utf8JsonReader_does(string text) => Same(Encoding.UTF8.GetBytes(text));

    private static readonly string[] SamplePaths =
        [.. Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "samples", "fhir"), "*.json", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(AppContext.BaseDirectory, file)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Samples() => [.. SamplePaths];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Reads_every_sample_as_Utf8JsonReader_does(string path)
    {
        var text = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, path));
        Same(text).Should().BeGreaterThan(10, "the sample is read to its end");
    }

    [Fact]
    public void Reads_small_edits_of_the_samples_as_Utf8JsonReader_does()
    {
        const string alphabet = "{}[]\":,\\ \n\t\r\u0001\u007F tfnrue0123456789-+.eEaz/u";
        var random = new Random(20261203);
        var samples = SamplePaths.Select(path => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, path))).ToArray();
        var (compared, broken) = (0, 0);
        for (var i = 0; i < 20_000; i++)
        {
            var text = samples[random.Next(samples.Length)].ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Count);
                switch (random.Next(4))
                {
                    case 0: text.RemoveAt(at); break;
                    case 1: text.Insert(at, (byte)alphabet[random.Next(alphabet.Length)]); break;
                    // Whole characters of two and four bytes: text in and out of strings that is not ASCII.
                    case 2 when random.Next(8) == 0: text.InsertRange(at, Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "é" : "😀")); break;
                    case 2: text[at] = (byte)alphabet[random.Next(alphabet.Length)]; break;
                    default: text.RemoveRange(at, text.Count - at); break;
                }
            }
            var bytes = text.ToArray();
            // The structure pass checks UTF-8 before it reads.
            if (!Utf8.IsValid(bytes)) continue;
            compared++;
            if (Same(bytes) < 0) broken++;
        }
        compared.Should().BeGreaterThan(19_000);
        broken.Should().BeGreaterThan(compared / 2, "most edits break the text, so refusals are compared, not only tokens");
    }

    [Fact]
    public void Skips_a_value_as_Utf8JsonReader_does()
    {
        var text = "{\"a\":{\"b\":[1,{\"c\":2}]},\"d\":[[],[3]],\"e\":4}"u8;
        var reader = new Utf8JsonReader(text, new JsonReaderOptions { MaxDepth = MaxDepth });
        var cursor = new JsonCursor(text, MaxDepth);
        var positions = new List<(JsonTokenType, long)>();
        while (reader.Read())
        {
            cursor.Read();
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                reader.Skip();
                cursor.Skip();
            }
            positions.Add((reader.TokenType, reader.TokenStartIndex));
            (cursor.TokenType, cursor.TokenStartIndex).Should().Be((reader.TokenType, (int)reader.TokenStartIndex));
        }
        cursor.Read().Should().BeFalse();
        positions.Select(position => position.Item1).Should().Equal(
            JsonTokenType.StartObject, JsonTokenType.EndObject, JsonTokenType.EndArray, JsonTokenType.Number, JsonTokenType.EndObject);
    }

    /// <summary>Reads <paramref name="text"/> with both (the cursor token by token, and as the structure pass walks it,
    /// member by member and item by item) and compares them: the token count when both read it all, minus one less the
    /// count when both refused it at the same token.</summary>
    private static int Same(byte[] text)
    {
        var expected = Reference(text);
        foreach (var (actual, how) in new[] { (Cursor(text), "token by token"), (Walked(text), "member by member") })
        {
            actual.Tokens.Should().Equal(expected.Tokens, "the cursor reads {0} {1} as the reader does", Shown(text), how);
            actual.Broken.Should().Be(expected.Broken, "both refuse {0} {1}, or neither", Shown(text), how);
            actual.Line.Should().Be(expected.Line, "the refusal of {0} {1} is on the same line", Shown(text), how);
        }
        return expected.Broken ? -1 - expected.Tokens.Count : expected.Tokens.Count;
    }

    private static string Shown(byte[] text) => text.Length <= 200 ? Encoding.UTF8.GetString(text) : $"a {text.Length}-byte text";

    private record struct Token(JsonTokenType Type, string Bytes, bool Escaped, long Start, int Depth, string? Text, string? Number);

    private sealed record Read(List<Token> Tokens, bool Broken, long? Line);

    private static Read Reference(byte[] text)
    {
        var tokens = new List<Token>();
        var reader = new Utf8JsonReader(text, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
                tokens.Add(new(reader.TokenType, Convert.ToHexString(reader.ValueSpan), reader.ValueIsEscaped, reader.TokenStartIndex, reader.CurrentDepth,
                    reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? TextOf(ref reader) : null,
                    reader.TokenType == JsonTokenType.Number ? NumberOf(reader.TryGetInt32(out var whole), whole, reader.TryGetDecimal(out var number), number) : null));
            return new(tokens, false, null);
        }
        catch (JsonException broken)
        {
            return new(tokens, true, broken.LineNumber);
        }
    }

    private static Read Cursor(byte[] text)
    {
        var tokens = new List<Token>();
        var cursor = new JsonCursor(text, MaxDepth);
        try
        {
            while (cursor.Read()) tokens.Add(TokenOf(ref cursor));
            return new(tokens, false, null);
        }
        catch (JsonException broken)
        {
            return new(tokens, true, broken.LineNumber);
        }
    }

    /// <summary>As <see cref="FhirStructure"/> reads: each value whole, an object's members with
    /// <see cref="JsonCursor.NextProperty"/> and <see cref="JsonCursor.NextValue"/>, an array's items with
    /// <see cref="JsonCursor.NextItem"/>.</summary>
    private static Read Walked(byte[] text)
    {
        var tokens = new List<Token>();
        var cursor = new JsonCursor(text, MaxDepth);
        try
        {
            if (cursor.Read()) Value(ref cursor, tokens);
            while (cursor.Read()) tokens.Add(TokenOf(ref cursor));
            return new(tokens, false, null);
        }
        catch (JsonException broken)
        {
            return new(tokens, true, broken.LineNumber);
        }
    }

    private static void Value(ref JsonCursor cursor, List<Token> tokens)
    {
        tokens.Add(TokenOf(ref cursor));
        if (cursor.TokenType == JsonTokenType.StartObject)
        {
            while (cursor.NextProperty())
            {
                tokens.Add(TokenOf(ref cursor));
                cursor.NextValue();
                Value(ref cursor, tokens);
            }
            tokens.Add(TokenOf(ref cursor));
        }
        else if (cursor.TokenType == JsonTokenType.StartArray)
        {
            while (cursor.NextItem()) Value(ref cursor, tokens);
            tokens.Add(TokenOf(ref cursor));
        }
    }

    private static Token TokenOf(ref JsonCursor cursor) =>
        new(cursor.TokenType, Convert.ToHexString(cursor.ValueSpan), cursor.ValueIsEscaped, cursor.TokenStartIndex, cursor.CurrentDepth,
            cursor.TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? TextOf(ref cursor) : null,
            cursor.TokenType == JsonTokenType.Number ? NumberOf(cursor.TryGetInt32(out var whole), whole, cursor.TryGetDecimal(out var number), number) : null);

    /// <summary>A string's text, or that it has none (an escaped surrogate without its pair).</summary>
    private static string TextOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return NoText;
        }
    }

    private static string TextOf(ref JsonCursor cursor)
    {
        try
        {
            return cursor.GetString();
        }
        catch (InvalidOperationException)
        {
            return NoText;
        }
    }

    private const string NoText = "(no text)";

    private static string NumberOf(bool isWhole, int whole, bool isDecimal, decimal number) =>
        $"{(isWhole ? whole.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")} {(isDecimal ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}";
}
