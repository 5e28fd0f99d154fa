namespace Complaints.Sla;

/// <summary>Where a running clock stands at a given instant (the grain adds met/stopped from the case's events).</summary>
public enum ClockPhase
{
    /// <summary>Before the warning time.</summary>
    Running,

    /// <summary>At or after the warning time, before the due time.</summary>
    Warned,

    /// <summary>At or after the due time.</summary>
    Breached,
}

/// <summary>The three instants of one started clock, all expressed with +08:00.</summary>
/// <param name="StartedAt">When the clock (re)started.</param>
/// <param name="WarnAt">When it warns; within [StartedAt, DueAt] (see <see cref="SlaWarning.WarnAt"/>).</param>
/// <param name="DueAt">When it breaches.</param>
public readonly record struct ClockTimes(DateTimeOffset StartedAt, DateTimeOffset WarnAt, DateTimeOffset DueAt)
{
    /// <summary>Where the clock stands at <paramref name="now"/> if it is still running.</summary>
    public ClockPhase PhaseAt(DateTimeOffset now) =>
        now >= DueAt ? ClockPhase.Breached : now >= WarnAt ? ClockPhase.Warned : ClockPhase.Running;

    /// <summary>Where the clock stands now according to <paramref name="timeProvider"/>.</summary>
    public ClockPhase PhaseAt(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return PhaseAt(timeProvider.GetUtcNow());
    }
}

/// <summary>
/// Turns a resolved clock and the moment its start event happened into start, warning and due times —
/// the same arithmetic as <see cref="Deadlines.DueAt"/>, plus the warning and an external deadline.
/// </summary>
public static class ClockSchedule
{
    /// <summary>
    /// The times of <paramref name="clock"/> started at <paramref name="startedAt"/>. An external deadline on the
    /// clock (<see cref="ResolvedClock.FixedDueAt"/>) is the due time as it is; otherwise the clock's duration
    /// is added with <see cref="Deadlines.DueAt"/>.
    /// </summary>
    /// <param name="clock">The clock, from <see cref="SlaPolicyEvaluator.Evaluate"/>.</param>
    /// <param name="startedAt">When its start (or restart) event happened.</param>
    /// <param name="calendar">Which dates are working days.</param>
    /// <param name="workdayEnd">The tenant's end of the working day; null means 24:00.</param>
    public static ClockTimes Compute(
        ResolvedClock clock,
        DateTimeOffset startedAt,
        IWorkingDayCalendar calendar,
        TimeOnly? workdayEnd = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var due = (clock.FixedDueAt, clock.Duration) switch
        {
            ({ } fixedDue, _) => ChinaTime.ToChina(fixedDue),
            (null, { } duration) => Deadlines.DueAt(startedAt, duration, calendar, workdayEnd),
            _ => throw new ArgumentException($"Clock '{clock.Name}' has neither a duration nor a fixed due time.", nameof(clock)),
        };
        return Create(clock.Warning, startedAt, due);
    }

    /// <summary>The times of <paramref name="clock"/> started now, according to <paramref name="timeProvider"/>.</summary>
    public static ClockTimes StartNow(
        ResolvedClock clock,
        TimeProvider timeProvider,
        IWorkingDayCalendar calendar,
        TimeOnly? workdayEnd = null) =>
        Compute(clock, ChinaTime.Now(timeProvider), calendar, workdayEnd);

    /// <summary>
    /// The same clock with a new due time — an approved extension (extension-decided) — and its warning
    /// recomputed over the same start.
    /// </summary>
    public static ClockTimes Reschedule(ResolvedClock clock, ClockTimes current, DateTimeOffset newDueAt)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Create(clock.Warning, current.StartedAt, ChinaTime.ToChina(newDueAt));
    }

    private static ClockTimes Create(SlaWarning warning, DateTimeOffset startedAt, DateTimeOffset dueAt)
    {
        var start = ChinaTime.ToChina(startedAt);
        return new ClockTimes(start, warning.WarnAt(start, dueAt), dueAt);
    }
}
