namespace Complaints.Sla;

/// <summary>
/// China Standard Time as a fixed UTC+08:00 offset. China has no daylight saving time, so a fixed
/// offset is exact and keeps the arithmetic independent of the host's time-zone database.
/// </summary>
public static class ChinaTime
{
    /// <summary>The offset every deadline is expressed in: +08:00.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The same instant expressed with the +08:00 offset.</summary>
    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The local (China) calendar date on which <paramref name="instant"/> falls.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToChina(instant).DateTime);

    /// <summary>00:00 (+08:00) at the start of <paramref name="date"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary><paramref name="time"/> on <paramref name="date"/>, +08:00.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), Offset);

    /// <summary>The current instant from <paramref name="timeProvider"/>, expressed with +08:00.</summary>
    public static DateTimeOffset Now(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return ToChina(timeProvider.GetUtcNow());
    }

    /// <summary>Today's date in China according to <paramref name="timeProvider"/>.</summary>
    public static DateOnly Today(TimeProvider timeProvider) => DateOf(Now(timeProvider));
}
