using System.Buffers;
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
    private sealed record Container(JsonEncodedText Name, bool IsArray);

    private sealed record Field(string Path, Container[] Containers, JsonEncodedText? Leaf);

    /// <summary>Each field's place in <see cref="Layout"/>.</summary>
    private static readonly Dictionary<string, int> SlotOf = Layout.Select((field, slot) => (field.Path, slot)).ToDictionary(StringComparer.Ordinal);

    /// <summary>Each field's value and where it came from, by its place in the layout: the form is written by walking
    /// the set fields in order, not by looking up every field the form can hold.</summary>
    private readonly (object Value, FhirLocation Location)?[] slots = new (object, FhirLocation)?[Layout.Length];

    /// <summary>Fields outside the layout (none today): remembered, with their locations, but not written.</summary>
    private Dictionary<string, (object Value, FhirLocation Location)>? others;

    public bool Has(string path) => SlotOf.TryGetValue(path, out var slot) ? slots[slot] is not null : others?.ContainsKey(path) == true;

    public void Set(string path, object value, FhirLocation location)
    {
        if (SlotOf.TryGetValue(path, out var slot)) slots[slot] = (value, location);
        else (others ??= new(StringComparer.Ordinal))[path] = (value, location);
    }

    /// <summary>Where the field at <paramref name="path"/> came from, when it was set.</summary>
    public FhirLocation? LocationOf(string path) =>
        SlotOf.TryGetValue(path, out var slot) ? slots[slot]?.Location
        : others is not null && others.TryGetValue(path, out var field) ? field.Location : null;

    public byte[] ToUtf8Json()
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            Span<Container?> open = new Container?[4];
            var depth = 0;
            for (var slot = 0; slot < Layout.Length; slot++)
            {
                if (slots[slot] is not { } field) continue;
                var (_, containers, leaf) = Layout[slot];
                var shared = 0;
                while (shared < depth && shared < containers.Length && ReferenceEquals(open[shared], containers[shared])) shared++;
                for (; depth > shared; depth--) End(writer, open[depth - 1]!);
                for (; depth < containers.Length; depth++)
                {
                    var container = open[depth] = containers[depth];
                    if (container.IsArray) writer.WriteStartArray(container.Name);
                    else writer.WriteStartObject(container.Name);
                }
                if (leaf is { } name) writer.WritePropertyName(name);
                WriteValue(writer, field.Value);
            }
            for (; depth > 0; depth--) End(writer, open[depth - 1]!);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void End(Utf8JsonWriter writer, Container container)
    {
        if (container.IsArray) writer.WriteEndArray();
        else writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case int number: writer.WriteNumberValue(number); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case string text: writer.WriteStringValue(text); break;
            case IEnumerable<string> codes:
                writer.WriteStartArray();
                foreach (var code in codes) writer.WriteStringValue(code);
                writer.WriteEndArray();
                break;
            default: throw new InvalidOperationException($"no JSON for a {value.GetType().Name}");
        }
    }

    /// <summary><c>instruments.phq9[3]</c> is an element of the array <c>phq9</c> inside <c>instruments</c>;
    /// <c>client.consent.contactByEmail</c> the property <c>contactByEmail</c> inside <c>client</c>, <c>consent</c>.</summary>
    private static Field[] Fields(string[] paths)
    {
        var containers = new Dictionary<string, Container>(StringComparer.Ordinal);
        Container ContainerOf(string key) =>
            containers.TryGetValue(key, out var known) ? known
            : containers[key] = new(JsonEncodedText.Encode(key.Split('/')[^1].TrimEnd('[', ']')), key.EndsWith("[]", StringComparison.Ordinal));
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
            return new Field(path, chain, bracket < 0 ? JsonEncodedText.Encode(last) : null);
        })];
    }
}
