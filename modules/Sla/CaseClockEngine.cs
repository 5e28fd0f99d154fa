using Complaints.Cases;

namespace Complaints.Sla;

/// <summary>
/// Runs a tenant's SLA clocks over one case. Pure: it turns lifecycle events into clock events (start,
/// stop, reschedule) and, at any instant, tells which warnings and breaches are due and when to look next.
/// Every fired warning or breach is an event in the case, so replaying the case never fires one twice.
/// </summary>
public sealed class CaseClockEngine(SlaPolicyEvaluator policy, IWorkingDayCalendar calendar, TimeOnly? workdayEnd = null)
{
    /// <summary>The actor recorded on clock events.</summary>
    public const string Actor = "sla";

    /// <summary>
    /// The decided lifecycle events with the clock events each one causes right after it: clocks stopped by
    /// it (met if in time), the resolution clock moved by an approved extension, clocks (re)started by it.
    /// </summary>
    public IReadOnlyList<CaseEvent> WithClocks(CaseState? before, IReadOnlyList<CaseEvent> decided)
    {
        var result = new List<CaseEvent>(decided.Count * 2);
        var state = before;
        foreach (var e in decided)
        {
            result.Add(e);
            var previous = state;
            state = CaseState.Apply(state, e);
            foreach (var clockEvent in ClocksAfter(previous, state, e))
            {
                var stamped = clockEvent with { At = e.At, Actor = Actor };
                result.Add(stamped);
                state = CaseState.Apply(state, stamped);
            }
        }

        return result;
    }

    /// <summary>The warnings and breaches due at <paramref name="now"/> that have not been recorded yet.</summary>
    public IReadOnlyList<CaseEvent> Due(CaseState state, DateTimeOffset now)
    {
        var due = new List<CaseEvent>();
        foreach (var clock in state.Clocks.Where(c => c.IsRunning))
        {
            if (BreachDue(clock, now))
            {
                var cost = policy.BreachFor(clock.Name);
                var owner = ClockNames.Owner(clock.Name, state.HoldingDepartment);
                due.Add(new ClockBreached(clock.Name, clock.DueAt, owner, cost.Points, cost.Fine, owner is null ? null : state.Handler) { At = now, Actor = Actor });
            }
            else if (clock.Status == ClockStatus.Running && clock.WarnAt <= now)
            {
                due.Add(new ClockWarned(clock.Name, clock.DueAt, ClockNames.Owner(clock.Name, state.HoldingDepartment)) { At = now, Actor = Actor });
            }
        }

        return due;
    }

    /// <summary>
    /// Whether a running clock's deadline has passed unrecorded (a breach is due, not only a warning): such a catch-up
    /// goes first at the host's gate.
    /// </summary>
    public static bool DeadlinePassed(CaseState state, DateTimeOffset now) => state.Clocks.Any(c => c.IsRunning && BreachDue(c, now));

    private static bool BreachDue(ClockState clock, DateTimeOffset now) => clock.Status is ClockStatus.Running or ClockStatus.Warned && clock.DueAt <= now;

    /// <summary>The next instant something may fall due (a warning or a breach), or null when nothing is pending.</summary>
    public static DateTimeOffset? NextWakeUp(CaseState state) =>
        state.Clocks
            .Where(c => c.IsRunning)
            .Select(c => c.Status switch
            {
                ClockStatus.Running => c.WarnAt < c.DueAt ? c.WarnAt : c.DueAt,
                ClockStatus.Warned => c.DueAt,
                _ => (DateTimeOffset?)null,
            })
            .Where(t => t is not null)
            .Min();

    /// <summary>
    /// The event names <paramref name="e"/> starts clocks under. A transfer takes effect when it reaches the department:
    /// a dispatch that waits for the leader's approval starts nothing, and the approval starts what a dispatch starts.
    /// So a policy that starts the department's clocks on <c>dispatched</c> cannot run them against a department that
    /// has not received the case (fuyang-gas, 12345 items).
    /// </summary>
    public static IReadOnlyList<string> StartNames(CaseEvent e) => e switch
    {
        Dispatched { AwaitingApproval: true } => [],
        DispatchApproved => [CaseEventTypes.DispatchApproved, CaseEventTypes.Dispatched],
        _ => [EventCodec.NameOf(e)],
    };

