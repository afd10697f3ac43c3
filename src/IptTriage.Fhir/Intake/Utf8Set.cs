namespace IptTriage.Fhir.Intake;

/// <summary>UTF-8 byte strings compared by content, so a dictionary keyed by them is looked up from a span
/// (<c>reader.ValueSpan</c>, a raw property name) without making a string.</summary>
internal sealed class Utf8Comparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly Utf8Comparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    /// <summary>FNV-1a: the keys are short names from a fixed set (elements, codes), so a simple hash is enough and
    /// costs less than <see cref="HashCode.AddBytes"/>; input only ever looks up, it never adds keys.</summary>
    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var hash = 2166136261u;
        foreach (var b in alternate) hash = (hash ^ b) * 16777619u;
        return (int)hash;
    }

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}

/// <summary>A fixed set of UTF-8 byte strings, asked about with a span.</summary>
internal sealed class Utf8Set(IEnumerable<byte[]> members)
{
    private readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> lookup =
        new HashSet<byte[]>(members, Utf8Comparer.Instance).GetAlternateLookup<ReadOnlySpan<byte>>();

    public bool Contains(ReadOnlySpan<byte> value) => lookup.Contains(value);
}
