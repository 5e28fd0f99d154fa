using System.Collections.Frozen;

namespace Complaints.Sla;

/// <summary>
/// The working-day calendar of the mainland Chinese administration: Monday–Friday are working days and
/// Saturday–Sunday are not, except where a year's official schedule says otherwise (public holidays and
/// make-up workdays, 调休). The schedule of a new year is published each November, so an administrator
/// replaces a whole year at run time with <see cref="LoadYear"/>; years never loaded fall back to weekends only.
/// </summary>
/// <remarks>
/// Thread-safe: readers work on an immutable snapshot; <see cref="LoadYear"/> and <see cref="RemoveYear"/>
/// build a new snapshot and publish it atomically, so a reader sees either the old or the new year, never half.
/// </remarks>
public sealed class WorkingDayCalendar : IWorkingDayCalendar
{
    private readonly Lock _writeLock = new();
    private volatile FrozenDictionary<int, YearSchedule> _years;

    /// <summary>A calendar with the built-in official schedules (<see cref="BuiltInHolidaySchedule"/>).</summary>
    public WorkingDayCalendar()
    {
        _years = BuiltInHolidaySchedule.Days
            .GroupBy(d => d.Date.Year)
            .ToFrozenDictionary(g => g.Key, g => YearSchedule.Create(g.Key, g));
    }

    private WorkingDayCalendar(FrozenDictionary<int, YearSchedule> years) => _years = years;

    /// <summary>A calendar that knows no official year: every year is weekends only until one is loaded.</summary>
    public static WorkingDayCalendar WeekendsOnly() => new(FrozenDictionary<int, YearSchedule>.Empty);

    /// <summary>The years with an official schedule, ascending; every other year is weekends only.</summary>
    public IReadOnlyList<int> LoadedYears => [.. _years.Keys.Order()];

    /// <summary>True when <paramref name="year"/> follows an official schedule, false when it is weekends only.</summary>
    public bool IsOfficial(int year) => _years.ContainsKey(year);

    /// <summary>The official schedule loaded for <paramref name="year"/>, in date order; empty when weekends only.</summary>
    public IReadOnlyList<ScheduleDay> ScheduleOf(int year) =>
        _years.TryGetValue(year, out var schedule) ? schedule.Days : [];

    /// <summary>
    /// Replaces the whole official schedule of <paramref name="year"/> (days off and make-up workdays).
    /// Dates not listed follow the weekend rule. An empty list makes the year official with no holidays.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An entry is dated outside <paramref name="year"/>, has no name, or repeats a date already listed.
    /// </exception>
    public void LoadYear(int year, IEnumerable<ScheduleDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, DateOnly.MinValue.Year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);

        var schedule = YearSchedule.Create(year, days);
        lock (_writeLock)
        {
            var next = new Dictionary<int, YearSchedule>(_years) { [year] = schedule };
            _years = next.ToFrozenDictionary();
        }
    }

    /// <summary>Forgets the official schedule of <paramref name="year"/>; it becomes weekends only.</summary>
    /// <returns>True when the year had been loaded.</returns>
    public bool RemoveYear(int year)
    {
        lock (_writeLock)
        {
            if (!_years.ContainsKey(year))
            {
                return false;
            }

            _years = _years.Where(kv => kv.Key != year).ToFrozenDictionary();
            return true;
        }
    }

    /// <inheritdoc />
    public bool IsWorkday(DateOnly date) => Describe(_years, date).Workday;

    /// <summary>How the calendar sees <paramref name="date"/>: working day or not, and why.</summary>
    public CalendarDay Day(DateOnly date) => Describe(_years, date);

    /// <summary>One entry per date from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public IReadOnlyList<CalendarDay> Days(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        var years = _years; // one snapshot for the whole range
        var days = new List<CalendarDay>(to.DayNumber - from.DayNumber + 1);
        for (var date = from; ; date = date.AddDays(1))
        {
            days.Add(Describe(years, date));
            if (date == to)
            {
                break;
            }
        }

        return days;
    }

    private static CalendarDay Describe(FrozenDictionary<int, YearSchedule> years, DateOnly date)
    {
        if (years.TryGetValue(date.Year, out var schedule) && schedule.ByDate.TryGetValue(date, out var special))
        {
            return special.IsOffDay
                ? new CalendarDay(date, false, special.Name)
                : new CalendarDay(date, true, CalendarNotes.MakeUpWorkday);
        }

        return date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
            ? new CalendarDay(date, false, CalendarNotes.Weekend)
            : new CalendarDay(date, true, null);
    }

    private sealed record YearSchedule(IReadOnlyList<ScheduleDay> Days, FrozenDictionary<DateOnly, ScheduleDay> ByDate)
    {
        public static YearSchedule Create(int year, IEnumerable<ScheduleDay> days)
        {
            var byDate = new Dictionary<DateOnly, ScheduleDay>();
            var index = 0;
            foreach (var day in days)
            {
                if (day is null)
                {
                    throw new ArgumentException($"Entry {index} of year {year} is null.", nameof(days));
                }

                if (day.Date.Year != year)
                {
                    throw new ArgumentException(
                        $"Entry {index} ({Show(day)}) is not in year {year}.", nameof(days));
                }

                if (string.IsNullOrWhiteSpace(day.Name))
                {
                    throw new ArgumentException($"Entry {index} ({Show(day)}) has no name.", nameof(days));
                }

                if (!byDate.TryAdd(day.Date, day))
                {
                    throw new ArgumentException(
                        $"Entry {index} ({Show(day)}) repeats the date of {Show(byDate[day.Date])}.", nameof(days));
                }

                index++;
            }

            var ordered = byDate.Values.OrderBy(d => d.Date).ToArray();
            return new YearSchedule(ordered, byDate.ToFrozenDictionary());
        }

        private static string Show(ScheduleDay day) =>
            $"{day.Date:yyyy-MM-dd} {day.Name} {(day.IsOffDay ? "off" : "make-up workday")}";
    }
}
