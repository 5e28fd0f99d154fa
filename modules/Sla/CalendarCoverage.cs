namespace Complaints.Sla;

/// <summary>
/// Which years the calendar knows officially, and what follows when it does not. A year without an official
/// schedule counts weekends only (so a holiday there is counted as a working day): a deadline that counts working
/// days in such a year is an estimate, marked provisional, until an administrator loads the year.
/// </summary>
public static class CalendarCoverage
{
    /// <summary>
    /// The month (November) from whose first day next year's schedule is expected to be loaded: the State Council
    /// publishes it in late October or November, and deadlines start reaching into the new year in December.
    /// </summary>
    public const int NextYearExpectedFromMonth = 11;

    /// <summary>
    /// The years the platform needs on <paramref name="today"/> (a China date) but has no official schedule for:
    /// the current year always, and from 1 November the next year too. Empty when nothing is missing.
    /// </summary>
    public static IReadOnlyList<int> MissingYears(WorkingDayCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var needed = today.Month >= NextYearExpectedFromMonth ? new[] { today.Year, today.Year + 1 } : [today.Year];
        return [.. needed.Where(year => !calendar.IsOfficial(year))];
    }

    /// <summary>True when <paramref name="date"/> lies in a year without an official schedule (weekends only).</summary>
    public static bool IsProvisional(WorkingDayCalendar calendar, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return !calendar.IsOfficial(date.Year);
    }

    /// <summary>
    /// True when a deadline from <paramref name="start"/> to <paramref name="dueAt"/> counted a date in a year without
    /// an official schedule: any date from the day after the start's date to the date of the last moment before the
    /// due time (a due time of 00:00 closes the day before, which is the last day counted).
    /// </summary>
    public static bool IsProvisional(WorkingDayCalendar calendar, DateTimeOffset start, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var first = ChinaTime.DateOf(start).AddDays(1);
        var last = ChinaTime.DateOf(dueAt.AddTicks(-1));
        for (var year = first.Year; year <= last.Year; year++)
        {
            if (!calendar.IsOfficial(year))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the deadline <paramref name="dueAt"/> of <paramref name="duration"/> from <paramref name="start"/>
    /// (<see cref="Deadlines.DueAt"/>) depends on a year without an official schedule. Wall-clock durations
    /// (minutes, hours, days) never do: they do not ask the calendar.
    /// </summary>
    public static bool IsProvisional(WorkingDayCalendar calendar, DateTimeOffset start, SlaDuration duration, DateTimeOffset dueAt) =>
        !duration.IsWallClock && IsProvisional(calendar, start, dueAt);
}
