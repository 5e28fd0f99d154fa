using static Complaints.Sla.Tests.TestTime;

namespace Complaints.Sla.Tests;

public sealed class CalendarTests
{
    // The State Council notices, restated here independently of the assembly's table.
    private static readonly (string From, string To, string Name)[] OffDays =
    [
        ("2024-01-01", "2024-01-01", "元旦"), ("2024-02-10", "2024-02-17", "春节"), ("2024-04-04", "2024-04-06", "清明节"),
        ("2024-05-01", "2024-05-05", "劳动节"), ("2024-06-10", "2024-06-10", "端午节"), ("2024-09-15", "2024-09-17", "中秋节"),
        ("2024-10-01", "2024-10-07", "国庆节"),
        ("2025-01-01", "2025-01-01", "元旦"), ("2025-01-28", "2025-02-04", "春节"), ("2025-04-04", "2025-04-06", "清明节"),
        ("2025-05-01", "2025-05-05", "劳动节"), ("2025-05-31", "2025-06-02", "端午节"), ("2025-10-01", "2025-10-08", "国庆节、中秋节"),
        ("2026-01-01", "2026-01-03", "元旦"), ("2026-02-15", "2026-02-23", "春节"), ("2026-04-04", "2026-04-06", "清明节"),
        ("2026-05-01", "2026-05-05", "劳动节"), ("2026-06-19", "2026-06-21", "端午节"), ("2026-09-25", "2026-09-27", "中秋节"),
        ("2026-10-01", "2026-10-07", "国庆节"),
    ];

    private static readonly string[] MakeUpDays =
    [
        "2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12",
        "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
    ];

    private readonly WorkingDayCalendar _calendar = new();

    public static TheoryData<string, string> EveryOffDay()
    {
        var data = new TheoryData<string, string>();
        foreach (var (from, to, name) in OffDays)
        {
            foreach (var day in Range(from, to))
            {
                data.Add(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), name);
            }
        }