    private IEnumerable<CaseEvent> ClocksAfter(CaseState? before, CaseState state, CaseEvent e)
    {
        var type = EventCodec.NameOf(e);
        var resolved = policy.Evaluate(state.Channel, Words.Of(state.Kind), state.Category, state.ExternalDeadline);
        var byName = resolved.ToDictionary(c => c.Name);

        foreach (var clock in state.Clocks.Where(c => c.IsRunning))
        {
            var stops = byName.TryGetValue(clock.Name, out var r) && r.StopsOn(type);
            if (stops || !state.IsOpen)
            {
                // At the deadline itself the breach is already recorded (the grain catches up before deciding).
                yield return new ClockStopped(clock.Name, Met: stops && e.At < clock.DueAt);
            }
        }

        // A platform's deadline (12345) is the platform's to move: an extension approved here is reported to it, and
        // the resolution clock keeps the deadline the platform set.
        if (e is ExtensionDecided { Approved: true } decided
            && state.ExternalDeadline is null
            && state.Clock(CaseDecider.ResolutionClock) is { IsRunning: true, Status: not ClockStatus.Breached } resolution
            && byName.TryGetValue(CaseDecider.ResolutionClock, out var resolutionRule))
        {
            var times = ClockSchedule.Reschedule(resolutionRule, new ClockTimes(resolution.StartedAt, resolution.WarnAt, resolution.DueAt), decided.Until);
            yield return new ClockRescheduled(resolution.Name, times.WarnAt, times.DueAt);
        }

        if (!state.IsOpen)
        {
            yield break;
        }

        var starts = StartNames(e);
        if (before is not null && (before.Kind != state.Kind || before.Category != state.Category))
        {
            var untouched = state.Clocks.Where(c => !(byName.TryGetValue(c.Name, out var r) && (r.StopsOn(type) || starts.Any(r.StartsOn))));
            foreach (var replanned in Replan(state, untouched, byName, e.At))
            {
                yield return replanned;
            }
        }

        foreach (var rule in resolved.Where(c => starts.Any(c.StartsOn)))
        {
            var times = ClockSchedule.Compute(rule, e.At, calendar, workdayEnd);
            yield return new ClockStarted(rule.Name, times.StartedAt, times.WarnAt, times.DueAt, ClockNames.Owner(rule.Name, state.HoldingDepartment));
        }
    }

    /// <summary>
    /// The running clocks under a new kind or category (docs/domain.md, reclassification): each is planned again from
    /// its own start with the new rule, as if the case had been classified so from the start; a due time that has
    /// already passed becomes the moment of the change. A breached clock stays breached; an approved extension stays;
    /// a clock the new classification does not have stops (not met).
    /// </summary>
    private IEnumerable<CaseEvent> Replan(CaseState state, IEnumerable<ClockState> clocks, Dictionary<string, ResolvedClock> rules, DateTimeOffset at)
    {
        foreach (var clock in clocks.Where(c => c.IsRunning && c.Status != ClockStatus.Breached))
        {
            if (!rules.TryGetValue(clock.Name, out var rule))
            {
                yield return new ClockStopped(clock.Name, Met: false);
                continue;
            }

            if (clock.Name == CaseDecider.ResolutionClock && state.ExtendedUntil is not null)
            {
                continue;
            }

            var times = ClockSchedule.Compute(rule, clock.StartedAt, calendar, workdayEnd);
            if (times.DueAt < at)
            {
                times = new ClockTimes(times.StartedAt, ChinaTime.ToChina(at), ChinaTime.ToChina(at));
            }

            if (times.DueAt != clock.DueAt || times.WarnAt != clock.WarnAt)
            {
                yield return new ClockRescheduled(clock.Name, times.WarnAt, times.DueAt);
            }
        }
    }
}
