namespace IptTriage.Triage.Intake.Validation;

/// <summary>What is wrong with a timestamp or date, so the error can say it precisely.</summary>
internal enum DateProblem { None, Format, Calendar, Time, Offset, Range }

/// <param name="Instant">The timestamp with its offset as written, or in UTC when the offset is beyond
/// DateTimeOffset's ±14:00.</param>
/// <param name="WrittenOn">The calendar date as written, in the timestamp's own offset.</param>
internal readonly record struct Timestamp(DateTimeOffset Instant, DateOnly WrittenOn);

/// <summary>Strict RFC 3339 as the contract narrows it: <c>YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)</c> with
/// upper-case T and Z, real calendar dates, no leap second (second 60), offsets up to ±23:59. Fractions beyond
/// DateTimeOffset's 100 ns resolution are truncated. Years run 0001–9999 (DateOnly/DateTimeOffset's range).</summary>
internal static class Rfc3339
{
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    public static DateProblem ParseTimestamp(ReadOnlySpan<char> text, out Timestamp value)
    {
        value = default;
        if (text.Length < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return DateProblem.Format;
        var date = ParseDate(text[..10], out var day);
        if (date != DateProblem.None) return date;
        if (!TwoDigits(text, 11, out var hour) || !TwoDigits(text, 14, out var minute) || !TwoDigits(text, 17, out var second))
        {
            return DateProblem.Format;
        }
        var position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            var start = ++position;
            var scale = TimeSpan.TicksPerSecond;
            for (; position < text.Length && char.IsAsciiDigit(text[position]); position++)
            {
                scale /= 10;
                fractionTicks += (text[position] - '0') * scale;
            }
            if (position == start) return DateProblem.Format;
        }
        var offsetProblem = ParseOffset(text[position..], out var offsetMinutes);
        if (offsetProblem != DateProblem.None) return offsetProblem;
        if (hour > 23 || minute > 59 || second > 59) return DateProblem.Time;
        var local = day.ToDateTime(new TimeOnly(hour, minute, second)).Ticks + fractionTicks;
        var utc = local - offsetMinutes * TimeSpan.TicksPerMinute;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks) return DateProblem.Range;
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var instant = offset.Duration() <= MaxOffset
            ? new DateTimeOffset(local, offset)
            : new DateTimeOffset(utc, TimeSpan.Zero);
        value = new Timestamp(instant, day);
        return DateProblem.None;
    }

    /// <summary><c>YYYY-MM-DD</c>, a real calendar date from 0001-01-01.</summary>
    public static DateProblem ParseDate(ReadOnlySpan<char> text, out DateOnly value)
    {
        value = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-') return DateProblem.Format;
        if (!TwoDigits(text, 0, out var century) || !TwoDigits(text, 2, out var yearOfCentury)
            || !TwoDigits(text, 5, out var month) || !TwoDigits(text, 8, out var day))
        {
            return DateProblem.Format;
        }
        var year = century * 100 + yearOfCentury;
        if (year == 0) return DateProblem.Range;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return DateProblem.Calendar;
        value = new DateOnly(year, month, day);
        return DateProblem.None;
    }

    private static DateProblem ParseOffset(ReadOnlySpan<char> text, out int minutes)
    {
        minutes = 0;
        if (text is ['Z']) return DateProblem.None;
        if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':'
            || !TwoDigits(text, 1, out var hours) || !TwoDigits(text, 4, out var offsetMinutes))
        {
            return DateProblem.Format;
        }
        if (hours > 23 || offsetMinutes > 59) return DateProblem.Offset;
        minutes = (hours * 60 + offsetMinutes) * (text[0] == '-' ? -1 : 1);
        return DateProblem.None;
    }

    private static bool TwoDigits(ReadOnlySpan<char> text, int at, out int value)
    {
        var (tens, ones) = (text[at], text[at + 1]);
        value = (tens - '0') * 10 + (ones - '0');
        return char.IsAsciiDigit(tens) && char.IsAsciiDigit(ones);
    }
}
