using Complaints.Cases;
using Complaints.Commits;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Reminders;

namespace Complaints.Grains;

/// <summary>
/// One complaint. Its state is the fold of its stored events; every accepted command is planned by the pure
/// <see cref="CasePlan"/> (decision, clock events, ledger row, notices, breaches, outbox), appended in one
/// transaction, and only then applied in memory. One reminder per case wakes it at the nearest warning or
/// deadline; it is re-armed or removed after every change, and on every tick and activation the grain works
/// out from its own state what has fallen due, so a tick missed while the host was down loses nothing.
/// <para>
/// The clocks' own work — a reminder tick, a wake-up from the clock sweep, an activation that finds something due —
/// runs only when the host's <see cref="CatchUpGate"/> admits it, and the case's events are read inside the gate too
/// (a case loads on its first call, not on activation): during a deadline storm the ticks wait there and intake keeps
/// the host. A user's command catches its own case up first, without waiting for the gate.
/// </para>
/// <remarks>
/// Its grain type stays <c>complaint</c>, the name it had as ComplaintGrain: reminder rows and grain directories of
/// existing installations are keyed by it (<c>complaint/{tenant}/{number}</c>).
/// </remarks>
[GrainType(CaseGrainType)]
public sealed class CaseGrain(
    ICaseEventStore store,
    TenantDirectory tenants,
    TenantClocks clocks,
    CatchUpGate catchUps,
    [FromKeyedServices(ReminderTimeProviderNames.Reminders)] TimeProvider time,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain, IRemindable
{
    /// <summary>The stored grain type of a case; never change it.</summary>
    public const string CaseGrainType = "complaint";

    private const string SlaReminder = "sla";

    /// <summary>Orleans' shortest reminder period: a safety net between the precise due-time ticks.</summary>
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly List<CaseEvent> _events = [];
    private string _tenant = "";
    private string _number = "";
    private CaseState? _state;
    private DateTimeOffset? _armedFor;
    private bool _armedUnknown = true;
    private IGrainReminder? _reminder;
    private bool _loaded;
    private IGrainTimer? _followUp;

    private CaseClockEngine? Engine => clocks.For(_tenant);

    /// <summary>The tenant's departments with a duty phone for staff SMS (read from its settings once per tenant).</summary>
    private IReadOnlySet<string>? SmsDepartments => tenants.Find(_tenant) is { } tenant ? CaseRequests.SmsDepartmentsOf(tenant) : null;

    /// <summary>Reads nothing yet: a reminder's activation reads the case once the catch-up gate admits it.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _number) = CaseKey.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        GrainsMetrics.ReminderTick(_tenant, status, time.GetUtcNow());
        return CatchUpAdmittedAsync();
    }

    public async Task<CaseOutcome> Register(RegisterComplaintRequest request, ActorInfo actor)
    {
        // A registration's number is a new one (handed out from the number blocks): there is nothing to read, and a
        // read per registration would be a round trip for nothing. Should the number be taken after all, the append's
        // claim finds the stored case and writes nothing, and the case is read then.
        _loaded = true;
        if (_state is not null)
        {
            return AlreadyRegistered(actor);
        }

        if (tenants.Find(_tenant) is not { } tenant)
        {
            return new CaseOutcome(OutcomeKind.NotFound, Message: actor.Read(new Text(TextKeys.Access.UnknownTenant, _tenant)));
        }

        var (command, refusal) = CaseRequests.ToRegister(_tenant, _number, request);
        if (refusal is not null)
        {
            return Refused(refusal, actor);
        }

        var outcome = await DecideAndCommitAsync(command!, actor, CaseRequests.RulesOf(tenant), OutcomeKind.Created, request.ReplyTo);
        return outcome.Kind == OutcomeKind.Conflict && _state is not null ? AlreadyRegistered(actor) : outcome;
    }

    private CaseOutcome AlreadyRegistered(ActorInfo actor) =>
        new(OutcomeKind.Conflict, Message: actor.Read(new Text(TextKeys.Refusals.AlreadyRegistered, _number)));

    public async Task<CaseOutcome> Act(CaseActionRequest action, ActorInfo actor)
    {
        await LoadForRequestAsync();
        if (Visible(actor) is { } hidden)
        {
            return hidden;
        }

        var (command, refusal) = CaseActions.ToCommand(action);
        return refusal is not null ? Refused(refusal, actor) : await DecideAndCommitAsync(command!, actor);
    }

    public async Task<CaseOutcome> Get(ActorInfo actor)
    {
        await LoadForRequestAsync();
        return Visible(actor) ?? new CaseOutcome(OutcomeKind.Ok, CaseViews.From(_state!, _events, clocks.Calendar));
    }

    public Task<ContactOutcome> ViewContact(ActorInfo actor) => ViewContact(actor, null);

    public async Task<ContactOutcome> ViewContact(ActorInfo actor, string? reason)
    {
        await LoadForRequestAsync();
        if (Visible(actor) is { } hidden)
        {
            return new ContactOutcome(hidden.Kind, Message: hidden.Message);
        }

        var outcome = await DecideAndCommitAsync(new ViewContact(reason), actor);
        return outcome.Succeeded
            ? new ContactOutcome(OutcomeKind.Ok, CaseViews.ToInput(_state!.Complainant))
            : new ContactOutcome(outcome.Kind, Message: outcome.Message);
    }

    public async Task<IReadOnlyList<string>> Actions(ActorInfo actor)
    {
        await LoadForRequestAsync();
        if (Visible(actor) is not null)
        {
            return [];
        }

        var who = CaseRequests.ToActor(actor);
        return [.. CaseActions.All.Where(a => CaseDecider.Permit(_state!, a.Command, who) is null).Select(a => a.Route)];
    }

    public async Task<CaseOutcome> Attach(AttachRequest file, ActorInfo actor)
    {
        await LoadForRequestAsync();
        return Visible(actor) ?? await DecideAndCommitAsync(new Attach(CaseRequests.ToFile(file)), actor);
    }

    public async Task<CaseOutcome> MayAttach(AttachRequest file, ActorInfo actor)
    {
        await LoadForRequestAsync();
        if (Visible(actor) is { } hidden)
        {
            return hidden;
        }

        if (tenants.Find(_tenant) is not { } tenant)
        {
            return new CaseOutcome(OutcomeKind.NotFound, Message: actor.Read(new Text(TextKeys.Access.UnknownTenant, _tenant)));
        }

        // Decided exactly as Attach will decide it, so a file that would be refused is never stored.
        var context = new DecisionContext(time.GetUtcNow(), CaseRequests.ToActor(actor), CaseRequests.RulesOf(tenant));
        var decision = CaseDecider.Decide(_state, new Attach(CaseRequests.ToFile(file)), context);
        return decision.Refusal is { } refusal ? Refused(refusal, actor) : new CaseOutcome(OutcomeKind.Ok);
    }

    public Task Wake() => CatchUpAdmittedAsync();

    public async Task<CaseOutcome> LinkRecomplaint(string newNumber, ActorInfo actor)
    {
        await LoadForRequestAsync();
        return _state is null
            ? new CaseOutcome(OutcomeKind.NotFound, Message: actor.Read(new Text(TextKeys.Refusals.NotFound, _number)))
            : await DecideAndCommitAsync(new LinkRecomplaint(newNumber), actor);
    }

    private CaseOutcome? Visible(ActorInfo actor)
    {
        if (_state is null)
        {
            // Nothing to keep in memory for a number that does not exist.
            DeactivateOnIdle();
            return new CaseOutcome(OutcomeKind.NotFound, Message: actor.Read(new Text(TextKeys.Refusals.NotFound, _number)));
        }

        return CaseDecider.CanView(_state, CaseRequests.ToActor(actor))
            ? null
            : new CaseOutcome(OutcomeKind.Forbidden, Message: actor.Read(new Text(TextKeys.Refusals.OtherDepartment, _number)));
    }

    private async Task<CaseOutcome> DecideAndCommitAsync(CaseCommand command, ActorInfo actorInfo, CaseRules? rules = null, OutcomeKind success = OutcomeKind.Ok, string? replyTo = null)
    {
        if (rules is null)
        {
            if (tenants.Find(_tenant) is not { } tenant)
            {
                return new CaseOutcome(OutcomeKind.NotFound, Message: actorInfo.Read(new Text(TextKeys.Access.UnknownTenant, _tenant)));
            }

            rules = CaseRequests.RulesOf(tenant);
        }

        // Whatever fell due before this command is recorded first, so the command is decided on the true state; the
        // reminder follows after the reply.
        if (await RecordDueAsync(WriteLane.Requests))
        {
            FollowUpSoon();
        }

        var context = new DecisionContext(time.GetUtcNow(), CaseRequests.ToActor(actorInfo), rules);
        var (commit, refusal) = CasePlan.Decide(_state, _events.Count, command, context, Engine, replyTo, SmsDepartments);
        if (refusal is not null)
        {
            return Refused(refusal, actorInfo);
        }

        var result = await AppendAsync(commit!);
        switch (result.Status)
        {
            case AppendStatus.Appended:
                FollowUpSoon();
                return new CaseOutcome(success, CaseViews.From(_state!, _events, clocks.Calendar));
            case AppendStatus.DuplicateIntake:
                DeactivateOnIdle();
                return new CaseOutcome(OutcomeKind.Duplicate, Message: result.ExistingNumber);
            default:
                return new CaseOutcome(OutcomeKind.Conflict, Message: actorInfo.Read(new Text(TextKeys.Refusals.ChangedConcurrently, _number)));
        }
    }

    /// <summary>
    /// The clocks' own catch-up (a reminder tick, a sweep's wake-up, a follow-up): when something may be due, or the
    /// case has not been read yet, it waits for the host's <see cref="CatchUpGate"/>, then reads the case and records
    /// what is due inside it (ahead of the other waiters when the case is read and a deadline has passed); the reminder
    /// is re-armed after the slot is given back (a reminder update is one small write, and a slot held for it would
    /// halve how many catch-ups the gate lets through).
    /// </summary>
    private async Task CatchUpAdmittedAsync()
    {
        if (!_loaded || IsDue())
        {
            var deadlinePassed = _state is not null && CaseClockEngine.DeadlinePassed(_state, time.GetUtcNow());
            using (await catchUps.EnterAsync(deadlinePassed))
            {
                await EnsureLoadedAsync();
                await RecordDueAsync(WriteLane.Clocks);
            }
        }

        await ArmAsync();
    }

    /// <summary>Something has fallen due that the case has not recorded yet.</summary>
    private bool IsDue() => _state is not null && CaseClockEngine.NextWakeUp(_state) is { } wake && wake <= time.GetUtcNow();

    /// <summary>
    /// Records every warning and breach that is due now, in the writer's <paramref name="lane"/> (a user's command
    /// catches up as part of its request; the clocks' own catch-up gives way to requests); true when something was recorded.
    /// </summary>
    private async Task<bool> RecordDueAsync(WriteLane lane)
    {
        if (_state is null || Engine is not { } engine)
        {
            return false;
        }

        // A conflict means another activation (a moment ago, on another host) wrote first: AppendAsync has reloaded,
        // so what is due is worked out again on the true state — a warning or breach already written is not due.
        for (var attempt = 1; attempt <= 3 && _state is not null; attempt++)
        {
            if (CasePlan.CatchUp(_state, _events.Count, time.GetUtcNow(), engine, SmsDepartments) is not { } due)
            {
                return false;
            }

            var status = (await AppendAsync(due, lane)).Status;
            if (status != AppendStatus.Conflict)
            {
                return status == AppendStatus.Appended;
            }
        }

        return false;
    }

    private async Task<AppendResult> AppendAsync(CaseCommit commit, WriteLane lane = WriteLane.Requests)
    {
        var result = await store.AppendAsync(lane == WriteLane.Requests ? commit.Append : commit.Append with { Lane = lane });
        if (result.Status == AppendStatus.Appended)
        {
            _state = commit.Next;
            _events.AddRange(commit.Events);
        }
        else if (result.Status == AppendStatus.Conflict)
        {
            logger.LogWarning("Case {Tenant}/{Number} was changed elsewhere; reloading", _tenant, _number);
            await LoadAsync(CancellationToken.None);
        }

        return result;
    }

    /// <summary>One reminder, due at the nearest pending warning or deadline; removed when nothing is pending.</summary>
    private async Task ArmAsync()
    {
        var wake = _state is null ? null : CaseClockEngine.NextWakeUp(_state);
        if (!_armedUnknown && wake == _armedFor)
        {
            return;
        }

        if (wake is null)
        {
            await DisarmAsync();
            return;
        }

        // Whole milliseconds, never before the wake-up: the reminder's ticks then fall on the reminder clock's own grid.
        var dueIn = ReminderClock.WholeMilliseconds(wake.Value - time.GetUtcNow());
        _reminder = await this.RegisterOrUpdateReminder(SlaReminder, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, ReminderPeriod);
        (_armedFor, _armedUnknown) = (wake, false);
    }

    /// <summary>
    /// Re-arms the reminder in the grain's next turn (catching up first, through the gate, if something fell due), so
    /// a command's reply waits for one commit (events and ledger row), not two, and a read that activated an overdue
    /// case does not wait for the gate. The wake-up time is already durable in the ledger row: were the host to die
    /// before the reminder row is written, the clock sweep wakes the case once that time has passed
    /// (<see cref="ClockRecovery"/>).
    /// </summary>
    private void FollowUpSoon()
    {
        _followUp?.Dispose();
        _followUp = this.RegisterGrainTimer(
            async _ =>
            {
                _followUp?.Dispose();
                _followUp = null;
                try
                {
                    await CatchUpAdmittedAsync();
                }
                catch (Exception exception)
                {
                    logger.LogWarning(exception, "Case {Tenant}/{Number}: its reminder could not be re-armed; the clock sweep will wake it", _tenant, _number);
                }
            },
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan });
    }

    /// <summary>
    /// Removes the reminder with the handle this activation registered it with, which saves reading its row first (a
    /// round trip per deadline in a storm). The handle is stale when the row was written since (another activation, on
    /// another host, re-armed it): Orleans then refuses the removal, and the row as stored is read and removed.
    /// </summary>
    private async Task DisarmAsync()
    {
        if (_armedUnknown || _armedFor is not null)
        {
            if (_reminder is not { } registered || !await TryUnregisterAsync(registered))
            {
                if (await this.GetReminder(SlaReminder) is { } stored)
                {
                    await this.UnregisterReminder(stored);
                }
            }
        }

        (_reminder, _armedFor, _armedUnknown) = (null, null, false);
    }

    private async Task<bool> TryUnregisterAsync(IGrainReminder reminder)
    {
        try
        {
            await this.UnregisterReminder(reminder);
            return true;
        }
        catch (ReminderException)
        {
            return false;
        }
    }

    /// <summary>
    /// A user's request reads the case on its first call; a case that was overdue when it was read catches up after
    /// the reply, through the gate (a command catches up at once, itself).
    /// </summary>
    private async Task LoadForRequestAsync()
    {
        if (_loaded)
        {
            return;
        }

        await EnsureLoadedAsync();
        if (IsDue())
        {
            FollowUpSoon();
        }
    }

    private async Task EnsureLoadedAsync()
    {
        if (!_loaded)
        {
            await LoadAsync(CancellationToken.None);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _events.Clear();
        _state = null;
        foreach (var s in await store.ReadAsync(_tenant, _number, cancellationToken))
        {
            var e = EventCodec.Deserialize(s.Type, s.At, s.Actor, s.Data);
            _events.Add(e);
            _state = CaseState.Apply(_state, e);
        }

        _loaded = true;
    }

    /// <summary>The refusal as the outcome the caller gets, its message in the caller's language.</summary>
    private static CaseOutcome Refused(Refusal refusal, ActorInfo actor) => new(
        refusal.Kind switch
        {
            RefusalKind.Invalid => OutcomeKind.Invalid,
            RefusalKind.Forbidden => OutcomeKind.Forbidden,
            _ => OutcomeKind.Conflict,
        },
        Message: actor.Read(refusal.Message),
        Field: refusal.Field);
}
