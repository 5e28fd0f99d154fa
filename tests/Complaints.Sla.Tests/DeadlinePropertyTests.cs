using Complaints.Cases;
using FsCheck;
using FsCheck.Fluent;
using static Complaints.Sla.Tests.TestTime;

namespace Complaints.Sla.Tests;

/// <summary>Properties of the deadline rule over random starts in 2024–2026 and random durations.</summary>
public sealed class DeadlinePropertyTests
{
    private const int Tests = 500;
    private static readonly WorkingDayCalendar Calendar = new();
    private static readonly DateTimeOffset First = T("2024-01-01T00:00:00+08:00");
    private static readonly int Seconds = (int)(T("2027-01-01T00:00:00+08:00") - First).TotalSeconds;
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(Tests);

    /// <summary>An instant in 2024–2026 (China time), written with one of several offsets.</summary>
    private static readonly Gen<DateTimeOffset> Starts =
        from second in Gen.Choose(0, Seconds - 1)
        from offsetHours in Gen.Elements(8, 0, -5, 14)
        select First.AddSeconds(second).ToOffset(TimeSpan.FromHours(offsetHours));

    private static readonly Gen<SlaDuration> Durations = Gen.OneOf(
        Gen.Choose(1, 600).Select(SlaDuration.Minutes),
        Gen.Choose(1, 200).Select(SlaDuration.Hours),
        Gen.Choose(1, 30).Select(SlaDuration.Days),
        Gen.Choose(1, 30).Select(SlaDuration.WorkingDays));

    private static readonly Gen<SlaDuration> WorkingDays = Gen.Choose(1, 30).Select(SlaDuration.WorkingDays);

    private static readonly Gen<TimeOnly?> WorkdayEnds = Gen.OneOf(
        Gen.Constant<TimeOnly?>(null),
        Gen.Choose(1, 24 * 60 - 1).Select(m => (TimeOnly?)new TimeOnly(m / 60, m % 60)));

    private static readonly Gen<SlaWarning> Warnings = Gen.OneOf(
        Gen.Choose(1, 100).Select(p => SlaWarning.AtFraction(p / 100.0)),
        Gen.Choose(1, 3000).Select(m => SlaWarning.Before(SlaDuration.Minutes(m))));

    private static void Check<T>(Gen<T> gen, Action<T> property) =>
        FsCheck.Check.One(Config, Prop.ForAll(gen.ToArbitrary(), property));

    [Fact]
    public void The_due_time_is_after_the_start_and_in_china_time()
    {
        Check(from s in Starts from d in Durations from e in WorkdayEnds select (Start: s, Duration: d, End: e), x =>
        {
            var due = Deadlines.DueAt(x.Start, x.Duration, Calendar, x.End);

            due.ShouldBeGreaterThan(x.Start);
            due.Offset.ShouldBe(China);
        });
    }

    [Fact]
    public void Working_days_end_at_midnight_after_exactly_n_working_days_counted_from_the_next_day()
    {
        Check(Gen.Zip(Starts, WorkingDays), x =>
        {
            var (start, duration) = x;
            var due = Deadlines.DueAt(start, duration, Calendar);
            var lastDay = DateOnly.FromDateTime(due.DateTime).AddDays(-1);

            due.TimeOfDay.ShouldBe(TimeSpan.Zero);
            Calendar.IsWorkday(lastDay).ShouldBeTrue();
            Deadlines.WorkdaysBetween(ChinaTime.DateOf(start), lastDay, Calendar).ShouldBe(duration.Amount);
            Count(ChinaTime.DateOf(start), lastDay).ShouldBe(duration.Amount); // the same, counted by hand
        });
    }

