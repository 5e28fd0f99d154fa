using System.Diagnostics.Metrics;
using Orleans.Runtime;

namespace Complaints.Grains;

/// <summary>
/// The meter <c>Complaints.Grains</c> and its instruments: what the cases' intake and clocks do. Plain
/// System.Diagnostics.Metrics: the host decides whether and where they are exported.
/// </summary>
public static class GrainsMetrics
{
    public const string MeterName = "Complaints.Grains";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Complaints through the intake, per tenant, channel and outcome (<c>created</c> or <c>duplicate</c>).</summary>
    private static readonly Counter<long> Intake = Meter.CreateCounter<long>(
        "complaints.intake.registrations", "{complaint}", "Complaints taken in, per tenant, channel and outcome.");

    /// <summary>How late a case's reminder tick arrives after the time it was due.</summary>
    private static readonly Histogram<double> ReminderLag = Meter.CreateHistogram<double>(
        "complaints.reminders.lag", "s", "How long after its due time a case's reminder tick reached the case.");

    private static readonly Counter<long> Sweeps = Meter.CreateCounter<long>(
        "complaints.clocks.sweeps", "{sweep}", "Clock sweeps run, at start and at each interval, and whether they failed.");

    private static readonly Counter<long> SweepWakeUps = Meter.CreateCounter<long>(
        "complaints.clocks.sweep.wakeups", "{case}", "Cases a clock sweep woke because their clocks had fallen due unheard.");

    private static readonly UpDownCounter<long> CatchUpsWaiting = Meter.CreateUpDownCounter<long>(
        "complaints.clocks.catchups.waiting", "{case}", "Clock catch-ups waiting for a slot of the host's catch-up gate (Clocks:CatchUpConcurrency).");

    internal static void Registered(string tenant, string channel, bool duplicate) =>
        Intake.Add(1, new("tenant", tenant), new("channel", channel), new("outcome", duplicate ? "duplicate" : "created"));

    /// <summary>
    /// A tick carries the reminder's first due time and period, and when it was dispatched: it was due at the last
    /// multiple of the period at or before that, and reached the case at <paramref name="now"/>.
    /// </summary>
    internal static void ReminderTick(string tenant, TickStatus status, DateTimeOffset now) =>
        ReminderLag.Record(LagOf(status, now).TotalSeconds, new KeyValuePair<string, object?>("tenant", tenant));

    internal static void Swept(bool atStart, int woken, bool failed)
    {
        var trigger = new KeyValuePair<string, object?>("trigger", atStart ? "start" : "interval");
        Sweeps.Add(1, trigger, new("outcome", failed ? "failed" : "ok"));
        if (woken > 0)
        {
            SweepWakeUps.Add(woken, trigger);
        }
    }

    internal static void CatchUpWaiting(int change) => CatchUpsWaiting.Add(change);

    /// <summary>The time between a tick's due time and <paramref name="now"/>; zero for a tick that came early.</summary>
    public static TimeSpan LagOf(TickStatus status, DateTimeOffset now)
    {
        var first = new DateTimeOffset(DateTime.SpecifyKind(status.FirstTickTime, DateTimeKind.Utc));
        var dispatched = new DateTimeOffset(DateTime.SpecifyKind(status.CurrentTickTime, DateTimeKind.Utc));
        var sinceFirst = dispatched - first;
        var due = sinceFirst <= TimeSpan.Zero || status.Period <= TimeSpan.Zero
            ? first
            : first + (status.Period * Math.Floor(sinceFirst / status.Period));
        var lag = now - due;
        return lag > TimeSpan.Zero ? lag : TimeSpan.Zero;
    }
}
