using System.Globalization;
using Complaints.Sla;
using Complaints.Tenants;

namespace Complaints.Reports;

/// <summary>A period a snapshot reports on: China dates, both included.</summary>
public sealed record ReportPeriod(SnapshotKind Kind, DateOnly From, DateOnly To)
{
    /// <summary>The snapshot's name in its tenant: <c>daily-2026-11-29</c>, <c>monthly-2026-11</c>, <c>quarterly-2026-q4</c>.</summary>
    public string Id => Kind switch
    {
        SnapshotKind.Daily => "daily-" + From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SnapshotKind.Monthly => "monthly-" + From.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"quarterly-{From.Year}-q{((From.Month - 1) / 3) + 1}"),
    };

    public static ReportPeriod Day(DateOnly day) => new(SnapshotKind.Daily, day, day);

    public static ReportPeriod Month(int year, int month) =>
        new(SnapshotKind.Monthly, new DateOnly(year, month, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));

    /// <summary>The quarter that holds <paramref name="month"/>.</summary>
    public static ReportPeriod Quarter(int year, int month)
    {
        var first = (((month - 1) / 3) * 3) + 1;
        return new(SnapshotKind.Quarterly, new DateOnly(year, first, 1), new DateOnly(year, first + 2, DateTime.DaysInMonth(year, first + 2)));
    }
}

/// <summary>
/// A tenant's schedule: the time of day its reports are produced (<c>Tenants:{tenant}:Reports:DailyAt</c>, China time,
/// <see cref="DefaultDailyAt"/> unless set) and the China day its schedule started (kept in the store).
/// </summary>
public sealed record TenantReportSchedule(TimeOnly DailyAt, DateOnly StartedOn)
{
    /// <summary>08:30: the morning meeting's lists are ready when the office opens.</summary>
    public static readonly TimeOnly DefaultDailyAt = new(8, 30);

    public const string DailyAtSetting = "Reports:DailyAt";

    /// <summary>The tenant's <c>Reports:DailyAt</c> (<c>HH:mm</c>); a value that is not a time of day stops the start, naming the setting.</summary>
    public static TimeOnly DailyAtOf(Tenant tenant)
    {
        var value = tenant.Configuration[DailyAtSetting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultDailyAt;
        }

        return TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : throw new InvalidOperationException($"Tenants:{tenant.Id}:{DailyAtSetting} is '{value}', not a time of day (HH:mm, China time).");
    }
}

/// <summary>
/// What snapshots are due (docs/reports.md, "Scheduled snapshots"), pure: the daily lists of a day at the tenant's time
/// on the next day (every calendar day: the hotline works weekends too); a month's and a quarter's report at that time on
/// the first working day after the period (the clocks' calendar: holidays and make-up workdays). A period is due only if
/// that day is on or after the day the schedule started — a new installation produces no months or years gone by, at
/// most yesterday's daily lists — and only if it is not produced already. Oldest first.
/// </summary>
public static class ReportSchedule
{
    public static IReadOnlyList<ReportPeriod> Due(DateTimeOffset now, TenantReportSchedule schedule, IWorkingDayCalendar calendar, IReadOnlySet<string> produced)
    {
        var today = ChinaTime.DateOf(now);
        var candidates = new List<ReportPeriod>();
        for (var day = schedule.StartedOn.AddDays(-1); day < today; day = day.AddDays(1))
        {
            candidates.Add(ReportPeriod.Day(day));
        }

        // A period's report falls due some days after its end (a holiday at most weeks): starting two periods before the
        // schedule's start covers every period that can fall due on or after it.
        var month = new DateOnly(schedule.StartedOn.Year, schedule.StartedOn.Month, 1).AddMonths(-2);
        for (; month.AddMonths(1) <= today; month = month.AddMonths(1))
        {
            candidates.Add(ReportPeriod.Month(month.Year, month.Month));
            if (month.Month % 3 == 0)
            {
                candidates.Add(ReportPeriod.Quarter(month.Year, month.Month));
            }
        }

        return
        [
            .. candidates
                .Select(period => (period, day: DueDay(period, calendar)))
                .Where(c => c.day >= schedule.StartedOn && ChinaTime.At(c.day, schedule.DailyAt) <= now && !produced.Contains(c.period.Id))
                .OrderBy(c => c.day)
                .ThenBy(c => c.period.Kind)
                .Select(c => c.period),
        ];
    }

    /// <summary>When <paramref name="period"/>'s snapshot falls due with the tenant's time of day.</summary>
    public static DateTimeOffset DueAt(ReportPeriod period, TimeOnly dailyAt, IWorkingDayCalendar calendar) => ChinaTime.At(DueDay(period, calendar), dailyAt);

    /// <summary>The next day for the daily lists; the first working day after the period for a month or a quarter.</summary>
    public static DateOnly DueDay(ReportPeriod period, IWorkingDayCalendar calendar)
    {
        var day = period.To.AddDays(1);
        if (period.Kind == SnapshotKind.Daily)
        {
            return day;
        }

        // Even a year never loaded has Mondays to Fridays: the loop ends within a week past the longest holiday.
        while (!calendar.IsWorkday(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