    [Fact]
    public void With_an_earlier_workday_end_the_deadline_is_that_time_on_the_nth_working_day()
    {
        Check(Gen.Zip(Starts, WorkingDays), x =>
        {
            var (start, duration) = x;
            var end = new TimeOnly(17, 30);
            var due = Deadlines.DueAt(start, duration, Calendar, end);
            var day = DateOnly.FromDateTime(due.DateTime);

            TimeOnly.FromTimeSpan(due.TimeOfDay).ShouldBe(end);
            Calendar.IsWorkday(day).ShouldBeTrue();
            Count(ChinaTime.DateOf(start), day).ShouldBe(duration.Amount);
            Deadlines.DueAt(start, duration, Calendar).ShouldBe(ChinaTime.StartOf(day.AddDays(1)));
        });
    }

    [Fact]
    public void Wall_clock_units_add_exactly_their_length()
    {
        var wallClock = Gen.OneOf(
            Gen.Choose(1, 600).Select(SlaDuration.Minutes),
            Gen.Choose(1, 200).Select(SlaDuration.Hours),
            Gen.Choose(1, 30).Select(SlaDuration.Days));
        Check(from s in Starts from d in wallClock from e in WorkdayEnds select (Start: s, Duration: d, End: e), x =>
        {
            var due = Deadlines.DueAt(x.Start, x.Duration, Calendar, x.End);

            (due - x.Start).ShouldBe(x.Duration.Unit switch
            {
                DurationUnit.Minutes => TimeSpan.FromMinutes(x.Duration.Amount),
                DurationUnit.Hours => TimeSpan.FromHours(x.Duration.Amount),
                _ => TimeSpan.FromHours(24 * x.Duration.Amount),
            });
        });
    }

    [Fact]
    public void A_later_start_never_gives_an_earlier_due_time()
    {
        Check(from a in Starts from b in Starts from d in Durations from e in WorkdayEnds select (A: a, B: b, Duration: d, End: e), x =>
        {
            var (a, b) = (x.A, x.B);
            var (earlier, later) = a <= b ? (a, b) : (b, a);

            Deadlines.DueAt(later, x.Duration, Calendar, x.End)
                .ShouldBeGreaterThanOrEqualTo(Deadlines.DueAt(earlier, x.Duration, Calendar, x.End));
        });
    }

    [Fact]
    public void The_same_instant_in_any_offset_is_due_at_the_same_time()
    {
        Check(from s in Starts from d in Durations from o in Gen.Choose(-12, 14) select (Start: s, Duration: d, Offset: o), x =>
        {
            Deadlines.DueAt(x.Start.ToOffset(TimeSpan.FromHours(x.Offset)), x.Duration, Calendar)
                .ShouldBe(Deadlines.DueAt(x.Start.ToUniversalTime(), x.Duration, Calendar));
        });
    }

    [Fact]
    public void The_warning_falls_between_start_and_due()
    {
        Check(from s in Starts from d in Durations from w in Warnings from e in WorkdayEnds select (Start: s, Duration: d, Warning: w, End: e), x =>
        {
            var clock = new ResolvedClock
            {
                Name = ClockNames.Resolution,
                Start = CaseEventTypes.Accepted,
                Stop = [CaseEventTypes.ResultReported],
                Duration = x.Duration,
                Warning = x.Warning,
            };

            var times = ClockSchedule.Compute(clock, x.Start, Calendar, x.End);

            times.StartedAt.ShouldBe(x.Start);
            times.WarnAt.ShouldBeGreaterThanOrEqualTo(times.StartedAt);
            times.WarnAt.ShouldBeLessThanOrEqualTo(times.DueAt);
            times.DueAt.ShouldBe(Deadlines.DueAt(x.Start, x.Duration, Calendar, x.End));
        });
    }

    private static int Count(DateOnly after, DateOnly through)
    {
        var n = 0;
        for (var day = after.AddDays(1); day <= through; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var special = BuiltInHolidaySchedule.Days.FirstOrDefault(d => d.Date == day);
            if (special is null ? !weekend : !special.IsOffDay)
            {
                n++;
            }
        }

        return n;
    }
}
