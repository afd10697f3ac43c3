using IptTriage.Triage.Decisions;
using IptTriage.Triage.Policy;
using IptTriage.Triage.Scoring;
using IptTriage.Triage.Tests.Intake.Support;

namespace IptTriage.Triage.Tests.Scoring;

public sealed class AgeTests
{
    [Theory]
    [InlineData("2014-11-02", "2026-11-02T00:00:00Z", 12)]
    [InlineData("2014-11-02", "2026-11-01T23:59:59Z", 11)]
    [InlineData("1961-11-02", "2026-11-02T10:15:00Z", 65)]
    [InlineData("1961-11-02", "2026-11-01T10:15:00Z", 64)]
    [InlineData("2008-11-02", "2026-11-02T10:15:00Z", 18)]
    [InlineData("2008-11-02", "2026-11-01T10:15:00Z", 17)]
    [InlineData("2000-12-31", "2026-01-01T00:00:00Z", 25)]
    public void Whole_years_completed_on_the_date_received(string dateOfBirth, string receivedAt, int years)
    {
        Age.YearsOn(DateOnly.Parse(dateOfBirth), DateOnly.Parse(receivedAt[..10])).Should().Be(years);
    }

    [Theory]
    [InlineData("2027-02-28T12:00:00Z", 18)]
    [InlineData("2027-03-01T00:00:00Z", 19)]
    [InlineData("2028-02-28T12:00:00Z", 19)]
    [InlineData("2028-02-29T00:00:00Z", 20)]
    public void Born_on_29_February_turns_older_on_1_March_in_non_leap_years(string receivedAt, int years)
    {
        Age.YearsOn(new DateOnly(2008, 2, 29), DateOnly.Parse(receivedAt[..10])).Should().Be(years);
    }

    [Theory]
    // 23:30 on the 1st in New York is already the 2nd in UTC: the form's own offset decides.
    [InlineData("2026-11-01T23:30:00-05:00", true)]
    // 00:30 on the 2nd in Auckland is still the 1st in UTC.
    [InlineData("2026-11-02T00:30:00+13:00", false)]
    // Offsets beyond DateTimeOffset's ±14:00 are valid RFC 3339; the date as written still decides.
    [InlineData("2026-11-02T00:30:00+23:00", false)]
    [InlineData("2026-11-01T23:30:00-23:59", true)]
    public void The_date_is_taken_in_the_offset_receivedAt_is_written_in(string receivedAt, bool underTwelve)
    {
        var form = SampleForms.With("ipt-grief.json", json =>
        {
            json.SetAt("receivedAt", receivedAt);
            json.SetAt("client.dateOfBirth", "2014-11-02");
        });

        var decision = Screening.Screen(form, "age-test", PolicyFile.LoadDefault());

        decision.Exclusions.Contains("under-age").Should().Be(underTwelve, decision.Errors.FirstOrDefault()?.Message ?? "");
    }
}
