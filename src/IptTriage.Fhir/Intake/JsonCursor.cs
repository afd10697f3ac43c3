using System.Buffers.Text;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace IptTriage.Fhir.Intake;

/// <summary>A forward reader of one JSON document held whole in memory, giving the tokens
/// <see cref="Utf8JsonReader"/> gives with its default options (RFC 8259: no comments, no trailing commas, one value,
/// <c>maxDepth</c> levels) and refusing what it refuses, with a <see cref="JsonException"/> carrying the line and the
/// byte in that line. Only the members the structure pass needs, for less than the reader costs (docs/performance.md):
/// strings are scanned sixteen bytes at a time, and a walk that knows where it is asks for the next step itself (an
/// object's next member, a member's value, an array's next item: <see cref="Read"/> picks the step from the last
/// token), where the reader also serves streaming over segments, comments and trailing commas. What it does rarely
/// (an escaped string's text) it asks of a <see cref="Utf8JsonReader"/> over that string alone, so escapes mean
/// exactly what they mean to the reader. CursorTests reads the same texts, valid and broken, with both and compares
/// every token.</summary>
/// <remarks>The text must be valid UTF-8 (the caller checks it first, as <see cref="FhirStructure"/> does).</remarks>
internal ref struct JsonCursor(ReadOnlySpan<byte> json, int maxDepth)
{
    private readonly ReadOnlySpan<byte> json = json;
    private readonly int maxDepth = maxDepth <= 64 ? maxDepth : throw new ArgumentOutOfRangeException(nameof(maxDepth), "at most 64 levels");

    /// <summary>The next byte to read.</summary>
    private int position;

    /// <summary>The containers open, and which of them are arrays (bit <c>n</c> for the container at depth <c>n + 1</c>).</summary>
    private int depth;

    private ulong arrays;

    private int valueStart, valueEnd;

    public JsonTokenType TokenType { get; private set; }

    /// <summary>Where the token starts: a string's or property name's opening quote.</summary>
    public int TokenStartIndex { get; private set; }

    /// <summary>A string's or property name's bytes as written (between the quotes), a number's or literal's text.</summary>
    public readonly ReadOnlySpan<byte> ValueSpan => json[valueStart..valueEnd];

    /// <summary>Whether the string or property name has an escape (<c>\n</c>, <c>\u00E9</c>).</summary>
    public bool ValueIsEscaped { get; private set; }

    /// <summary>As <see cref="Utf8JsonReader.CurrentDepth"/>: a container's start and end are at the depth that holds them.</summary>
    public readonly int CurrentDepth => TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? depth - 1 : depth;

    private readonly bool InArray => (arrays & (1UL << (depth - 1))) != 0;

    public bool Read()
    {
        if (TokenType == JsonTokenType.None)
        {
            var first = SkipWhitespace(position);
            if (first == json.Length) throw Broken(first);
            Value(json[first], first);
            return true;
        }
        if (depth == 0)
        {
            // After the document's value, nothing but whitespace.
            var after = SkipWhitespace(position);
            return after == json.Length ? false : throw Broken(after);
        }
        if (TokenType == JsonTokenType.PropertyName) NextValue();
        else if (InArray) NextItem();
        else NextProperty();
        return true;
    }

    /// <summary>In an object, on its start or on a member's last token: to the next member's name (true) or the object's
    /// end (false).</summary>
    public bool NextProperty()
    {
        var at = SkipWhitespace(position);
        if (at == json.Length) throw Broken(at);
        var next = json[at];
        if (next == '}')
        {
            // After the object's start or a member; after a comma it is refused below, as a name is looked for.
            Close(at, JsonTokenType.EndObject);
            return false;
        }
        if (TokenType != JsonTokenType.StartObject)
        {
            if (next != ',') throw Broken(at);
            at = SkipWhitespace(at + 1);
            if (at == json.Length) throw Broken(at);
        }
        if (json[at] != '"') throw Broken(at);
        PropertyName(at);
        return true;
    }

    /// <summary>On a property name: to its value's first token.</summary>
    public void NextValue()
    {
        var at = SkipWhitespace(position);
        if (at == json.Length) throw Broken(at);
        Value(json[at], at);
    }

    /// <summary>In an array, on its start or on an item's last token: to the next item's first token (true) or the
    /// array's end (false).</summary>
    public bool NextItem()
    {
        var at = SkipWhitespace(position);
        if (at == json.Length) throw Broken(at);
        var next = json[at];
        if (next == ']')
        {
            Close(at, JsonTokenType.EndArray);
            return false;
        }
        if (TokenType != JsonTokenType.StartArray)
        {
            if (next != ',') throw Broken(at);
            at = SkipWhitespace(at + 1);
            if (at == json.Length) throw Broken(at);
            next = json[at];
        }
        Value(next, at);
        return true;
    }

    /// <summary>As <see cref="Utf8JsonReader.Skip"/>: from a property name to its value, from a container's start to its end.</summary>
    public void Skip()
    {
        if (TokenType == JsonTokenType.PropertyName) Read();
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        var outer = CurrentDepth;
        do Read();
        while (CurrentDepth > outer);
    }

    /// <summary>Whether the string or property name, unescaped, is <paramref name="text"/>: never for one with an escaped
    /// surrogate without its pair, which is no text (the reader throws there, and a request must not make this throw).</summary>
    public readonly bool ValueTextEquals(ReadOnlySpan<byte> text)
    {
        if (!ValueIsEscaped) return ValueSpan.SequenceEqual(text);
        try
        {
            return Unescaped().ValueTextEquals(text);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The string's text: see <see cref="Utf8JsonReader.GetString"/>, which throws <see cref="InvalidOperationException"/>
    /// for an escaped surrogate without its pair.</summary>
    public readonly string GetString() => Unescaped().GetString()!;

    /// <summary>The string's unescaped UTF-8 into <paramref name="destination"/> (as long as the value at most); throws
    /// <see cref="InvalidOperationException"/> for an escaped surrogate without its pair.</summary>
    public readonly int CopyString(Span<byte> destination)
    {
        if (ValueIsEscaped) return Unescaped().CopyString(destination);
        ValueSpan.CopyTo(destination);
        return ValueSpan.Length;
    }

    public readonly bool TryGetInt32(out int value) => Utf8Parser.TryParse(ValueSpan, out value, out var used) && used == ValueSpan.Length;

    public readonly bool TryGetDecimal(out decimal value) => TryParseDecimal(ValueSpan, out value);

    /// <summary>A JSON number's text as <see cref="Utf8JsonReader.TryGetDecimal"/> parses it: the exponent format only
    /// when the number has an exponent.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> number, out decimal value)
    {
        var format = number.IndexOfAny((byte)'e', (byte)'E') >= 0 ? 'E' : default;
        return Utf8Parser.TryParse(number, out value, out var used, format) && used == number.Length;
    }

    /// <summary>A reader over this string token alone, on it.</summary>
    private readonly Utf8JsonReader Unescaped()
    {
        var reader = new Utf8JsonReader(json[TokenStartIndex..(valueEnd + 1)]);
        reader.Read();
        return reader;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Value(byte first, int at)
    {
        TokenStartIndex = at;
        switch (first)
        {
            case (byte)'"':
                String(at);
                TokenType = JsonTokenType.String;
                return;
            case (byte)'{':
                Open(at, array: false);
                return;
            case (byte)'[':
                Open(at, array: true);
                return;
            case (byte)'t':
                Literal(at, "true"u8, JsonTokenType.True);
                return;
            case (byte)'f':
                Literal(at, "false"u8, JsonTokenType.False);
                return;
            case (byte)'n':
                Literal(at, "null"u8, JsonTokenType.Null);
                return;
            default:
                Number(at);
                return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Open(int at, bool array)
    {
        if (depth >= maxDepth) throw Broken(at, $"nested deeper than {maxDepth} levels");
        if (array) arrays |= 1UL << depth;
        else arrays &= ~(1UL << depth);
        depth++;
        TokenType = array ? JsonTokenType.StartArray : JsonTokenType.StartObject;
        (valueStart, valueEnd, ValueIsEscaped) = (at, at + 1, false);
        position = at + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Close(int at, JsonTokenType token)
    {
        depth--;
        TokenType = token;
        (TokenStartIndex, valueStart, valueEnd, ValueIsEscaped) = (at, at, at + 1, false);
        position = at + 1;
    }

    /// <summary>A property name and the colon after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PropertyName(int at)
    {
        TokenStartIndex = at;
        String(at);
        var colon = SkipWhitespace(position);
        if (colon == json.Length || json[colon] != ':') throw Broken(colon);
        position = colon + 1;
        TokenType = JsonTokenType.PropertyName;
    }

    /// <summary>The string whose opening quote is at <paramref name="at"/>: its end found, its escapes checked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void String(int at)
    {
        var escaped = false;
        var from = at + 1;
        while (true)
        {
            var stop = NextStringStop(from);
            if (stop == json.Length) throw Broken(stop);
            var c = json[stop];
            if (c == '"')
            {
                (valueStart, valueEnd, ValueIsEscaped) = (at + 1, stop, escaped);
                position = stop + 1;
                return;
            }
            if (c < 0x20) throw Broken(stop);
            escaped = true;
            from = Escape(stop);
        }
    }

    /// <summary>The escape at <paramref name="at"/> (a backslash) checked: where the string goes on after it.</summary>
    private readonly int Escape(int at)
    {
        if (at + 1 == json.Length) throw Broken(at + 1);
        switch (json[at + 1])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return at + 2;
            case (byte)'u':
                for (var i = at + 2; i < at + 6; i++)
                    if (i == json.Length || !char.IsAsciiHexDigit((char)json[i])) throw Broken(i);
                return at + 6;
            default:
                throw Broken(at + 1);
        }
    }

    /// <summary>The first quote, backslash or control character from <paramref name="from"/> on, or the text's end.</summary>
    private readonly int NextStringStop(int from)
    {
        ref var start = ref MemoryMarshal.GetReference(json);
        var at = from;
        if (Vector128.IsHardwareAccelerated)
        {
            var quote = Vector128.Create((byte)'"');
            var backslash = Vector128.Create((byte)'\\');
            var space = Vector128.Create((byte)0x20);
            for (; at + Vector128<byte>.Count <= json.Length; at += Vector128<byte>.Count)
            {
                var chunk = Vector128.LoadUnsafe(ref start, (nuint)at);
                var stops = Vector128.Equals(chunk, quote) | Vector128.Equals(chunk, backslash) | Vector128.LessThan(chunk, space);
                if (stops != Vector128<byte>.Zero) return at + BitOperations.TrailingZeroCount(stops.ExtractMostSignificantBits());
            }
        }
        for (; at < json.Length; at++)
            if (Unsafe.Add(ref start, at) is (byte)'"' or (byte)'\\' or < 0x20) return at;
        return at;
    }

    private void Literal(int at, ReadOnlySpan<byte> literal, JsonTokenType token)
    {
        for (var i = 1; i < literal.Length; i++)
            if (at + i == json.Length || json[at + i] != literal[i]) throw Broken(at + i);
        (valueStart, valueEnd, ValueIsEscaped) = (at, at + literal.Length, false);
        position = at + literal.Length;
        TokenType = token;
    }

    /// <summary><c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>, then whitespace, a comma, a container's end or
    /// (for the document's only value) the text's end.</summary>
    private void Number(int at)
    {
        var i = at;
        if (json[i] == '-') i++;
        if (i == json.Length || !char.IsAsciiDigit((char)json[i])) throw Broken(i);
        if (json[i++] != '0') i = Digits(i);
        if (i < json.Length && json[i] == '.') i = Digits(Digit(i + 1));
        if (i < json.Length && json[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-') i++;
            i = Digits(Digit(i));
        }
        if (i == json.Length ? depth > 0 : json[i] is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)',' or (byte)'}' or (byte)']'))
            throw Broken(i);
        (valueStart, valueEnd, ValueIsEscaped) = (at, i, false);
        position = i;
        TokenType = JsonTokenType.Number;
    }

    /// <summary>One digit required at <paramref name="at"/>: the place after it.</summary>
    private readonly int Digit(int at) => at < json.Length && char.IsAsciiDigit((char)json[at]) ? at + 1 : throw Broken(at);

    private readonly int Digits(int at)
    {
        while (at < json.Length && char.IsAsciiDigit((char)json[at])) at++;
        return at;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int SkipWhitespace(int at)
    {
        // Most tokens follow the last with nothing between.
        if (at < json.Length && json[at] > (byte)' ') return at;
        while (at < json.Length && json[at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') at++;
        return at;
    }

    /// <summary>The text is not JSON at <paramref name="at"/>: where, as line and byte in it (both from 0, as the reader counts).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly JsonException Broken(int at, string? why = null)
    {
        var before = json[..Math.Min(at, json.Length)];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n');
        return new JsonException(why ?? "not valid JSON", path: null, lineNumber: line, bytePositionInLine: at - lineStart);
    }
}
