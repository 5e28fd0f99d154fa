namespace Complaints.Sla;

/// <summary>
/// The one deadline rule used everywhere — clocks, reports and the deadline calculator API — so that a
/// deadline shown to an agent is the deadline the clock enforces (docs/domain.md, deadline arithmetic).
/// </summary>
public static class Deadlines
{
    /// <summary>
    /// When something started at <paramref name="start"/> with <paramref name="duration"/> to do it is due,
    /// expressed with +08:00.
    /// <list type="bullet">
    /// <item><b>Minutes, hours</b>: wall-clock time is added; holidays do not matter.</item>
    /// <item><b>Days</b>: N × 24 hours are added; holidays do not matter.</item>
    /// <item><b>Working days</b>: counted from the day after the local (China) date of <paramref name="start"/>,
    /// whatever the time of day: due at the end of the N-th working day after that date — 24:00, i.e. 00:00 of
    /// the following date — or at <paramref name="workdayEnd"/> on that N-th working day when the tenant's
    /// working day ends earlier. Started 2026-09-30 16:00 with 1 working day: 10-01..10-07 are holidays, 10-08 is
    /// a working day, so due 2026-10-09T00:00+08:00.</item>
    /// </list>
    /// </summary>
    /// <param name="start">When the clock started, in any offset (it is converted to +08:00 first).</param>
    /// <param name="duration">How long; the amount must be positive.</param>
    /// <param name="calendar">Which dates are working days.</param>
    /// <param name="workdayEnd">The tenant's end of the working day; null or 00:00 mean 24:00.</param>
    /// <exception cref="ArgumentOutOfRangeException">The amount is zero or negative, or the result leaves the representable range.</exception>
    public static DateTimeOffset DueAt(
        DateTimeOffset start,
        SlaDuration duration,
        IWorkingDayCalendar calendar,
        TimeOnly? workdayEnd = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (duration.Amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration.Amount, "A duration must be positive.");
        }

        var local = ChinaTime.ToChina(start);
        if (duration.IsWallClock)
        {
            return local.Add(duration.ToTimeSpan());
        }

        var day = NthWorkdayAfter(DateOnly.FromDateTime(local.DateTime), duration.Amount, calendar);
        return workdayEnd is { } end && end != TimeOnly.MinValue
            ? ChinaTime.At(day, end)
            : ChinaTime.StartOf(day.AddDays(1));
    }

    /// <summary>The <paramref name="n"/>-th working day strictly after <paramref name="date"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is zero or negative.</exception>
    public static DateOnly NthWorkdayAfter(DateOnly date, int n, IWorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        var day = date;
        for (var counted = 0; counted < n;)
        {
            day = day.AddDays(1);
            if (calendar.IsWorkday(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>How many working days lie in (<paramref name="after"/>, <paramref name="through"/>]: after excluded, through included.</summary>
    public static int WorkdaysBetween(DateOnly after, DateOnly through, IWorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var count = 0;
        for (var day = after.AddDays(1); day <= through; day = day.AddDays(1))
        {
            if (calendar.IsWorkday(day))
            {
                count++;
            }
        }

        return count;
    }
}
