namespace IptTriage.Fhir.Intake;

/// <summary>UTF-8 byte strings compared by content, so a dictionary keyed by them is looked up from a span
/// (<c>reader.ValueSpan</c>, a raw property name) without making a string.</summary>
internal sealed class Utf8Comparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly Utf8Comparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var hash = new HashCode();
        hash.AddBytes(alternate);
        return hash.ToHashCode();
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
