namespace Complaints.Grains;

/// <summary>
/// The reminder service's clock (and the cases' own): the host's clock rounded up to a whole millisecond. Orleans waits
/// for each reminder's tick in a loop — <c>DelayUntilAsync</c>: read this clock, <c>Task.Delay</c> what is left, again —
/// and <c>Task.Delay</c> truncates to whole milliseconds, so with 0.6 ms left it returns at once and the loop spins on
/// the clock until the tick has passed. At 1,700 ticks a second (a deadline storm) that spinning took an eighth of the
/// host's CPU (docs/benchmarks.md). With this clock and every reminder armed for a whole millisecond
/// (<see cref="WholeMilliseconds"/>), what is left is always whole, and a tick costs one timer. Rounded up, not down, so
/// that a time read here is never earlier than one read a moment before from the host's own clock.
/// </summary>
public sealed class ReminderClock(TimeProvider clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = clock.GetUtcNow();
        var part = now.UtcTicks % TimeSpan.TicksPerMillisecond;
        return part == 0 ? now : now.AddTicks(TimeSpan.TicksPerMillisecond - part);
    }

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        clock.CreateTimer(callback, state, dueTime, period);

    /// <summary>A span rounded up to a whole millisecond.</summary>
    public static TimeSpan WholeMilliseconds(TimeSpan span)
    {
        var part = span.Ticks % TimeSpan.TicksPerMillisecond;
        return part > 0 ? span + TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond - part) : span - TimeSpan.FromTicks(part);
    }
}
