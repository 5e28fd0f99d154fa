using static Complaints.Sla.Tests.TestTime;

namespace Complaints.Sla.Tests;

public sealed class DeadlineTests
{
    private static readonly WorkingDayCalendar Calendar = new();

    private static DateTimeOffset Due(string start, string duration, TimeOnly? workdayEnd = null) =>
        Deadlines.DueAt(T(start), SlaDuration.Parse(duration), Calendar, workdayEnd);

    [Fact]
    public void The_domain_example_one_working_day_over_national_day()
    {
        var due = Due("2026-09-30T16:00:00+08:00", "1wd");

        due.ShouldBe(T("2026-10-09T00:00:00+08:00"));
        due.Offset.ShouldBe(China);
    }

    [Theory]
    [InlineData("2026-03-06T10:00:00+08:00", "1wd", "2026-03-10T00:00:00+08:00")] // Friday → Monday 03-09
    [InlineData("2026-03-06T10:00:00+08:00", "5wd", "2026-03-14T00:00:00+08:00")] // Friday → Friday 03-13
    [InlineData("2026-03-07T10:00:00+08:00", "1wd", "2026-03-10T00:00:00+08:00")] // Saturday → Monday
    [InlineData("2026-02-13T09:00:00+08:00", "1wd", "2026-02-15T00:00:00+08:00")] // Friday → make-up Saturday 02-14
    [InlineData("2026-02-14T09:00:00+08:00", "1wd", "2026-02-25T00:00:00+08:00")] // on the make-up Saturday → after Spring Festival
    [InlineData("2026-01-02T09:00:00+08:00", "1wd", "2026-01-05T00:00:00+08:00")] // holiday → make-up Sunday 01-04
    [InlineData("2025-09-26T12:00:00+08:00", "2wd", "2025-09-30T00:00:00+08:00")] // Friday → make-up Sunday 09-28, Monday 09-29
    [InlineData("2025-09-30T12:00:00+08:00", "2wd", "2025-10-11T00:00:00+08:00")] // 10-01..08 off, 10-09, 10-10
    [InlineData("2026-09-30T16:00:00+08:00", "5wd", "2026-10-14T00:00:00+08:00")] // 10-08, 09, 10 (make-up), 12, 13
    public void Working_days_count_from_the_next_day_and_end_at_midnight(string start, string duration, string due)
    {
        Due(start, duration).ShouldBe(T(due));
    }

    [Fact]
    public void The_time_of_day_of_the_start_does_not_matter()
    {
        Due("2026-03-09T23:59:59+08:00", "1wd").ShouldBe(T("2026-03-11T00:00:00+08:00"));
        Due("2026-03-09T00:00:00+08:00", "1wd").ShouldBe(T("2026-03-11T00:00:00+08:00"));
        Due("2026-03-10T00:00:00+08:00", "1wd").ShouldBe(T("2026-03-12T00:00:00+08:00"));
    }

    [Fact]
    public void A_tenant_workday_ending_at_1730_moves_the_deadline_to_that_time_on_the_nth_working_day()
    {
        var end = new TimeOnly(17, 30);

        Due("2026-09-30T16:00:00+08:00", "1wd", end).ShouldBe(T("2026-10-08T17:30:00+08:00"));
        Due("2026-03-09T18:00:00+08:00", "1wd", end).ShouldBe(T("2026-03-10T17:30:00+08:00"));
        Due("2026-03-06T08:00:00+08:00", "2wd", end).ShouldBe(T("2026-03-10T17:30:00+08:00"));
        Due("2026-03-06T08:00:00+08:00", "2wd", TimeOnly.MinValue).ShouldBe(T("2026-03-11T00:00:00+08:00")); // 00:00 means 24:00
    }

    [Fact]
    public void A_workday_end_does_not_affect_wall_clock_units()
    {
        Due("2026-03-09T17:00:00+08:00", "2h", new TimeOnly(17, 30)).ShouldBe(T("2026-03-09T19:00:00+08:00"));
    }

