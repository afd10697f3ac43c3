namespace IptTriage.Fhir.Intake;

/// <summary>A fixed set of UTF-8 byte strings, asked about with a span.</summary>
internal sealed class Utf8Set(IEnumerable<string> members)
{
    private readonly Utf8Map<bool> map = new([.. members.Distinct(StringComparer.Ordinal)
        .Select(member => KeyValuePair.Create(System.Text.Encoding.UTF8.GetBytes(member), true))]);

    public bool Contains(ReadOnlySpan<byte> value) => map.TryGetValue(value, out _);
}
