using Complaints.Reports;
using Complaints.Sla;
using Complaints.Tenants;
using Microsoft.Extensions.Configuration;

namespace Complaints.Api.Tests;

/// <summary>
/// The pure schedule decision (<see cref="ReportSchedule.Due"/>) on the built-in 2026 calendar: the daily lists at the
/// tenant's time for the day before, a month's and a quarter's report on the first working day after them (holidays and
/// make-up workdays as the State Council's schedule has them), nothing before the schedule started, nothing twice.
/// </summary>
public sealed class ReportScheduleTests
{
    private static readonly WorkingDayCalendar Calendar = new();
    private static readonly TimeOnly HalfPastEight = new(8, 30);

    private static DateTimeOffset China(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    private static TenantReportSchedule Since(int year, int month, int day) => new(HalfPastEight, new DateOnly(year, month, day));

    /// <summary>Every daily list from <paramref name="first"/> to <paramref name="last"/>: taken as produced, to look at the other kinds.</summary>
    private static HashSet<string> Dailies(DateOnly first, DateOnly last)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            ids.Add(ReportPeriod.Day(day).Id);
        }

        return ids;
    }

    private static string[] Due(DateTimeOffset now, TenantReportSchedule schedule, IReadOnlySet<string>? produced = null) =>
        [.. ReportSchedule.Due(now, schedule, Calendar, produced ?? new HashSet<string>()).Select(p => p.Id)];

    [Fact]
    public void September_and_the_third_quarter_fall_due_on_8_October_after_the_National_Day_holiday()
    {
        // 2026-10-01..10-07 are the National Day holiday (国庆节); Thursday 10-08 is the first working day after September.
        // Started on 9-02, after August's report fell due (Tuesday 9-01): that one is not made.
        var schedule = Since(2026, 9, 2);
        var dailies = Dailies(new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 7));

        Due(China(2026, 10, 7, 23, 59), schedule, dailies).ShouldBeEmpty();
        Due(China(2026, 10, 8, 8, 29), schedule, dailies).ShouldBeEmpty();
        Due(China(2026, 10, 8, 8, 30), schedule, dailies).ShouldBe(["monthly-2026-09", "quarterly-2026-q3"]);
        ReportSchedule.DueAt(ReportPeriod.Quarter(2026, 8), HalfPastEight, Calendar).ShouldBe(China(2026, 10, 8, 8, 30));
    }

    [Fact]
    public void December_and_the_fourth_quarter_of_2025_fall_due_on_the_make_up_Sunday_4_January_2026()
    {
        // 2026-01-01..01-03 are New Year's holiday; Sunday 01-04 is a make-up working day (调休).
        var schedule = Since(2025, 12, 2);
        var dailies = Dailies(new DateOnly(2025, 12, 1), new DateOnly(2026, 1, 3));

        Due(China(2026, 1, 3, 23, 0), schedule, dailies).ShouldBeEmpty();
        Due(China(2026, 1, 4, 8, 29), schedule, dailies).ShouldBeEmpty();
        Due(China(2026, 1, 4, 8, 30), schedule, dailies).ShouldBe(["monthly-2025-12", "quarterly-2025-q4"]);
    }

    [Fact]
    public void April_falls_due_on_6_May_after_the_Labour_Day_holiday_and_May_on_1_June()
    {
        var schedule = Since(2026, 4, 2);
        ReportSchedule.DueAt(ReportPeriod.Month(2026, 4), HalfPastEight, Calendar).ShouldBe(China(2026, 5, 6, 8, 30));
        ReportSchedule.DueAt(ReportPeriod.Month(2026, 5), HalfPastEight, Calendar).ShouldBe(China(2026, 6, 1, 8, 30));
        Due(China(2026, 5, 5, 12, 0), schedule, Dailies(new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 4))).ShouldBeEmpty();
    }

    [Fact]
    public void A_new_installation_produces_yesterdays_lists_at_once_and_no_month_or_day_gone_by()
    {
        // Started Monday 2026-11-30 at 10:00: October's report fell due on 11-02, the lists of 11-28 on 11-29: not made.
        var schedule = Since(2026, 11, 30);

        Due(China(2026, 11, 30, 10, 0), schedule).ShouldBe(["daily-2026-11-29"]);
        Due(China(2026, 12, 1, 8, 29), schedule, new HashSet<string> { "daily-2026-11-29" }).ShouldBeEmpty();
        Due(China(2026, 12, 1, 8, 30), schedule, new HashSet<string> { "daily-2026-11-29" }).ShouldBe(["daily-2026-11-30", "monthly-2026-11"]);
    }

    [Fact]
    public void The_daily_lists_follow_the_tenants_time_of_day_and_nothing_is_produced_twice()
    {
        var schedule = new TenantReportSchedule(new TimeOnly(17, 30), new DateOnly(2026, 11, 2));
        var produced = Dailies(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 8));

        // Started on 11-02, the day October's report fell due (Monday, 17:30): that one is made.
        Due(China(2026, 11, 2, 17, 30), schedule, produced).ShouldBe(["monthly-2026-10"]);
        produced.Add("monthly-2026-10");
        Due(China(2026, 11, 10, 17, 29), schedule, produced).ShouldBeEmpty();
        Due(China(2026, 11, 10, 17, 30), schedule, produced).ShouldBe(["daily-2026-11-09"]);
        produced.Add("daily-2026-11-09");
        Due(China(2026, 11, 10, 17, 30), schedule, produced).ShouldBeEmpty();
        Due(China(2026, 11, 10, 23, 59), schedule, produced).ShouldBeEmpty();
    }

    [Fact]
    public void After_days_down_the_missing_lists_are_produced_oldest_first()
    {
        var schedule = Since(2026, 11, 25);
        var produced = Dailies(new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 26));

        Due(China(2026, 11, 30, 9, 0), schedule, produced).ShouldBe(["daily-2026-11-27", "daily-2026-11-28", "daily-2026-11-29"]);
    }

    [Fact]
    public void A_period_is_named_by_its_kind_and_first_day()
    {
        ReportPeriod.Day(new DateOnly(2026, 11, 29)).Id.ShouldBe("daily-2026-11-29");
        ReportPeriod.Month(2026, 2).ShouldBe(new ReportPeriod(SnapshotKind.Monthly, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)));
        ReportPeriod.Month(2026, 2).Id.ShouldBe("monthly-2026-02");
        ReportPeriod.Quarter(2026, 11).ShouldBe(new ReportPeriod(SnapshotKind.Quarterly, new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)));
        ReportPeriod.Quarter(2026, 11).Id.ShouldBe("quarterly-2026-q4");
    }

    [Fact]
    public void The_tenants_time_of_day_is_08_30_unless_set_and_a_bad_one_names_the_setting()
    {
        var tenants = new TenantDirectory(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tenants:a:NumberPrefix"] = "A",
            ["Tenants:a:Departments:d:Name"] = "部门",
            ["Tenants:b:NumberPrefix"] = "B",
            ["Tenants:b:Departments:d:Name"] = "部门",
            ["Tenants:b:Reports:DailyAt"] = "07:15",
            ["Tenants:c:NumberPrefix"] = "C",
            ["Tenants:c:Departments:d:Name"] = "部门",
            ["Tenants:c:Reports:DailyAt"] = "早上",
        }).Build());

        TenantReportSchedule.DailyAtOf(tenants.Find("a")!).ShouldBe(new TimeOnly(8, 30));
        TenantReportSchedule.DailyAtOf(tenants.Find("b")!).ShouldBe(new TimeOnly(7, 15));
        Should.Throw<InvalidOperationException>(() => TenantReportSchedule.DailyAtOf(tenants.Find("c")!)).Message.ShouldContain("Tenants:c:Reports:DailyAt");
    }
}