    [Theory]
    [InlineData("2026-09-30T16:00:00+08:00", "24h", "2026-10-01T16:00:00+08:00")]
    [InlineData("2026-09-30T23:45:00+08:00", "30m", "2026-10-01T00:15:00+08:00")]
    [InlineData("2026-09-30T16:00:00+08:00", "3d", "2026-10-03T16:00:00+08:00")]
    [InlineData("2026-02-14T10:00:00+08:00", "7d", "2026-02-21T10:00:00+08:00")]
    [InlineData("2026-05-01T08:00:00+08:00", "38h", "2026-05-02T22:00:00+08:00")]
    public void Minutes_hours_and_days_are_wall_clock_even_across_holidays(string start, string duration, string due)
    {
        Due(start, duration).ShouldBe(T(due));
    }

    [Theory]
    [InlineData("2026-09-30T08:00:00Z", "1wd", "2026-10-09T00:00:00+08:00")] // = 16:00 in China
    [InlineData("2026-03-09T16:30:00Z", "1wd", "2026-03-12T00:00:00+08:00")] // = 03-10 00:30 in China: the China date counts
    [InlineData("2026-03-09T15:59:00Z", "1wd", "2026-03-11T00:00:00+08:00")] // = 03-09 23:59 in China
    [InlineData("2026-09-30T02:00:00-06:00", "1wd", "2026-10-09T00:00:00+08:00")] // = 16:00 in China
    [InlineData("2026-09-30T08:00:00Z", "2h", "2026-09-30T18:00:00+08:00")]
    public void Inputs_in_other_offsets_give_the_same_answer_expressed_in_china_time(string start, string duration, string due)
    {
        var result = Due(start, duration);

        result.ShouldBe(T(due));
        result.Offset.ShouldBe(China);
    }

    [Fact]
    public void Zero_or_negative_amounts_are_invalid()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new SlaDuration(DurationUnit.WorkingDays, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => SlaDuration.Hours(-1));
        Should.Throw<ArgumentOutOfRangeException>(() => Deadlines.DueAt(T("2026-03-09T10:00:00+08:00"), default, Calendar));
    }

    [Fact]
    public void A_custom_calendar_can_stand_in_for_the_holiday_tables()
    {
        var everyDayWorks = new EveryDayWorks();

        Deadlines.DueAt(T("2026-09-30T16:00:00+08:00"), SlaDuration.WorkingDays(1), everyDayWorks)
            .ShouldBe(T("2026-10-02T00:00:00+08:00"));
    }

    private sealed class EveryDayWorks : IWorkingDayCalendar
    {
        public bool IsWorkday(DateOnly date) => true;
    }
}

public sealed class SlaDurationTests
{
    [Theory]
    [InlineData("30m", DurationUnit.Minutes, 30)]
    [InlineData("2h", DurationUnit.Hours, 2)]
    [InlineData("1d", DurationUnit.Days, 1)]
    [InlineData("5wd", DurationUnit.WorkingDays, 5)]
    [InlineData(" 38H ", DurationUnit.Hours, 38)]
    [InlineData("5WD", DurationUnit.WorkingDays, 5)]
    public void Compact_strings_parse_and_print_back(string text, DurationUnit unit, int amount)
    {
        var duration = SlaDuration.Parse(text);

        duration.ShouldBe(new SlaDuration(unit, amount));
        duration.ToString().ShouldBe(text.Trim().ToLowerInvariant());
        SlaDuration.Parse(duration.ToString()).ShouldBe(duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("0h")]
    [InlineData("-1h")]
    [InlineData("+1h")]
    [InlineData("1.5h")]
    [InlineData("1w")]
    [InlineData("1 h")]
    [InlineData("99999999999m")]
    [InlineData("1h30m")]
    public void Anything_else_is_refused(string text)
    {
        SlaDuration.TryParse(text, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => SlaDuration.Parse(text)).Message.ShouldContain("duration");
    }

    [Fact]
    public void Wall_clock_units_have_a_length_and_working_days_do_not()
    {
        SlaDuration.Hours(38).ToTimeSpan().ShouldBe(TimeSpan.FromHours(38));
        SlaDuration.Days(7).ToTimeSpan().ShouldBe(TimeSpan.FromDays(7));
        Should.Throw<InvalidOperationException>(() => SlaDuration.WorkingDays(1).ToTimeSpan());
    }
}
