using System.Globalization;

namespace Complaints.Sla;

/// <summary>
/// When a running clock warns before it breaches (预警), so a department can still act or ask for an
/// extension before the deadline passes (seed 000 art. 14). Either a fixed lead before the due time
/// ("15m before") or a fraction of the way from start to due (0.8). <c>default</c> warns only at the due time.
/// </summary>
public readonly record struct SlaWarning
{
    private SlaWarning(SlaDuration? lead, double? fraction)
    {
        Lead = lead;
        Fraction = fraction;
    }

    /// <summary>The fixed lead before the due time, when the warning is given that way.</summary>
    public SlaDuration? Lead { get; }

    /// <summary>The fraction of the interval (0 &lt; f ≤ 1), when the warning is given that way.</summary>
    public double? Fraction { get; }

    /// <summary>Warn <paramref name="lead"/> before the due time (minutes, hours or days: working days have no fixed length).</summary>
    /// <exception cref="ArgumentException">The lead is in working days or not positive.</exception>
    public static SlaWarning Before(SlaDuration lead)
    {
        if (!lead.IsWallClock || lead.Amount <= 0)
        {
            throw new ArgumentException($"A warning lead must be positive minutes, hours or days, not '{lead}'.", nameof(lead));
        }

        return new SlaWarning(lead, null);
    }

    /// <summary>Warn when <paramref name="fraction"/> of the time from start to due has passed (0 &lt; fraction ≤ 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1].</exception>
    public static SlaWarning AtFraction(double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A warning fraction must be greater than 0 and at most 1.");
        }

        return new SlaWarning(null, fraction);
    }

    /// <summary>
    /// The warning time of a clock started at <paramref name="startedAt"/> and due at <paramref name="dueAt"/>,
    /// clamped into [start, due]: never before the start, never after the due time. When the due time is already
    /// before the start (an external deadline that had passed) the warning falls on the due time.
    /// </summary>
    public DateTimeOffset WarnAt(DateTimeOffset startedAt, DateTimeOffset dueAt)
    {
        var due = ChinaTime.ToChina(dueAt);
        var start = ChinaTime.ToChina(startedAt);
        if (due <= start)
        {
            return due;
        }

        DateTimeOffset warn;
        if (Lead is { } lead)
        {
            var span = lead.ToTimeSpan();
            warn = due - start <= span ? start : due - span;
        }
        else if (Fraction is { } fraction)
        {
            var ticks = (long)Math.Round((due - start).Ticks * fraction, MidpointRounding.AwayFromZero);
            warn = start.AddTicks(ticks);
        }
        else
        {
            warn = due;
        }

        return warn < start ? start : warn > due ? due : warn;
    }

    /// <summary>"15m before", "at 0.8", or "at due".</summary>
    public override string ToString() =>
        Lead is { } lead ? $"{lead} before"
        : Fraction is { } fraction ? "at " + fraction.ToString(CultureInfo.InvariantCulture)
        : "at due";
}