        return data;
    }

    public static TheoryData<string> EveryMakeUpDay() => [.. MakeUpDays];

    [Theory]
    [MemberData(nameof(EveryOffDay))]
    public void Every_official_holiday_is_a_day_off_noted_with_its_name(string date, string name)
    {
        var day = _calendar.Day(D(date));

        day.Workday.ShouldBeFalse();
        day.Note.ShouldBe(name);
        _calendar.IsWorkday(D(date)).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(EveryMakeUpDay))]
    public void Every_make_up_day_is_a_working_weekend_day(string date)
    {
        D(date).DayOfWeek.ShouldBeOneOf(DayOfWeek.Saturday, DayOfWeek.Sunday);
        _calendar.IsWorkday(D(date)).ShouldBeTrue();
        _calendar.Day(D(date)).Note.ShouldBe("make-up workday");
    }

    [Fact]
    public void Built_in_years_contain_nothing_beyond_the_notices()
    {
        var expected = OffDays.SelectMany(o => Range(o.From, o.To)).Concat(MakeUpDays.Select(D)).Order().ToList();

        BuiltInHolidaySchedule.Days.Select(d => d.Date).ShouldBe(expected);
        _calendar.LoadedYears.ShouldBe([2024, 2025, 2026]);
    }

    [Theory]
    [InlineData("2026-03-07", false, "weekend")] // Saturday
    [InlineData("2026-03-08", false, "weekend")] // Sunday
    [InlineData("2026-03-09", true, null)] // Monday
    [InlineData("2026-03-13", true, null)] // Friday
    [InlineData("2025-12-31", true, null)] // Wednesday before New Year
    [InlineData("2024-12-28", false, "weekend")] // an ordinary Saturday of 2024
    public void Days_not_listed_follow_the_weekend_rule(string date, bool workday, string? note)
    {
        var day = _calendar.Day(D(date));

        day.ShouldBe(new CalendarDay(D(date), workday, note));
    }

    [Fact]
    public void A_year_never_loaded_is_weekends_only()
    {
        _calendar.IsOfficial(2027).ShouldBeFalse();
        _calendar.IsOfficial(2026).ShouldBeTrue();
        _calendar.IsWorkday(D("2027-01-01")).ShouldBeTrue(); // a Friday; the 2027 notice is not loaded
        _calendar.IsWorkday(D("2027-01-02")).ShouldBeFalse();
    }

    [Fact]
    public void Days_lists_one_entry_per_date_with_its_note()
    {
        var days = _calendar.Days(D("2026-01-01"), D("2026-01-05"));

        days.ShouldBe(
        [
            new CalendarDay(D("2026-01-01"), false, "元旦"),
            new CalendarDay(D("2026-01-02"), false, "元旦"),
            new CalendarDay(D("2026-01-03"), false, "元旦"),
            new CalendarDay(D("2026-01-04"), true, "make-up workday"),
            new CalendarDay(D("2026-01-05"), true, null),
        ]);
        _calendar.Days(D("2026-01-01"), D("2026-12-31")).Count.ShouldBe(365);
        _calendar.Days(D("2026-06-01"), D("2026-06-01")).Count.ShouldBe(1);
    }

    [Fact]
    public void Days_refuses_a_range_that_ends_before_it_starts()
    {
        Should.Throw<ArgumentException>(() => _calendar.Days(D("2026-01-05"), D("2026-01-01")));
    }

    [Fact]
    public void Loading_the_next_years_notice_changes_the_answers()
    {
        _calendar.LoadYear(2027,
        [
            new ScheduleDay("元旦", D("2027-01-01"), true),
            new ScheduleDay("春节", D("2027-02-06"), false), // a Saturday worked
        ]);

        _calendar.IsOfficial(2027).ShouldBeTrue();
        _calendar.LoadedYears.ShouldBe([2024, 2025, 2026, 2027]);
        _calendar.Day(D("2027-01-01")).ShouldBe(new CalendarDay(D("2027-01-01"), false, "元旦"));
        _calendar.IsWorkday(D("2027-02-06")).ShouldBeTrue();
        _calendar.ScheduleOf(2027).Count.ShouldBe(2);
        Deadlines.DueAt(T("2026-12-31T10:00:00+08:00"), SlaDuration.WorkingDays(1), _calendar)
            .ShouldBe(T("2027-01-05T00:00:00+08:00")); // 01-01 off, 01-02/03 weekend, 01-04 Monday
    }

    [Fact]
    public void Loading_a_year_replaces_it_whole()
    {
        _calendar.LoadYear(2026, [new ScheduleDay("国庆节", D("2026-10-01"), true)]);

        _calendar.IsWorkday(D("2026-10-01")).ShouldBeFalse();
        _calendar.IsWorkday(D("2026-10-02")).ShouldBeTrue(); // Friday: no longer a holiday
        _calendar.IsWorkday(D("2026-10-10")).ShouldBeFalse(); // Saturday: no longer a make-up day
        _calendar.Day(D("2026-02-16")).Note.ShouldBeNull(); // Monday: Spring Festival gone with the old schedule
        new WorkingDayCalendar().IsWorkday(D("2026-10-02")).ShouldBeFalse(); // the built-in table itself is untouched
    }

    [Fact]
    public void A_year_can_be_removed_and_then_is_weekends_only()
    {
        _calendar.RemoveYear(2025).ShouldBeTrue();
        _calendar.RemoveYear(2025).ShouldBeFalse();

        _calendar.IsOfficial(2025).ShouldBeFalse();
        _calendar.IsWorkday(D("2025-10-08")).ShouldBeTrue();
        WorkingDayCalendar.WeekendsOnly().LoadedYears.ShouldBeEmpty();
    }

    [Fact]
    public void A_date_outside_the_year_is_refused_naming_the_entry_and_nothing_changes()
    {
        var ex = Should.Throw<ArgumentException>(() => _calendar.LoadYear(2026,
        [
            new ScheduleDay("元旦", D("2026-01-01"), true),
            new ScheduleDay("元旦", D("2025-12-31"), true),
        ]));

        ex.Message.ShouldContain("2025-12-31");
        ex.Message.ShouldContain("2026");
        _calendar.IsWorkday(D("2026-10-01")).ShouldBeFalse(); // the 2026 schedule is still the built-in one
    }

    [Fact]
    public void A_repeated_date_or_a_nameless_entry_is_refused()
    {
        Should.Throw<ArgumentException>(() => _calendar.LoadYear(2027,
        [
            new ScheduleDay("元旦", D("2027-01-01"), true),
            new ScheduleDay("元旦", D("2027-01-01"), false),
        ])).Message.ShouldContain("2027-01-01");
        Should.Throw<ArgumentException>(() => _calendar.LoadYear(2027, [new ScheduleDay(" ", D("2027-01-01"), true)]));
        _calendar.IsOfficial(2027).ShouldBeFalse();
    }

    [Fact]
    public async Task Readers_see_a_whole_year_while_it_is_being_replaced()
    {
        var holiday = new[] { new ScheduleDay("国庆节", D("2026-10-01"), true), new ScheduleDay("国庆节", D("2026-10-02"), true) };
        var none = Array.Empty<ScheduleDay>();
        var cancellation = TestContext.Current.CancellationToken;

        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                _calendar.LoadYear(2026, i % 2 == 0 ? holiday : none);
            }
        }, cancellation);
        var torn = 0;
        while (!writer.IsCompleted)
        {
            var days = _calendar.Days(D("2026-10-01"), D("2026-10-02"));
            if (days[0].Workday != days[1].Workday)
            {
                torn++;
            }
        }

        await writer;
        torn.ShouldBe(0);
    }
}
