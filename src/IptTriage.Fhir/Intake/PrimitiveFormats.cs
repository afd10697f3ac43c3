namespace IptTriage.Fhir.Intake;

/// <summary>The SDK's <c>PATTERN</c>s of the primitives a referral is full of (date, dateTime, instant, time, id,
/// code), checked on a string's raw UTF-8 bytes without making a string or running a regular expression. Only plain
/// ASCII with no JSON escape comes here: anything else goes to the SDK's regular expression, whose <c>\d</c>,
/// <c>\s</c> and <c>$</c> mean more than ASCII (FormatTests compares both on generated and edge inputs).</summary>
internal static class PrimitiveFormats
{
    public delegate bool Check(ReadOnlySpan<byte> utf8);

    /// <summary><c>[A-Za-z0-9\-\.]{1,64}</c></summary>
    public static bool IsId(ReadOnlySpan<byte> s)
    {
        if (s.Length is < 1 or > 64) return false;
        foreach (var c in s)
            if (!(IsDigit(c) || (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c is (byte)'-' or (byte)'.')) return false;
        return true;
    }

    /// <summary><c>[^\s]+( [^\s]+)*</c>: no white space but single inner spaces.</summary>
    public static bool IsCode(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s[0] == ' ' || s[^1] == ' ') return false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r') return false;
            if (c == ' ' && s[i + 1] == ' ') return false;
        }
        return true;
    }

    /// <summary>A year, then optionally <c>-MM</c> and <c>-DD</c>.</summary>
    public static bool IsDate(ReadOnlySpan<byte> s)
    {
        var at = 0;
        return Year(s, ref at) && (at == s.Length || (Month(s, ref at) && (at == s.Length || (Day(s, ref at) && at == s.Length))));
    }

    /// <summary>A year; optionally <c>-MM</c>, then optionally <c>-DD</c> with an optional <c>Thh:mm:ss(.f)</c>, then
    /// an optional zone (<c>Z</c>, or a sign with an optional offset), as the SDK's pattern nests them: after the month
    /// a <c>-</c> may start the day or the zone (<c>2020-01-05:00</c> is January with an offset).</summary>
    public static bool IsDateTime(ReadOnlySpan<byte> s)
    {
        var at = 0;
        if (!Year(s, ref at)) return false;
        if (at == s.Length) return true;
        if (!Month(s, ref at)) return false;
        if (at == s.Length || Zone(s, at)) return true;
        if (!Day(s, ref at)) return false;
        if (at < s.Length && s[at] == 'T')
        {
            at++;
            if (!TimeOfDay(s, ref at)) return false;
        }
        return at == s.Length || Zone(s, at);
    }

    /// <summary>Whether the rest from <paramref name="at"/> is a dateTime's zone: <c>Z</c>, or a sign and an optional offset.</summary>
    private static bool Zone(ReadOnlySpan<byte> s, int at)
    {
        if (s[at] == 'Z') return at + 1 == s.Length;
        if (s[at] is not ((byte)'+' or (byte)'-')) return false;
        at++;
        return at == s.Length || (Offset(s, ref at) && at == s.Length);
    }

    /// <summary><c>YYYY-MM-DDThh:mm:ss(.f)</c> and a zone (<c>Z</c> or an offset).</summary>
    public static bool IsInstant(ReadOnlySpan<byte> s)
    {
        var at = 0;
        if (!Year(s, ref at) || !Month(s, ref at) || !Day(s, ref at) || at >= s.Length || s[at] != 'T') return false;
        at++;
        if (!TimeOfDay(s, ref at) || at >= s.Length) return false;
        if (s[at] == 'Z') return at + 1 == s.Length;
        if (s[at] is not ((byte)'+' or (byte)'-')) return false;
        at++;
        return Offset(s, ref at) && at == s.Length;
    }

    /// <summary><c>hh:mm:ss(.f)</c></summary>
    public static bool IsTime(ReadOnlySpan<byte> s)
    {
        var at = 0;
        return TimeOfDay(s, ref at) && at == s.Length;
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    /// <summary>Four digits, not <c>0000</c>.</summary>
    private static bool Year(ReadOnlySpan<byte> s, ref int at)
    {
        if (s.Length < at + 4 || !IsDigit(s[at]) || !IsDigit(s[at + 1]) || !IsDigit(s[at + 2]) || !IsDigit(s[at + 3])) return false;
        var zero = s[at] == '0' && s[at + 1] == '0' && s[at + 2] == '0' && s[at + 3] == '0';
        at += 4;
        return !zero;
    }

    /// <summary><c>-01</c> … <c>-12</c></summary>
    private static bool Month(ReadOnlySpan<byte> s, ref int at)
    {
        if (!Two(s, at + 1, out var month) || s[at] != '-' || month is < 1 or > 12) return false;
        at += 3;
        return true;
    }

    /// <summary><c>-01</c> … <c>-31</c></summary>
    private static bool Day(ReadOnlySpan<byte> s, ref int at)
    {
        if (!Two(s, at + 1, out var day) || s[at] != '-' || day is < 1 or > 31) return false;
        at += 3;
        return true;
    }

    /// <summary><c>hh:mm:ss</c> (hours to 23, seconds to 60) and an optional fraction of 1–9 digits.</summary>
    private static bool TimeOfDay(ReadOnlySpan<byte> s, ref int at)
    {
        if (!Two(s, at, out var hours) || hours > 23 || s.Length < at + 8 || s[at + 2] != ':' || !Two(s, at + 3, out var minutes) || minutes > 59
            || s[at + 5] != ':' || !Two(s, at + 6, out var seconds) || seconds > 60) return false;
        at += 8;
        if (at < s.Length && s[at] == '.')
        {
            var digits = 0;
            while (at + 1 + digits < s.Length && IsDigit(s[at + 1 + digits])) digits++;
            if (digits is < 1 or > 9) return false;
            at += 1 + digits;
        }
        return true;
    }

    /// <summary><c>00:00</c> … <c>13:59</c>, or <c>14:00</c>.</summary>
    private static bool Offset(ReadOnlySpan<byte> s, ref int at)
    {
        if (!Two(s, at, out var hours) || s.Length < at + 5 || s[at + 2] != ':' || !Two(s, at + 3, out var minutes)) return false;
        if (!(hours <= 13 && minutes <= 59) && !(hours == 14 && minutes == 0)) return false;
        at += 5;
        return true;
    }

    private static bool Two(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if (at < 0 || s.Length < at + 2 || !IsDigit(s[at]) || !IsDigit(s[at + 1])) return false;
        value = (s[at] - '0') * 10 + s[at + 1] - '0';
        return true;
    }
}
