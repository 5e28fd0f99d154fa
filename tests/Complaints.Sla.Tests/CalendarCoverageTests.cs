using static Complaints.Sla.Tests.TestTime;

namespace Complaints.Sla.Tests;

/// <summary>Which years the calendar must know, and which deadlines are only estimates until it does.</summary>
public sealed class CalendarCoverageTests
{
    // 2027's schedule is not published in our sources: the calendar knows 2024–2026 only.
    private readonly WorkingDayCalendar _calendar = new();

    [Theory]
    [InlineData("2026-10-31", "")]
    [InlineData("2026-11-01", "2027")]
    [InlineData("2026-12-31", "2027")]
    [InlineData("2027-01-04", "2027")]
    [InlineData("2027-11-01", "2027 2028")]
    public void Next_year_is_missing_from_1_November_and_the_current_year_always(string today, string missing) =>
        string.Join(' ', CalendarCoverage.MissingYears(_calendar, D(today))).ShouldBe(missing);

    [Fact]
    public void A_loaded_year_is_no_longer_missing()
    {
        _calendar.LoadYear(2027, [new ScheduleDay("元旦", D("2027-01-01"), true)]);
        CalendarCoverage.MissingYears(_calendar, D("2026-11-01")).ShouldBeEmpty();
    }

    [Fact]
    public void A_day_is_provisional_in_a_year_without_an_official_schedule()
    {
        CalendarCoverage.IsProvisional(_calendar, D("2026-12-31")).ShouldBeFalse();
        CalendarCoverage.IsProvisional(_calendar, D("2027-01-01")).ShouldBeTrue();
        CalendarCoverage.IsProvisional(_calendar, D("2023-06-01")).ShouldBeTrue();
    }

    [Fact]
    public void Working_days_counted_into_an_unloaded_year_are_provisional_until_the_year_is_loaded()
    {
        var start = T("2026-12-31T10:00:00+08:00");
        var oneWorkingDay = new SlaDuration(DurationUnit.WorkingDays, 1);

        // Weekends only: Friday 2027-01-01 counts as a working day, which the answer must not pretend to know.
        var due = Deadlines.DueAt(start, oneWorkingDay, _calendar);
        due.ShouldBe(T("2027-01-02T00:00:00+08:00"));
        CalendarCoverage.IsProvisional(_calendar, start, oneWorkingDay, due).ShouldBeTrue();

        _calendar.LoadYear(2027, [new ScheduleDay("元旦", D("2027-01-01"), true)]);
        due = Deadlines.DueAt(start, oneWorkingDay, _calendar);
        due.ShouldBe(T("2027-01-05T00:00:00+08:00"));
        CalendarCoverage.IsProvisional(_calendar, start, oneWorkingDay, due).ShouldBeFalse();
    }

    [Fact]
    public void A_deadline_at_midnight_closing_the_last_day_of_a_known_year_is_not_provisional()
    {
        var start = T("2026-12-30T16:00:00+08:00");
        var due = Deadlines.DueAt(start, new SlaDuration(DurationUnit.WorkingDays, 1), _calendar);
        due.ShouldBe(T("2027-01-01T00:00:00+08:00"));
        CalendarCoverage.IsProvisional(_calendar, start, due).ShouldBeFalse();
        CalendarCoverage.IsProvisional(_calendar, start, due.AddMinutes(1)).ShouldBeTrue();
    }

    [Fact]
    public void The_span_is_read_in_China_time()
    {
        // 2026-12-30T17:00Z is 12-31 01:00 in China, so 2027-01-01 is counted; read in UTC it would not be.
        CalendarCoverage.IsProvisional(_calendar, T("2026-12-30T17:00:00Z"), T("2026-12-31T20:00:00Z")).ShouldBeTrue();
        CalendarCoverage.IsProvisional(_calendar, T("2026-12-30T15:00:00Z"), T("2026-12-31T23:00:00+08:00")).ShouldBeFalse();
    }

    [Theory]
    [InlineData(DurationUnit.Hours, 48)]
    [InlineData(DurationUnit.Days, 3)]
    [InlineData(DurationUnit.Minutes, 3000)]
    public void Wall_clock_durations_never_ask_the_calendar_so_are_never_provisional(DurationUnit unit, int amount)
    {
        var start = T("2026-12-31T10:00:00+08:00");
        var duration = new SlaDuration(unit, amount);
        var due = Deadlines.DueAt(start, duration, _calendar);
        due.Year.ShouldBe(2027);
        CalendarCoverage.IsProvisional(_calendar, start, duration, due).ShouldBeFalse();
    }

    [Fact]
    public void A_stored_year_keeps_its_papers_and_reads_the_earlier_bare_list()
    {
        IReadOnlyList<ScheduleDay> days = [new ScheduleDay("元旦", D("2027-01-01"), true)];
        var withPapers = new StoredCalendarYear(days, ["https://www.gov.cn/notice.htm"]);
        var read = StoredCalendarYear.Parse(withPapers.Serialize());
        read.Days.ShouldBe(days);
        read.Papers.ShouldBe(["https://www.gov.cn/notice.htm"]);

        var bare = new StoredCalendarYear(days, []).Serialize();
        bare.ShouldStartWith("[");
        StoredCalendarYear.Parse(bare).Days.ShouldBe(days);
        StoredCalendarYear.Parse("""[{"name":"元旦","date":"2027-01-01","isOffDay":true}]""").Papers.ShouldBeEmpty();
    }
}
