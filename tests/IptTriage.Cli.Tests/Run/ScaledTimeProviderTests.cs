using IptTriage.Cli.Commands.Run;

namespace IptTriage.Cli.Tests.Run;

public sealed class ScaledTimeProviderTests
{
    [Fact]
    public async Task A_simulated_hour_passes_by_the_clock_before_a_one_hour_delay_on_it_completes()
    {
        var clock = new ScaledTimeProvider(ReferralRun.SimulatedSecondsPerSecond);
        var (start, startTimestamp) = (clock.GetUtcNow(), clock.GetTimestamp());

        // The guard only stops a hang: an hour at 3600x is a second of real time.
        await Task.Delay(TimeSpan.FromHours(1), clock).WaitAsync(TimeSpan.FromMinutes(1));

        // Real timers have millisecond ticks: at 3600x one tick is 3.6 simulated seconds.
        var anHourLessATick = TimeSpan.FromHours(1) - TimeSpan.FromSeconds(10);
        (clock.GetUtcNow() - start).Should().BeGreaterThanOrEqualTo(anHourLessATick);
        clock.GetElapsedTime(startTimestamp).Should().BeGreaterThanOrEqualTo(anHourLessATick);
    }

    [Fact]
    public void Skipping_ahead_moves_the_time_and_the_timestamps_together_and_never_back()
    {
        var clock = new ScaledTimeProvider(ReferralRun.SimulatedSecondsPerSecond);
        var (start, startTimestamp) = (clock.GetUtcNow(), clock.GetTimestamp());

        clock.SkipAhead(TimeSpan.FromDays(84));

        // Real time passes too while this runs: at 3600x a few milliseconds are a few simulated seconds.
        (clock.GetUtcNow() - start).Should().BeGreaterThanOrEqualTo(TimeSpan.FromDays(84)).And.BeLessThan(TimeSpan.FromDays(84) + TimeSpan.FromHours(1));
        clock.GetElapsedTime(startTimestamp).Should().BeGreaterThanOrEqualTo(TimeSpan.FromDays(84)).And.BeLessThan(TimeSpan.FromDays(84) + TimeSpan.FromHours(1));
        FluentActions.Invoking(() => clock.SkipAhead(TimeSpan.FromSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_clock_slower_than_real_time_is_refused()
    {
        FluentActions.Invoking(() => new ScaledTimeProvider(0.5)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
