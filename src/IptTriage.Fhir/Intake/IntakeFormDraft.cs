using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IptTriage.Fhir.Instruments;

namespace IptTriage.Fhir.Intake;

/// <summary>The intake form being filled from FHIR: each field's value and the FHIR location it came from. Written in
/// the contract's field order, so the same FHIR content always gives the same form bytes (which the intake's
/// idempotency compares).</summary>
internal sealed class IntakeFormDraft
{
    /// <summary>Every field the form can hold, in the contract's order (docs/intake-form.md), split once into the
    /// objects and arrays that contain it, with their names encoded once.</summary>
    private static readonly Field[] Layout = Fields(
    [
        .. new[]
        {
            "schemaVersion", "referralId", "receivedAt",
            "referrer.kind", "referrer.name", "referrer.organisation", "referrer.email",
            "client.givenName", "client.familyName", "client.dateOfBirth", "client.sex", "client.email", "client.phone",
            "client.preferredLanguage", "client.region", "client.consent.contactByEmail", "client.consent.shareWithClinic",
            "presentation.summary", "presentation.problemAreas", "presentation.episodeDurationMonths", "presentation.previousEpisodes",
            "presentation.perinatal", "presentation.treatmentPreference", "presentation.eatingDisorder",
        },
        .. InstrumentCatalog.All.Where(instrument => instrument != InstrumentCatalog.ReferralDetails)
            .SelectMany(instrument => instrument.Items).Select(item => item.FormPath),
        .. InstrumentCatalog.ReferralDetails.Items.Where(item => item.FormPath.StartsWith("clinician.", StringComparison.Ordinal))
            .Select(item => item.FormPath),
    ]);

    /// <summary>An object or array a field is in; one instance per container, so open ones compare by reference.</summary>
    /// <param name="Opening">Its name and bracket as written (<c>"client":{</c>).</param>
    private sealed record Container(byte[] Opening, bool IsArray);

    /// <param name="Name">The field's name as written (<c>"givenName":</c>); none for an array's item.</param>
    private sealed record Field(string Path, Container[] Containers, byte[] Name);

    /// <summary>A text field's value as the request's tree holds it, UTF-8: written to the form without being made a
    /// string first (the form is written before the tree is released).</summary>
    public sealed class TreeText(FhirNode value)
    {
        public ReadOnlySpan<byte> Utf8 => value.Utf8;
    }

    /// <summary>Each field's place in <see cref="Layout"/>.</summary>
    private static readonly Dictionary<string, int> SlotOf = Layout.Select((field, slot) => (field.Path, slot)).ToDictionary(StringComparer.Ordinal);

    /// <summary>Each field's value and where it came from, by its place in the layout: the form is written by walking
    /// the set fields in order, not by looking up every field the form can hold.</summary>
    private readonly object?[] values = new object?[Layout.Length];

    private readonly FhirLocation[] locations = new FhirLocation[Layout.Length];

    /// <summary>Empty again, for the thread's next request (nothing of this one held).</summary>
    public void Clear()
    {
        Array.Clear(values);
        Array.Clear(locations);
    }

    /// <summary>Each question's slot, by its ordinal in the catalog: no path is hashed for an answer.</summary>
    private static readonly int[] SlotOfItem = [.. InstrumentCatalog.Items.Select(item => SlotOf[item.FormPath])];

    public bool Has(string path) => SlotOf.TryGetValue(path, out var slot) && values[slot] is not null;

    /// <param name="ordinal">The item's place in <see cref="InstrumentCatalog.Items"/>.</param>
    public bool HasItem(int ordinal) => values[SlotOfItem[ordinal]] is not null;

    public void SetItem(int ordinal, object value, FhirLocation location) => Set(SlotOfItem[ordinal], value, location);

    /// <param name="path">A field of the form's layout: every path the mappers set comes from it or from the
    /// instrument catalog it is built from.</param>
    public void Set(string path, object value, FhirLocation location) =>
        Set(SlotOf.TryGetValue(path, out var slot) ? slot : throw new ArgumentException($"'{path}' is not a field of the intake form", nameof(path)), value, location);

