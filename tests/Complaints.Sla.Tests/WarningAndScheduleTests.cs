using Complaints.Cases;
using static Complaints.Sla.Tests.TestTime;

namespace Complaints.Sla.Tests;

public sealed class WarningAndScheduleTests
{
    private static readonly WorkingDayCalendar Calendar = new();

    [Fact]
    public void A_fixed_lead_warns_that_long_before_the_due_time()
    {
        SlaWarning.Before(SlaDuration.Minutes(30))
            .WarnAt(T("2026-03-09T10:00:00+08:00"), T("2026-03-09T12:00:00+08:00"))
            .ShouldBe(T("2026-03-09T11:30:00+08:00"));
    }

    [Fact]
    public void A_lead_longer_than_the_interval_warns_at_the_start_never_before()
    {
        SlaWarning.Before(SlaDuration.Hours(3))
            .WarnAt(T("2026-03-09T10:00:00+08:00"), T("2026-03-09T12:00:00+08:00"))
            .ShouldBe(T("2026-03-09T10:00:00+08:00"));
    }

    [Fact]
    public void A_fraction_warns_that_far_into_the_interval()
    {
        SlaWarning.AtFraction(0.8)
            .WarnAt(T("2026-03-09T08:00:00+08:00"), T("2026-03-09T18:00:00+08:00"))
            .ShouldBe(T("2026-03-09T16:00:00+08:00"));
        SlaWarning.AtFraction(1)
            .WarnAt(T("2026-03-09T08:00:00+08:00"), T("2026-03-09T18:00:00+08:00"))
            .ShouldBe(T("2026-03-09T18:00:00+08:00"));
    }

    [Fact]
    public void No_warning_rule_warns_at_the_due_time_and_a_past_due_time_warns_at_once()
    {
        default(SlaWarning).WarnAt(T("2026-03-09T08:00:00+08:00"), T("2026-03-09T18:00:00+08:00"))
            .ShouldBe(T("2026-03-09T18:00:00+08:00"));
        SlaWarning.AtFraction(0.5).WarnAt(T("2026-03-09T08:00:00+08:00"), T("2026-03-09T07:00:00+08:00"))
            .ShouldBe(T("2026-03-09T07:00:00+08:00"));
    }

    [Fact]
    public void Invalid_warnings_are_refused()
    {
        Should.Throw<ArgumentException>(() => SlaWarning.Before(SlaDuration.WorkingDays(1)));
        Should.Throw<ArgumentOutOfRangeException>(() => SlaWarning.AtFraction(0));
        Should.Throw<ArgumentOutOfRangeException>(() => SlaWarning.AtFraction(1.5));
        Should.Throw<ArgumentOutOfRangeException>(() => SlaWarning.AtFraction(double.NaN));
    }

    [Fact]
    public void A_clock_schedule_gives_start_warning_and_due_in_china_time()
    {
        var clock = Clock(SlaDuration.WorkingDays(1), SlaWarning.AtFraction(0.5));

        var times = ClockSchedule.Compute(clock, T("2026-09-30T08:00:00Z"), Calendar);

        times.StartedAt.ShouldBe(T("2026-09-30T16:00:00+08:00"));
        times.StartedAt.Offset.ShouldBe(China);
        times.DueAt.ShouldBe(T("2026-10-09T00:00:00+08:00"));
        times.WarnAt.ShouldBe(T("2026-10-04T20:00:00+08:00")); // half of 8 days 8 hours
    }

    [Fact]
    public void A_clock_schedule_honours_the_tenant_workday_end()
    {
        var clock = Clock(SlaDuration.WorkingDays(1), SlaWarning.Before(SlaDuration.Hours(2)));

        var times = ClockSchedule.Compute(clock, T("2026-09-30T16:00:00+08:00"), Calendar, new TimeOnly(17, 30));

        times.DueAt.ShouldBe(T("2026-10-08T17:30:00+08:00"));
        times.WarnAt.ShouldBe(T("2026-10-08T15:30:00+08:00"));
    }

    [Fact]
    public void An_external_due_time_replaces_the_duration()
    {
        var clock = Clock(SlaDuration.Days(1), SlaWarning.Before(SlaDuration.Hours(2))) with
        {
            FixedDueAt = T("2026-10-03T04:00:00Z"),
        };

        var times = ClockSchedule.Compute(clock, T("2026-09-30T16:00:00+08:00"), Calendar);

        times.DueAt.ShouldBe(T("2026-10-03T12:00:00+08:00"));
        times.DueAt.Offset.ShouldBe(China);
        times.WarnAt.ShouldBe(T("2026-10-03T10:00:00+08:00"));
    }

    [Fact]
    public void An_approved_extension_moves_the_due_time_and_the_warning()
    {
        var clock = Clock(SlaDuration.Hours(10), SlaWarning.AtFraction(0.5));
        var times = ClockSchedule.Compute(clock, T("2026-03-09T08:00:00+08:00"), Calendar);

        var extended = ClockSchedule.Reschedule(clock, times, T("2026-03-10T04:00:00Z"));

        extended.ShouldBe(new ClockTimes(T("2026-03-09T08:00:00+08:00"), T("2026-03-09T22:00:00+08:00"), T("2026-03-10T12:00:00+08:00")));
    }

    [Fact]
    public void The_phase_follows_the_warning_and_due_times()
    {
        var times = new ClockTimes(T("2026-03-09T08:00:00+08:00"), T("2026-03-09T16:00:00+08:00"), T("2026-03-09T18:00:00+08:00"));

        times.PhaseAt(T("2026-03-09T15:59:59+08:00")).ShouldBe(ClockPhase.Running);
        times.PhaseAt(T("2026-03-09T08:00:00Z")).ShouldBe(ClockPhase.Warned);
        times.PhaseAt(new FixedTimeProvider(T("2026-03-09T18:00:00+08:00"))).ShouldBe(ClockPhase.Breached);
    }

    [Fact]
    public void Starting_now_reads_the_time_provider()
    {
        var clock = Clock(SlaDuration.Hours(2), SlaWarning.Before(SlaDuration.Minutes(15)));

        var times = ClockSchedule.StartNow(clock, new FixedTimeProvider(T("2026-03-09T02:00:00Z")), Calendar);

        times.ShouldBe(new ClockTimes(T("2026-03-09T10:00:00+08:00"), T("2026-03-09T11:45:00+08:00"), T("2026-03-09T12:00:00+08:00")));
        ChinaTime.Today(new FixedTimeProvider(T("2026-03-09T16:30:00Z"))).ShouldBe(D("2026-03-10"));
    }

    private static ResolvedClock Clock(SlaDuration duration, SlaWarning warning) => new()
    {
        Name = ClockNames.Resolution,
        Start = CaseEventTypes.Accepted,
        Stop = [CaseEventTypes.ResultReported],
        Duration = duration,
        Warning = warning,
    };
}
