using System.Globalization;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Tests.Intake.Support;

namespace IptTriage.Triage.Tests.Intake;

public sealed class DateRuleTests
{
    private const string TimestampFormat =
        "must be an RFC 3339 timestamp YYYY-MM-DDThh:mm:ss[.fraction] ending in Z or ±hh:mm, with upper-case T and Z";

    [Theory]
    [InlineData("2026-11-02T10:15:00Z", "2026-11-02T10:15:00Z", 0)]
    [InlineData("2026-11-02T10:15:00+00:00", "2026-11-02T10:15:00Z", 0)]
    [InlineData("2026-11-02T10:15:00-00:00", "2026-11-02T10:15:00Z", 0)]
    [InlineData("2026-11-02T10:15:00+05:30", "2026-11-02T04:45:00Z", 330)]
    [InlineData("2026-11-02T10:15:00-14:00", "2026-11-03T00:15:00Z", -840)]
    [InlineData("2026-11-02T10:15:00.5Z", "2026-11-02T10:15:00.5Z", 0)]
    [InlineData("2026-11-02T10:15:00.1234567Z", "2026-11-02T10:15:00.1234567Z", 0)]
    [InlineData("2026-11-02T10:15:00.123456789123Z", "2026-11-02T10:15:00.1234567Z", 0)]
    [InlineData("2024-02-29T23:59:59-01:00", "2024-03-01T00:59:59Z", -60)]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z", 0)]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999Z", 0)]
    public void Valid_timestamps_keep_their_instant_and_offset_as_written(string receivedAt, string utc, int offsetMinutes)
    {
        var form = ParseWithReceivedAt(receivedAt).Form!;

        form.ReceivedAt.UtcDateTime.Should().Be(DateTime.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        form.ReceivedAt.Offset.Should().Be(TimeSpan.FromMinutes(offsetMinutes));
        form.ReceivedOn.Should().Be(DateOnly.ParseExact(receivedAt[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-11-02T00:30:00+23:59", "2026-11-01T00:31:00Z")]
    [InlineData("2026-11-02T23:30:00-20:00", "2026-11-03T19:30:00Z")]
    public void Offsets_beyond_14_hours_are_valid_kept_as_the_same_instant_in_UTC_with_the_date_as_written(
        string receivedAt, string utc)
    {
        var form = ParseWithReceivedAt(receivedAt).Form!;

        form.ReceivedAt.Should().Be(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));
        form.ReceivedAt.Offset.Should().Be(TimeSpan.Zero);
        form.ReceivedOn.Should().Be(new DateOnly(2026, 11, 2));
    }

    private static IntakeParseResult ParseWithReceivedAt(string receivedAt) =>
        IntakeParser.Parse(SampleForms.With(SampleForms.Minimal, json =>
        {
            json.SetAt("receivedAt", receivedAt);
            json.SetAt("client.dateOfBirth", "0001-01-01");
        }));

    [Theory]
    [InlineData("2026-11-02t10:15:00Z", TimestampFormat)]
    [InlineData("2026-11-02T10:15:00z", TimestampFormat)]
    [InlineData("2026-11-02 10:15:00Z", TimestampFormat)]
    [InlineData("2026-11-02T10:15:00", TimestampFormat)]
    [InlineData("2026-11-02T10:15Z", TimestampFormat)]
    [InlineData("2026-11-02T10:15:00.Z", TimestampFormat)]
    [InlineData("2026-11-02T10:15:00+0100", TimestampFormat)]
    [InlineData("2026-11-02T10:15:00+01", TimestampFormat)]
    [InlineData("2026-11-02", TimestampFormat)]
    [InlineData("20261102T101500Z", TimestampFormat)]
    [InlineData("2026-11-02T10:15:00Z ", TimestampFormat)]
    [InlineData("+2026-11-02T10:15:00Z", TimestampFormat)]
    [InlineData("2026-11-02T10:15:60Z", "has a time out of range (hours 00-23, minutes and seconds 00-59; second 60 is not accepted)")]
    [InlineData("2026-11-02T24:00:00Z", "has a time out of range (hours 00-23, minutes and seconds 00-59; second 60 is not accepted)")]
    [InlineData("2026-11-02T10:60:00Z", "has a time out of range (hours 00-23, minutes and seconds 00-59; second 60 is not accepted)")]
    [InlineData("2026-11-02T10:15:00+24:00", "has a UTC offset out of range (±hh:mm with hh at most 23 and mm at most 59)")]
    [InlineData("2026-11-02T10:15:00-01:60", "has a UTC offset out of range (±hh:mm with hh at most 23 and mm at most 59)")]
    [InlineData("2026-02-29T10:15:00Z", "is not a real calendar date")]
    [InlineData("2026-04-31T10:15:00Z", "is not a real calendar date")]
    [InlineData("2026-13-01T10:15:00Z", "is not a real calendar date")]
    [InlineData("2026-00-10T10:15:00Z", "is not a real calendar date")]
    [InlineData("0000-01-01T00:00:00Z", "is outside the supported range (years 0001 to 9999)")]
    [InlineData("0001-01-01T00:30:00+01:00", "is outside the supported range (years 0001 to 9999)")]
    [InlineData("9999-12-31T23:00:00-01:00", "is outside the supported range (years 0001 to 9999)")]
    public void Invalid_timestamps_say_what_is_wrong(string receivedAt, string message)
    {
        SampleForms.With(SampleForms.Minimal, json =>
        {
            json.SetAt("receivedAt", receivedAt);
            json.SetAt("client.dateOfBirth", "0001-01-01");
        }).ShouldFailWith(("receivedAt", message));
    }

    [Theory]
    [InlineData("2000-1-05", "must be a date written YYYY-MM-DD")]
    [InlineData("2000-01-05T00:00:00Z", "must be a date written YYYY-MM-DD")]
    [InlineData("05/01/2000", "must be a date written YYYY-MM-DD")]
    [InlineData("2001-02-29", "is not a real calendar date")]
    [InlineData("2000-02-30", "is not a real calendar date")]
    public void Invalid_dates_of_birth_say_what_is_wrong(string dateOfBirth, string message)
    {
        SampleForms.WithValue(SampleForms.Minimal, "client.dateOfBirth", dateOfBirth).ShouldFailWith(("client.dateOfBirth", message));
    }

    [Fact]
    public void A_leap_day_birth_is_a_real_date()
    {
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.Minimal, "client.dateOfBirth", "2000-02-29")).Form!
            .Client.DateOfBirth.Should().Be(new DateOnly(2000, 2, 29));
    }

    [Theory]
    // Minimal's receivedAt is 2026-01-05T08:00:00-05:00: 5 January where it was written, 13:00 UTC.
    [InlineData("2026-01-05T08:00:00-05:00", "2026-01-05", true)]
    [InlineData("2026-01-05T08:00:00-05:00", "2026-01-06", false)]
    // 23:30 on the 4th at -05:00 is already the 5th in UTC; the calendar date as written (the 4th) decides.
    [InlineData("2026-01-04T23:30:00-05:00", "2026-01-05", false)]
    // 00:30 on the 5th at +09:00 is still the 4th in UTC; as written it is the 5th, so a birth on the 5th is allowed.
    [InlineData("2026-01-05T00:30:00+09:00", "2026-01-05", true)]
    public void The_date_of_birth_must_not_be_after_the_calendar_date_of_receipt_in_its_own_offset(
        string receivedAt, string dateOfBirth, bool valid)
    {
        var form = SampleForms.With(SampleForms.Minimal, json =>
        {
            json.SetAt("receivedAt", receivedAt);
            json.SetAt("client.dateOfBirth", dateOfBirth);
        });

        if (valid)
        {
            IntakeParser.Parse(form).IsValid.Should().BeTrue();
        }
        else
        {
            var receivedOn = receivedAt[..10];
            form.ShouldFailWith(("client.dateOfBirth", $"must not be after receivedAt ({receivedOn})"));
        }
    }

    [Fact]
    public void The_date_of_birth_is_compared_even_when_receivedAt_comes_after_the_client()
    {
        var form = SampleForms.With(SampleForms.Minimal, json =>
        {
            var receivedAt = json["receivedAt"]!.GetValue<string>();
            json.Remove("receivedAt");
            json["receivedAt"] = receivedAt;
            json.SetAt("client.dateOfBirth", "2030-01-01");
        });

        form.ShouldFailWith(("client.dateOfBirth", "must not be after receivedAt (2026-01-05)"));
    }
}
