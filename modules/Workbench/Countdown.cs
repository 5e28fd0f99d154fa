using System.Globalization;
using Complaints.Texts;

namespace Complaints.Workbench;

/// <summary>How a deadline stands at an instant: what the countdowns show and colour.</summary>
public enum DeadlineState { None, Running, Warned, Breached }

/// <summary>The countdown's pure decisions: the state of a deadline at an instant and the time left or over.</summary>
public static class Countdown
{
    /// <summary>
    /// Breached when the clock says so (a ledger row's breached clock has no deadline left in it) or the deadline has
    /// passed; warned when the clock says so or its warning time has passed; running otherwise; none without a deadline.
    /// </summary>
    public static DeadlineState StateAt(DateTimeOffset now, DateTimeOffset? dueAt, DateTimeOffset? warnAt = null, bool breached = false, bool warned = false)
    {
        if (breached)
        {
            return DeadlineState.Breached;
        }

        if (dueAt is not { } due)
        {
            return DeadlineState.None;
        }

        if (now >= due)
        {
            return DeadlineState.Breached;
        }

        return warned || (warnAt is { } warn && now >= warn) ? DeadlineState.Warned : DeadlineState.Running;
    }

    /// <summary>Ant Design's tag colour for a state (countdowns.js swaps the same classes).</summary>
    public static string TagClass(DeadlineState state) => state switch
    {
        DeadlineState.Breached => "ant-tag-red",
        DeadlineState.Warned => "ant-tag-orange",
        DeadlineState.Running => "ant-tag-green",
        _ => "",
    };

    /// <summary>The time between <paramref name="now"/> and the deadline, whole seconds: "2天 03:04:05" or "03:04:05".</summary>
    public static string Span(DateTimeOffset now, DateTimeOffset dueAt, CultureInfo culture)
    {
        var span = (dueAt - now).Duration();
        var seconds = (long)Math.Floor(span.TotalSeconds);
        var days = seconds / 86_400;
        var clock = string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600 % 24:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
        return days > 0 ? new Text(TextKeys.Workbench.Countdown.Days, days).In(culture) + clock : clock;
    }

    /// <summary>The countdown's text: the time left, or how long it is overdue (breached without a deadline: just that).</summary>
    public static string Label(DateTimeOffset now, DateTimeOffset? dueAt, CultureInfo culture, bool breached = false) => dueAt switch
    {
        null when breached => new Text(TextKeys.Workbench.Queues.Breached).In(culture),
        null => new Text(TextKeys.Workbench.Countdown.None).In(culture),
        { } due when now >= due => new Text(TextKeys.Workbench.Countdown.Overdue, Span(now, due, culture)).In(culture),
        { } due => new Text(TextKeys.Workbench.Countdown.Remaining, Span(now, due, culture)).In(culture),
    };
}
