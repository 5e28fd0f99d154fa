using Complaints.Grains;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Grains.Tests;

/// <summary>
/// The reminder clock reads whole milliseconds, rounded up: Orleans' wait for a reminder's tick spins on the clock for
/// whatever part of a millisecond is left (Task.Delay truncates it to none), so ticks and the clock share one grid.
/// </summary>
public sealed class ReminderClockTests
{
    private static readonly DateTimeOffset Instant = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 10_000)]
    [InlineData(6_000, 10_000)] // 0.6 ms → 1 ms
    [InlineData(10_000, 10_000)]
    [InlineData(15_001, 20_000)]
    public void It_reads_the_hosts_clock_rounded_up_to_a_whole_millisecond(long pastTicks, long readTicks)
    {
        var host = new FakeTimeProvider(Instant + TimeSpan.FromTicks(pastTicks));

        var read = new ReminderClock(host).GetUtcNow();

        Assert.Equal(Instant + TimeSpan.FromTicks(readTicks), read);
        Assert.True(read >= host.GetUtcNow()); // never earlier than the host's own clock
    }

    [Theory]
    [InlineData(6_000, 10_000)]
    [InlineData(10_000, 10_000)]
    [InlineData(-6_000, 0)]
    [InlineData(0, 0)]
    public void A_reminder_is_armed_for_whole_milliseconds_never_before_its_wake_up(long askedTicks, long armedTicks) =>
        Assert.Equal(TimeSpan.FromTicks(armedTicks), ReminderClock.WholeMilliseconds(TimeSpan.FromTicks(askedTicks)));

    [Fact]
    public async Task Its_timers_run_on_the_hosts_clock()
    {
        var host = new FakeTimeProvider(Instant);
        var delay = Task.Delay(TimeSpan.FromSeconds(5), new ReminderClock(host));

        host.Advance(TimeSpan.FromSeconds(4));
        Assert.False(delay.IsCompleted);
        host.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