    /// <summary>A text field taken as the request says it: <paramref name="value"/> is a string of the tree.</summary>
    public void SetText(string path, FhirNode value, FhirLocation location) => Set(path, new TreeText(value), location);

    private void Set(int slot, object value, FhirLocation location) => (values[slot], locations[slot]) = (value, location);

    /// <summary>Where the field at <paramref name="path"/> (<c>instruments.phq9[3]</c>) came from, or the nearest
    /// enclosing field that was set (<c>instruments.phq9</c>, <c>instruments</c>), as text: asked while the tree is read.</summary>
    public string? NearestLocationOf(string path)
    {
        for (; path.Length > 0; path = path[..Math.Max(path.LastIndexOfAny(['.', '[']), 0)])
            if (SlotOf.TryGetValue(path, out var slot) && values[slot] is not null) return locations[slot].ToString();
        return null;
    }

    /// <summary>The form as minimised JSON, byte for byte what <see cref="Utf8JsonWriter"/> writes (its default
    /// escaping: a string with anything to escape is encoded by <see cref="JsonEncodedText"/>, the writer's own
    /// rule), written straight into one buffer: the writer's per-call checks cost more than the form's mapping.</summary>
    public byte[] ToUtf8Json()
    {
        var json = new FormJson(ArrayPool<byte>.Shared.Rent(4096));
        try
        {
            json.Byte((byte)'{');
            var openContainers = default(OpenContainers);
            Span<Container?> open = openContainers;
            var depth = 0;
            // Whether something was written at each depth (0 = the form itself), so the next needs a comma.
            Span<bool> written = stackalloc bool[5];
            for (var slot = 0; slot < Layout.Length; slot++)
            {
                if (values[slot] is not { } value) continue;
                var field = Layout[slot];
                var containers = field.Containers;
                var shared = 0;
                while (shared < depth && shared < containers.Length && ReferenceEquals(open[shared], containers[shared])) shared++;
                for (; depth > shared; depth--) json.Byte(open[depth - 1]!.IsArray ? (byte)']' : (byte)'}');
                for (; depth < containers.Length; depth++)
                {
                    var container = open[depth] = containers[depth];
                    if (written[depth]) json.Byte((byte)',');
                    written[depth] = true;
                    json.Raw(container.Opening);
                    written[depth + 1] = false;
                }
                if (written[depth]) json.Byte((byte)',');
                written[depth] = true;
                json.Raw(field.Name);
                json.Value(value);
            }
            for (; depth > 0; depth--) json.Byte(open[depth - 1]!.IsArray ? (byte)']' : (byte)'}');
            json.Byte((byte)'}');
            return json.Written.ToArray();
        }
        finally
        {
            json.Return();
        }
    }

    /// <summary>A growing UTF-8 buffer from the shared pool, written as <see cref="Utf8JsonWriter"/> would.</summary>
    private struct FormJson(byte[] buffer)
    {
        private int length;

        public readonly ReadOnlySpan<byte> Written => buffer.AsSpan(0, length);

        public void Byte(byte value)
        {
            Room(1);
            buffer[length++] = value;
        }

        public void Value(object value)
        {
            switch (value)
            {
                case int number:
                    Room(11);
                    Utf8Formatter.TryFormat(number, buffer.AsSpan(length), out var digits);
                    length += digits;
                    break;
                case bool flag: Raw(flag ? "true"u8 : "false"u8); break;
                case string text: Text(text); break;
                case TreeText text: Utf8(text.Utf8); break;
                case IEnumerable<string> codes:
                    Byte((byte)'[');
                    var first = true;
                    foreach (var code in codes)
                    {
                        if (!first) Byte((byte)',');
                        first = false;
                        Text(code);
                    }
                    Byte((byte)']');
                    break;
                default: throw new InvalidOperationException($"no JSON for a {value.GetType().Name}");
            }
        }

