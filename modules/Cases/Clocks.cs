namespace Complaints.Cases;

/// <summary>running → warned → breached; or met (stopped by its stop event in time) or stopped (the case ended).</summary>
public enum ClockStatus { Running, Warned, Breached, Met, Stopped }

/// <summary>One SLA clock of a case. Its times are fixed when it starts, so a later policy change cannot move them.</summary>
public sealed record ClockState(
    string Name,
    DateTimeOffset StartedAt,
    DateTimeOffset WarnAt,
    DateTimeOffset DueAt,
    ClockStatus Status,
    string? Department,
    DateTimeOffset? StoppedAt = null)
{
    public bool IsRunning => StoppedAt is null;

    /// <summary>Breached and still running: the case is on the overdue list (逾期未处理).</summary>
    public bool IsOverdue => IsRunning && Status == ClockStatus.Breached;
}

/// <summary>A clock (re)started by a case event; the department is who it runs against, if any.</summary>
public sealed record ClockStarted(string Name, DateTimeOffset StartedAt, DateTimeOffset WarnAt, DateTimeOffset DueAt, string? Department) : CaseEvent;

/// <summary>An approved extension moved the clock's deadline.</summary>
public sealed record ClockRescheduled(string Name, DateTimeOffset WarnAt, DateTimeOffset DueAt) : CaseEvent;

/// <summary>The warning before breach (预警): recorded once.</summary>
public sealed record ClockWarned(string Name, DateTimeOffset DueAt, string? Department) : CaseEvent;

/// <summary>
/// The breach (超时): recorded once, with what it costs the department and who is responsible for it (seed 001 §8:
/// points to the department, the fine to the person): <see cref="Person"/> is the department user who signed for the
/// case, null for the desk's clocks and before anyone signed.
/// </summary>
public sealed record ClockBreached(string Name, DateTimeOffset DueAt, string? Department, int Points, decimal Fine, string? Person = null) : CaseEvent;

/// <summary>The clock stopped: by its stop event (met, if in time) or because the case ended.</summary>
public sealed record ClockStopped(string Name, bool Met) : CaseEvent;

/// <summary>The stored names of the clock events, as <see cref="CaseEventTypes"/> holds the lifecycle events'.</summary>
public static class ClockEventTypes
{
#pragma warning disable CS1591 // the names say it all
    public const string ClockStarted = "clock-started";
    public const string ClockRescheduled = "clock-rescheduled";
    public const string ClockWarned = "clock-warned";
    public const string ClockBreached = "clock-breached";
    public const string ClockStopped = "clock-stopped";
#pragma warning restore CS1591
}
