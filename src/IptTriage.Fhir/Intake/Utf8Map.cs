using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace IptTriage.Fhir.Intake;

/// <summary>A fixed map from UTF-8 byte strings to values, looked up from a span without making a string (a raw
/// property name, a code): open addressing on <see cref="Hash"/>, with no interface call per lookup (a dictionary's
/// alternate lookup makes one for the hash and one per compared key). Input only ever looks up, so a crafted key
/// probes at most the table, which is twice the size of the known keys.</summary>
internal sealed class Utf8Map<TValue>
{
    private readonly byte[]?[] keys;
    private readonly TValue[] values;
    private readonly int mask;

    /// <param name="entries">Distinct keys.</param>
    public Utf8Map(IReadOnlyCollection<KeyValuePair<byte[], TValue>> entries)
    {
        // At most half full, so a miss ends soon at an empty slot.
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, entries.Count * 2));
        (keys, values, mask) = (new byte[size][], new TValue[size], size - 1);
        foreach (var (key, value) in entries)
        {
            var slot = Hash(key) & mask;
            for (; keys[slot] is { } taken; slot = (slot + 1) & mask)
                if (taken.AsSpan().SequenceEqual(key)) throw new ArgumentException($"'{System.Text.Encoding.UTF8.GetString(key)}' is a key twice", nameof(entries));
            (keys[slot], values[slot]) = (key, value);
        }
    }

    public bool TryGetValue(ReadOnlySpan<byte> key, [MaybeNullWhen(false)] out TValue value)
    {
        for (var slot = Hash(key) & mask; keys[slot] is { } candidate; slot = (slot + 1) & mask)
            if (key.SequenceEqual(candidate))
            {
                value = values[slot];
                return true;
            }
        value = default;
        return false;
    }

    /// <summary>The length and the first and last eight bytes, mixed: the keys are names and codes from a fixed set
    /// (elements, codes, linkIds), which these tell apart, so the hash costs the same for any length.</summary>
    private static int Hash(ReadOnlySpan<byte> key)
    {
        ulong head, tail;
        if (key.Length >= 8)
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(key);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(key[^8..]);
        }
        else
        {
            head = 0;
            foreach (var b in key) head = (head << 8) | b;
            tail = 0;
        }
        var mixed = (head ^ BitOperations.RotateLeft(tail, 29) ^ (ulong)key.Length) * 0x9E3779B97F4A7C15UL;
        return (int)(mixed >> 32);
    }
}