        /// <summary>Plain ASCII the default encoder leaves alone is copied; anything else is encoded as the writer encodes it.</summary>
        private void Text(string text)
        {
            if (Ascii.IsValid(text))
            {
                Room(text.Length + 2);
                var bytes = buffer.AsSpan(length + 1, text.Length);
                Ascii.FromUtf16(text, bytes, out _);
                if (JavaScriptEncoder.Default.FindFirstCharacterToEncodeUtf8(bytes) < 0)
                {
                    buffer[length] = (byte)'"';
                    buffer[length + 1 + text.Length] = (byte)'"';
                    length += text.Length + 2;
                    return;
                }
            }
            String(JsonEncodedText.Encode(text).EncodedUtf8Bytes);
        }

        /// <summary>As <see cref="Text"/>, from valid UTF-8 (the tree's): text the default encoder leaves alone is
        /// copied, anything else is encoded by <see cref="JsonEncodedText"/> as its string would be.</summary>
        private void Utf8(ReadOnlySpan<byte> text) =>
            String(JavaScriptEncoder.Default.FindFirstCharacterToEncodeUtf8(text) < 0 ? text : JsonEncodedText.Encode(text).EncodedUtf8Bytes);

        private void String(ReadOnlySpan<byte> encoded)
        {
            Room(encoded.Length + 2);
            buffer[length++] = (byte)'"';
            encoded.CopyTo(buffer.AsSpan(length));
            length += encoded.Length;
            buffer[length++] = (byte)'"';
        }

        public void Raw(ReadOnlySpan<byte> bytes)
        {
            Room(bytes.Length);
            bytes.CopyTo(buffer.AsSpan(length));
            length += bytes.Length;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private void Room(int more)
        {
            if (length + more > buffer.Length) Grow(more);
        }

        private void Grow(int more)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + more));
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        public readonly void Return() => ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>The containers open while the form is written, one per depth, on the stack.</summary>
    [System.Runtime.CompilerServices.InlineArray(4)]
    private struct OpenContainers
    {
        private Container? container;
    }

    /// <summary><c>instruments.phq9[3]</c> is an element of the array <c>phq9</c> inside <c>instruments</c>;
    /// <c>client.consent.contactByEmail</c> the property <c>contactByEmail</c> inside <c>client</c>, <c>consent</c>.</summary>
    private static Field[] Fields(string[] paths)
    {
        var containers = new Dictionary<string, Container>(StringComparer.Ordinal);
        Container ContainerOf(string key)
        {
            if (containers.TryGetValue(key, out var known)) return known;
            var isArray = key.EndsWith("[]", StringComparison.Ordinal);
            return containers[key] = new([.. NameOf(key.Split('/')[^1].TrimEnd('[', ']')), isArray ? (byte)'[' : (byte)'{'], isArray);
        }
        return [.. paths.Select(path =>
        {
            var parts = path.Split('.');
            var last = parts[^1];
            var bracket = last.IndexOf('[', StringComparison.Ordinal);
            // Keyed by the whole path to each container, so two objects of one name in different places stay apart.
            string[] keys = bracket < 0 ? parts[..^1] : [.. parts[..^1], last[..bracket] + "[]"];
            var chain = new Container[keys.Length];
            for (var i = 0; i < keys.Length; i++) chain[i] = ContainerOf(string.Join('/', keys[..(i + 1)]));
            if (chain.Length > 4) throw new InvalidOperationException($"'{path}' is nested deeper than the form");
            return new Field(path, chain, bracket < 0 ? NameOf(last) : []);
        })];
    }

    /// <summary>A property name as the writer writes it: encoded, quoted, then a colon.</summary>
    private static byte[] NameOf(string name) => [(byte)'"', .. JsonEncodedText.Encode(name).EncodedUtf8Bytes, (byte)'"', (byte)':'];
}
