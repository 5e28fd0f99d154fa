namespace Complaints.Cases;

/// <summary>A case as its events have made it. Built only by <see cref="Apply"/>: never edited in place.</summary>
public sealed record CaseState
{
    public required string Tenant { get; init; }
    public required string Number { get; init; }
    public required string Channel { get; init; }
    public required ComplaintKind Kind { get; init; }
    public required string Content { get; init; }
    public required Complainant Complainant { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    /// <summary>
    /// First-contact responsibility (首问负责制): whoever registered the case stays its owner; for an item a channel
    /// or the system registered, the first desk person who accepts, rejects, answers or dispatches it.
    /// </summary>
    public required string Owner { get; init; }
    /// <summary>The department user who signed for the case in the current round (承办人): breaches are charged to them.</summary>
    public string? Handler { get; init; }
    public string? Category { get; init; }
    public CaseStatus Status { get; init; }
    public string? Department { get; init; }
    public string? ExternalId { get; init; }
    public ComplaintTarget? Target { get; init; }
    public string? Location { get; init; }
    public string? RecomplaintOf { get; init; }
    public IReadOnlyList<string> Recomplaints { get; init; } = [];
    /// <summary>A deadline imposed from outside (a 12345 work order's own time limit): it wins over the tenant's.</summary>
    public DateTimeOffset? ExternalDeadline { get; init; }
    public PendingExtension? PendingExtension { get; init; }
    /// <summary>The latest approved extension of the resolution deadline.</summary>
    public DateTimeOffset? ExtendedUntil { get; init; }
    public string? Result { get; init; }
    public Satisfaction? Satisfaction { get; init; }
    /// <summary>When the case was first sent to a department (派单时间).</summary>
    public DateTimeOffset? DispatchedAt { get; init; }
    /// <summary>When the latest callback with a satisfaction was recorded (回访时间); <see cref="Callbacks"/> counts them.</summary>
    public DateTimeOffset? CallbackAt { get; init; }
    public int Callbacks { get; init; }
    /// <summary>Whether a resolution clock of any round was ever breached: the case counts as overdue in the reports.</summary>
    public bool ResolutionBreached { get; init; }
    public int Redispatches { get; init; }
    /// <summary>When the latest result was reported: the start of the callback window.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }
    /// <summary>Callbacks since the latest result that did not reach the customer.</summary>
    public int CallbackAttempts { get; init; }
    public int Returns { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public IReadOnlyList<ClockState> Clocks { get; init; } = [];
    /// <summary>The case's flags, as words of <see cref="CaseFlag"/> (threat).</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];
    /// <summary>The person named responsible for the flagged case (seed 003 art. 9: 专人负责).</summary>
    public string? Responsible { get; init; }
    /// <summary>How many files the case holds (the tenant limits them per case).</summary>
    public int Attachments { get; init; }

    /// <summary>
    /// The department the case is charged to: the one it was dispatched to, but none while the transfer waits for
    /// the leader's approval (the department has not received it yet, so no clock may run or breach against it).
    /// </summary>
    public string? HoldingDepartment => Status == CaseStatus.PendingApproval ? null : Department;

    public bool IsOpen => Status is not (CaseStatus.Closed or CaseStatus.Rejected or CaseStatus.Answered);

    public ClockState? Clock(string name) => Clocks.FirstOrDefault(c => c.Name == name);

    /// <summary>The events that deliberately change nothing but <see cref="UpdatedAt"/>: they are history only.</summary>
    public static IReadOnlySet<Type> Ignored { get; } = new HashSet<Type> { typeof(Supervised), typeof(ContactViewed) };

    /// <summary>Folds events, in order, into the state they make.</summary>
    public static CaseState? Replay(IEnumerable<CaseEvent> events)
    {
        CaseState? state = null;
        foreach (var e in events)
        {
            state = Apply(state, e);
        }

        return state;
    }

    public static CaseState Apply(CaseState? state, CaseEvent e)
    {
        if (e is Registered r)
        {
            return new CaseState
            {
                Tenant = r.Tenant,
                Number = r.Number,
                Channel = r.Channel,
                Kind = r.Kind,
                Content = r.Content,
                Category = r.Category,
                Complainant = r.Complainant,
                ReceivedAt = r.ReceivedAt,
                RegisteredAt = r.At,
                Owner = r.Actor,
                ExternalId = r.ExternalId,
                Target = r.Target,
                Location = r.Location,
                RecomplaintOf = r.RecomplaintOf,
                ExternalDeadline = r.ExternalDeadline,
                Status = CaseStatus.Registered,
                UpdatedAt = r.At,
            };
        }

        var s = (state ?? throw new InvalidOperationException($"'{e.GetType().Name}' before the case was registered.")) with { UpdatedAt = e.At };
        if (e is Accepted or Rejected or Answered or Dispatched && Parties.IsMachine(s.Owner))
        {
            s = s with { Owner = e.Actor };
        }

        return e switch
        {
            Accepted a => s with { Status = CaseStatus.Accepted, Category = a.Category, Kind = a.Kind ?? s.Kind, Target = a.Target ?? s.Target },
            Reclassified x => s with { Kind = x.Kind ?? s.Kind, Category = x.Category ?? s.Category, Target = x.Target ?? s.Target },
            Rejected => s with { Status = CaseStatus.Rejected, ClosedAt = e.At },
            Answered => s with { Status = CaseStatus.Answered, ClosedAt = e.At },
            Dispatched d => s with { Status = d.AwaitingApproval ? CaseStatus.PendingApproval : CaseStatus.Dispatched, Department = d.Department, DispatchedAt = s.DispatchedAt ?? e.At },
            DispatchApproved d => s with { Status = CaseStatus.Dispatched, Department = d.Department },
            DispatchRefused => s with { Status = CaseStatus.Accepted, Department = null, Handler = null },
            Signed => s with { Status = CaseStatus.InProgress, Handler = e.Actor },
            Returned => s with { Status = CaseStatus.Returned, Department = null, Handler = null, Returns = s.Returns + 1, PendingExtension = null },
            // Handed back to the platform it came from: ended here, as a rejection is (the history tells which).
            ReturnedToSource => s with { Status = CaseStatus.Rejected, Department = null, Handler = null, PendingExtension = null, ClosedAt = e.At },
            ExtensionRequested x => s with { PendingExtension = new PendingExtension(x.Until, x.Reason, e.Actor, e.At) },
            ExtensionDecided x => s with { PendingExtension = null, ExtendedUntil = x.Approved ? x.Until : s.ExtendedUntil },
            ResultReported x => s with { Status = CaseStatus.Resolved, Result = x.Result, PendingExtension = null, ResolvedAt = e.At, CallbackAttempts = 0 },
            CallbackRecorded c => s with { Satisfaction = c.Satisfaction, CallbackAt = e.At, Callbacks = s.Callbacks + 1 },
            CallbackNotReached x => s with { CallbackAttempts = x.Attempt },
            // A new round: the old result, the old round's extension and its signer no longer apply.
            Redispatched d => s.NewRound() with { Status = CaseStatus.Dispatched, Department = d.Department },
            // The department stays until the leader approves it or names another.
            Escalated => s.NewRound() with { Status = CaseStatus.PendingApproval },
            Closed => s with { Status = CaseStatus.Closed, ClosedAt = e.At },
            Recomplained x => s with { Recomplaints = [.. s.Recomplaints, x.NewNumber] },
            Flagged x => s with { Flags = x.Flags, Responsible = x.Responsible },
            AttachmentAdded => s with { Attachments = s.Attachments + 1 },
            ClockStarted c => s with { Clocks = [.. s.Clocks.Where(x => x.Name != c.Name), new ClockState(c.Name, c.StartedAt, c.WarnAt, c.DueAt, ClockStatus.Running, c.Department)] },
            // A warning already given stands while the new warning time has passed too (it is recorded once).
            ClockRescheduled c => s.WithClock(c.Name, x => x with { WarnAt = c.WarnAt, DueAt = c.DueAt, Status = x.Status == ClockStatus.Warned && c.WarnAt <= e.At ? ClockStatus.Warned : ClockStatus.Running }),
            ClockWarned c => s.WithClock(c.Name, x => x with { Status = ClockStatus.Warned }),
            ClockBreached c => s.WithClock(c.Name, x => x with { Status = ClockStatus.Breached }) with
            {
                ResolutionBreached = s.ResolutionBreached || c.Name == CaseDecider.ResolutionClock,
            },
            ClockStopped c => s.WithClock(c.Name, x => x with
            {
                StoppedAt = e.At,
                Status = x.Status == ClockStatus.Breached ? ClockStatus.Breached : c.Met ? ClockStatus.Met : ClockStatus.Stopped,
            }),
            // Recorded in the history only: listed in Ignored.
            Supervised or ContactViewed => s,
            _ => throw new InvalidOperationException($"CaseState.Apply does not know '{e.GetType().Name}': make it change the state or list it in Ignored."),
        };
    }

    /// <summary>Who each round is counted against is in its event (<see cref="Redispatched.ChargedTo"/>, <see cref="Escalated.Against"/>).</summary>
    private CaseState NewRound() => this with
    {
        Redispatches = Redispatches + 1,
        Result = null,
        ExtendedUntil = null,
        Handler = null,
    };

    private CaseState WithClock(string name, Func<ClockState, ClockState> change) =>
        this with { Clocks = [.. Clocks.Select(c => c.Name == name ? change(c) : c)] };
}

public sealed record PendingExtension(DateTimeOffset Until, string Reason, string RequestedBy, DateTimeOffset RequestedAt);
