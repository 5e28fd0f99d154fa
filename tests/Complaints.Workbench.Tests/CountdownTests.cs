using System.Globalization;

namespace Complaints.Workbench.Tests;

/// <summary>The countdown's decisions, with the instants written out by hand.</summary>
public sealed class CountdownTests
{
    private static readonly DateTimeOffset Due = new(2026, 11, 30, 17, 0, 0, TimeSpan.FromHours(8));
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public void A_deadline_runs_then_warns_at_its_warning_time_then_is_breached_at_the_due_time()
    {
        var warn = Due.AddHours(-1);

        Countdown.StateAt(Due.AddHours(-2), Due, warn).ShouldBe(DeadlineState.Running);
        Countdown.StateAt(warn, Due, warn).ShouldBe(DeadlineState.Warned);
        Countdown.StateAt(Due, Due, warn).ShouldBe(DeadlineState.Breached);
        Countdown.StateAt(Due.AddHours(-2), null).ShouldBe(DeadlineState.None);
    }

    [Fact]
    public void The_clocks_own_state_wins_over_the_instant()
    {
        Countdown.StateAt(Due.AddHours(-2), Due, breached: true).ShouldBe(DeadlineState.Breached);
        Countdown.StateAt(Due.AddHours(-2), Due, warned: true).ShouldBe(DeadlineState.Warned);
    }

    [Fact]
    public void A_ledger_row_whose_only_running_clock_breached_is_red_without_a_deadline()
    {
        // The ledger's next deadline leaves breached clocks out: a row may be overdue with none.
        Countdown.StateAt(Due, dueAt: null, breached: true).ShouldBe(DeadlineState.Breached);
        Countdown.Label(Due, null, Chinese, breached: true).ShouldBe("已超时");
        Countdown.Label(Due, null, Chinese, breached: false).ShouldBe("无计时");
    }

    [Fact]
    public void The_label_says_the_time_left_or_over_to_the_second_with_days_in_chinese()
    {
        // 2 days, 3 h, 4 min and 5.9 s before: whole seconds, days apart.
        Countdown.Label(Due - new TimeSpan(2, 3, 4, 5, 900), Due, Chinese).ShouldBe("剩余 2天 03:04:05");
        Countdown.Label(Due.AddSeconds(-59), Due, Chinese).ShouldBe("剩余 00:00:59");
        Countdown.Label(Due.AddMinutes(90), Due, Chinese).ShouldBe("已超时 01:30:00");
        Countdown.Label(Due, null, Chinese).ShouldBe("无计时");
        Countdown.Label(Due.AddSeconds(-1), Due, CultureInfo.GetCultureInfo("en")).ShouldBe("00:00:01 left");
    }
}
