using Orleans.Runtime;

namespace Complaints.Grains.Tests;

/// <summary>The reminder-lag figure: how long after its due time a tick reached the case.</summary>
public sealed class ReminderLagTests
{
    private static readonly DateTime First = new(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void The_first_tick_is_late_by_the_time_since_its_due_time()
    {
        var status = new TickStatus(First, Minute, First.AddMilliseconds(40));
        GrainsMetrics.LagOf(status, new DateTimeOffset(First.AddMilliseconds(250))).ShouldBe(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public void A_later_tick_is_measured_from_its_own_period_not_from_the_first()
    {
        // The third tick was due at 08:02:00; it was dispatched at 08:02:03 and reached the case at 08:02:04.
        var status = new TickStatus(First, Minute, First.AddSeconds(123));
        GrainsMetrics.LagOf(status, new DateTimeOffset(First.AddSeconds(124))).ShouldBe(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void A_tick_read_on_a_clock_behind_the_silos_is_not_late()
    {
        var status = new TickStatus(First, Minute, First);
        GrainsMetrics.LagOf(status, new DateTimeOffset(First.AddSeconds(-1))).ShouldBe(TimeSpan.Zero);
    }
}
