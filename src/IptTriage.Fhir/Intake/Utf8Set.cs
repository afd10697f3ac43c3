using System.Buffers.Binary;
using System.Numerics;

namespace IptTriage.Fhir.Intake;

/// <summary>UTF-8 byte strings compared by content, so a dictionary keyed by them is looked up from a span
/// (<c>reader.ValueSpan</c>, a raw property name) without making a string.</summary>
internal sealed class Utf8Comparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly Utf8Comparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    /// <summary>The length and the first and last eight bytes, mixed: the keys are names and codes from a fixed set
    /// (elements, codes, linkIds), which these tell apart, so the hash costs the same for any length. Input only ever
    /// looks up, it never adds keys, so a crafted name can only land in a bucket of known keys.</summary>
    public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

    /// <inheritdoc cref="GetHashCode(ReadOnlySpan{byte})"/>
    public static int Hash(ReadOnlySpan<byte> alternate)
    {
        ulong head, tail;
        if (alternate.Length >= 8)
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(alternate);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(alternate[^8..]);
        }
        else
        {
            head = 0;
            foreach (var b in alternate) head = (head << 8) | b;
            tail = 0;
        }
        var mixed = (head ^ BitOperations.RotateLeft(tail, 29) ^ (ulong)alternate.Length) * 0x9E3779B97F4A7C15UL;
        return (int)(mixed >> 32);
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
