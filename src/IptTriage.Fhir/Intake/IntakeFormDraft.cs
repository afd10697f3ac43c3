using System.Text.Json;
using IptTriage.Fhir.Instruments;

namespace IptTriage.Fhir.Intake;

/// <summary>The intake form being filled from FHIR: each field's value and the FHIR location it came from. Written in
/// the contract's field order, so the same FHIR content always gives the same form bytes (which the intake's
/// idempotency compares).</summary>
internal sealed class IntakeFormDraft
{
    /// <summary>Every field the form can hold, in the contract's order (docs/intake-form.md), split once into the
    /// objects and arrays that contain it.</summary>
    private static readonly (string Path, string[] Containers, string? Leaf)[] Layout =
    [
        .. new[]
        {
            "schemaVersion", "referralId", "receivedAt",
            "referrer.kind", "referrer.name", "referrer.organisation", "referrer.email",
            "client.givenName", "client.familyName", "client.dateOfBirth", "client.sex", "client.email", "client.phone",
            "client.preferredLanguage", "client.region", "client.consent.contactByEmail", "client.consent.shareWithClinic",
            "presentation.summary", "presentation.problemAreas", "presentation.episodeDurationMonths", "presentation.previousEpisodes",
            "presentation.perinatal", "presentation.treatmentPreference", "presentation.eatingDisorder",
        }.Select(Split),
        .. InstrumentCatalog.All.Where(instrument => instrument != InstrumentCatalog.ReferralDetails)
            .SelectMany(instrument => instrument.Items).Select(item => Split(item.FormPath)),
        .. InstrumentCatalog.ReferralDetails.Items.Where(item => item.FormPath.StartsWith("clinician.", StringComparison.Ordinal))
            .Select(item => Split(item.FormPath)),
    ];

    private readonly Dictionary<string, object> values = new(StringComparer.Ordinal);

    public Dictionary<string, string> Locations { get; } = new(StringComparer.Ordinal);

    public bool Has(string path) => values.ContainsKey(path);

    public object? Get(string path) => values.GetValueOrDefault(path);

    public void Set(string path, object value, string location)
    {
        values[path] = value;
        Locations[path] = location;
    }

    public byte[] ToUtf8Json()
    {
        using var buffer = new MemoryStream(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var open = new List<string>();
            foreach (var (path, containers, leaf) in Layout)
            {
                if (!values.TryGetValue(path, out var value)) continue;
                var shared = 0;
                while (shared < open.Count && shared < containers.Length && open[shared] == containers[shared]) shared++;
                Close(writer, open, shared);
                for (var i = shared; i < containers.Length; i++)
                {
                    if (containers[i].EndsWith("[]", StringComparison.Ordinal)) writer.WriteStartArray(containers[i][..^2]);
                    else writer.WriteStartObject(containers[i]);
                    open.Add(containers[i]);
                }
                if (leaf is not null) writer.WritePropertyName(leaf);
                WriteValue(writer, value);
            }
            Close(writer, open, 0);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Close(Utf8JsonWriter writer, List<string> open, int keep)
    {
        for (var i = open.Count - 1; i >= keep; i--)
        {
            if (open[i].EndsWith("[]", StringComparison.Ordinal)) writer.WriteEndArray();
            else writer.WriteEndObject();
            open.RemoveAt(i);
        }
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

    /// <summary><c>instruments.phq9[3]</c> is an element of the array <c>phq9[]</c> inside <c>instruments</c>;
    /// <c>client.consent.contactByEmail</c> the property <c>contactByEmail</c> inside <c>client</c>, <c>consent</c>.</summary>
    private static (string, string[], string?) Split(string path)
    {
        var parts = path.Split('.');
        var last = parts[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0
            ? (path, parts[..^1], last)
            : (path, [.. parts[..^1], last[..bracket] + "[]"], null);
    }
}
