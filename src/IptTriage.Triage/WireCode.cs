using System.Text;

namespace IptTriage.Triage;

/// <summary>The contract's kebab-case codes for this project's enums, derived from member names
/// (<c>IptLateLife</c> is <c>ipt-late-life</c>) so an enum and its wire codes cannot drift apart.</summary>
public static class WireCode
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Table<TEnum>.Codes[ToIndex(value)];

    public static ReadOnlySpan<byte> Utf8Of<TEnum>(TEnum value) where TEnum : struct, Enum => Table<TEnum>.Utf8[ToIndex(value)];

    /// <summary>Every code of <typeparamref name="TEnum"/>, in declaration order, for error messages and schemas.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Table<TEnum>.Codes;

    public static bool TryParse<TEnum>(ReadOnlySpan<byte> utf8Code, out TEnum value) where TEnum : struct, Enum
    {
        var utf8 = Table<TEnum>.Utf8;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8Code.SequenceEqual(utf8[i]))
            {
                value = Table<TEnum>.Values[i];
                return true;
            }
        }
        value = default;
        return false;
    }

    public static bool TryParse<TEnum>(string code, out TEnum value) where TEnum : struct, Enum =>
        TryParse(Encoding.UTF8.GetBytes(code), out value);

    internal static int ToIndex<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var index = Array.IndexOf(Table<TEnum>.Values, value);
        return index >= 0 ? index : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a defined {typeof(TEnum).Name}");
    }

    internal static string ToKebabCase(string pascalCase)
    {
        var builder = new StringBuilder(pascalCase.Length + 4);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            var c = pascalCase[i];
            if (char.IsUpper(c) && i > 0) builder.Append('-');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    internal static class Table<TEnum> where TEnum : struct, Enum
    {
        public static readonly TEnum[] Values = Enum.GetValues<TEnum>();
        public static readonly string[] Codes = Array.ConvertAll(Enum.GetNames<TEnum>(), ToKebabCase);
        public static readonly byte[][] Utf8 = Array.ConvertAll(Codes, Encoding.UTF8.GetBytes);

        /// <summary>Indexes into <see cref="Values"/>, ascending by code in ordinal (code point) order.</summary>
        public static readonly int[] OrdinalOrder = [.. Enumerable.Range(0, Codes.Length).OrderBy(i => Codes[i], StringComparer.Ordinal)];
    }
}
