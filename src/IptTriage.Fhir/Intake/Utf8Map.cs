using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace IptTriage.Fhir.Intake;

/// <summary>A fixed map from UTF-8 byte strings to values, looked up from a span: open addressing on
/// <see cref="Utf8Comparer.Hash"/>, with no interface call per lookup (a dictionary's alternate lookup makes one for the
/// hash and one per compared key), for the lookups made once per answer. Input only ever looks up, so a crafted key
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
            var slot = Utf8Comparer.Hash(key) & mask;
            for (; keys[slot] is { } taken; slot = (slot + 1) & mask)
                if (taken.AsSpan().SequenceEqual(key)) throw new ArgumentException($"'{System.Text.Encoding.UTF8.GetString(key)}' is a key twice", nameof(entries));
            (keys[slot], values[slot]) = (key, value);
        }
    }

    public bool TryGetValue(ReadOnlySpan<byte> key, [MaybeNullWhen(false)] out TValue value)
    {
        for (var slot = Utf8Comparer.Hash(key) & mask; keys[slot] is { } candidate; slot = (slot + 1) & mask)
            if (key.SequenceEqual(candidate))
            {
                value = values[slot];
                return true;
            }
        value = default;
        return false;
    }
}
