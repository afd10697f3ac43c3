using System.Numerics;

namespace IptTriage.Triage;

/// <summary>A set of one enum's values, listed as the contract's code arrays are: distinct, ascending by wire code in
/// ordinal order. A bit per value, so adding and listing need no sorting and no allocation beyond the result.</summary>
internal struct WireCodeSet<TEnum> where TEnum : struct, Enum
{
    private static readonly int[] OrdinalOrder = WireCode.Table<TEnum>.Values.Length <= 64
        ? WireCode.Table<TEnum>.OrdinalOrder
        : throw new NotSupportedException($"{typeof(TEnum).Name} has more than 64 values");

    private ulong members;

    public static WireCodeSet<TEnum> Of(TEnum value)
    {
        var set = new WireCodeSet<TEnum>();
        set.Add(value);
        return set;
    }

    public void Add(TEnum value) => members |= Bit(value);

    public readonly bool Contains(TEnum value) => (members & Bit(value)) != 0;

    public readonly TEnum[] ToValues() => Select(WireCode.Table<TEnum>.Values);

    public readonly string[] ToCodes() => Select(WireCode.Table<TEnum>.Codes);

    private readonly T[] Select<T>(T[] byIndex)
    {
        if (members == 0) return [];
        var selected = new T[BitOperations.PopCount(members)];
        var count = 0;
        foreach (var index in OrdinalOrder)
        {
            if ((members & (1UL << index)) != 0) selected[count++] = byIndex[index];
        }
        return selected;
    }

    private static ulong Bit(TEnum value) => 1UL << WireCode.ToIndex(value);
}
