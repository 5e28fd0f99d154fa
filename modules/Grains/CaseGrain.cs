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
/// <remarks>
/// Its grain type stays <c>complaint</c>, the name it had as ComplaintGrain: reminder rows and grain directories of
/// existing installations are keyed by it (<c>complaint/{tenant}/{number}</c>).
/// </remarks>
[GrainType(CaseGrainType)]
public sealed class CaseGrain(
    ICaseEventStore store,
    TenantDirectory tenants,
    TenantClocks clocks,
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
    private IGrainTimer? _armTimer;

    private CaseClockEngine? Engine => clocks.For(_tenant);

    /// <summary>The tenant's departments with a duty phone for staff SMS (read from its settings once per tenant).</summary>
    private IReadOnlySet<string>? SmsDepartments => tenants.Find(_tenant) is { } tenant ? CaseRequests.SmsDepartmentsOf(tenant) : null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _number) = CaseKey.Parse(this.GetPrimaryKeyString());
        await LoadAsync(cancellationToken);
        if (_state is not null)
        {
            await CatchUpAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        GrainsMetrics.ReminderTick(_tenant, status, time.GetUtcNow());
        if (_state is null)
        {
            await DisarmAsync();
            return;
        }

        await CatchUpAsync();
    }

    public async Task<CaseOutcome> Register(RegisterComplaintRequest request, ActorInfo actor)
    {
        if (_state is not null)
        {
            return new CaseOutcome(OutcomeKind.Conflict, Message: actor.Read(new Text(TextKeys.Refusals.AlreadyRegistered, _number)));
        }

        if (tenants.Find(_tenant) is not { } tenant)
        {
            return new CaseOutcome(OutcomeKind.NotFound, Message: actor.Read(new Text(TextKeys.Access.UnknownTenant, _tenant)));
        }

        var (command, refusal) = CaseRequests.ToRegister(_tenant, _number, request);
        return refusal is not null
            ? Refused(refusal, actor)
            : await DecideAndCommitAsync(command!, actor, CaseRequests.RulesOf(tenant), OutcomeKind.Created, request.ReplyTo);
    }

    public async Task<CaseOutcome> Act(CaseActionRequest action, ActorInfo actor)
    {
        if (Visible(actor) is { } hidden)
        {
            return hidden;
        }

        var (command, refusal) = CaseActions.ToCommand(action);
        return refusal is not null ? Refused(refusal, actor) : await DecideAndCommitAsync(command!, actor);
    }

    public Task<CaseOutcome> Get(ActorInfo actor) =>
        Task.FromResult(Visible(actor) ?? new CaseOutcome(OutcomeKind.Ok, CaseViews.From(_state!, _events, clocks.Calendar)));

    public Task<ContactOutcome> ViewContact(ActorInfo actor) => ViewContact(actor, null);

    public async Task<ContactOutcome> ViewContact(ActorInfo actor, string? reason)
    {
        if (Visible(actor) is { } hidden)
        {
            return new ContactOutcome(hidden.Kind, Message: hidden.Message);
        }

        var outcome = await DecideAndCommitAsync(new ViewContact(reason), actor);
        return outcome.Succeeded
            ? new ContactOutcome(OutcomeKind.Ok, CaseViews.ToInput(_state!.Complainant))
            : new ContactOutcome(outcome.Kind, Message: outcome.Message);
    }

    public Task<IReadOnlyList<string>> Actions(ActorInfo actor)
    {
        if (Visible(actor) is not null)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        var who = CaseRequests.ToActor(actor);
        return Task.FromResult<IReadOnlyList<string>>(
            [.. CaseActions.All.Where(a => CaseDecider.Permit(_state!, a.Command, who) is null).Select(a => a.Route)]);
    }

    public async Task<CaseOutcome> Attach(AttachRequest file, ActorInfo actor) =>
        Visible(actor) ?? await DecideAndCommitAsync(new Attach(CaseRequests.ToFile(file)), actor);

    public Task<CaseOutcome> MayAttach(AttachRequest file, ActorInfo actor)
    {
        if (Visible(actor) is { } hidden)
        {
            return Task.FromResult(hidden);
        }

        if (tenants.Find(_tenant) is not { } tenant)
        {
            return Task.FromResult(new CaseOutcome(OutcomeKind.NotFound, Message: actor.Read(new Text(TextKeys.Access.UnknownTenant, _tenant))));
        }

        // Decided exactly as Attach will decide it, so a file that would be refused is never stored.
        var context = new DecisionContext(time.GetUtcNow(), CaseRequests.ToActor(actor), CaseRequests.RulesOf(tenant));
        var decision = CaseDecider.Decide(_state, new Attach(CaseRequests.ToFile(file)), context);
        return Task.FromResult(decision.Refusal is { } refusal ? Refused(refusal, actor) : new CaseOutcome(OutcomeKind.Ok));
    }

    public Task Wake() => CatchUpAsync();

    public async Task<CaseOutcome> LinkRecomplaint(string newNumber, ActorInfo actor) =>
        _state is null
            ? new CaseOutcome(OutcomeKind.NotFound, Message: actor.Read(new Text(TextKeys.Refusals.NotFound, _number)))
            : await DecideAndCommitAsync(new LinkRecomplaint(newNumber), actor);

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

        // Whatever fell due before this command is recorded first, so the command is decided on the true state.
        await CatchUpAsync();

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
                ArmAfterReply();
                return new CaseOutcome(success, CaseViews.From(_state!, _events, clocks.Calendar));
            case AppendStatus.DuplicateIntake:
                DeactivateOnIdle();
                return new CaseOutcome(OutcomeKind.Duplicate, Message: result.ExistingNumber);
            default:
                return new CaseOutcome(OutcomeKind.Conflict, Message: actorInfo.Read(new Text(TextKeys.Refusals.ChangedConcurrently, _number)));
        }
    }

    /// <summary>Records every warning and breach that is due now, then re-arms the reminder.</summary>
    private async Task CatchUpAsync()
    {
        if (_state is null || Engine is not { } engine)
        {
            return;
        }

        // A conflict means another activation (a moment ago, on another host) wrote first: AppendAsync has reloaded,
        // so what is due is worked out again on the true state — a warning or breach already written is not due.
        for (var attempt = 1; attempt <= 3 && _state is not null; attempt++)
        {
            if (CasePlan.CatchUp(_state, _events.Count, time.GetUtcNow(), engine, SmsDepartments) is not { } due
                || (await AppendAsync(due)).Status != AppendStatus.Conflict)
            {
                break;
            }
        }

        await ArmAsync();
    }

    private async Task<AppendResult> AppendAsync(CaseCommit commit)
    {
        var result = await store.AppendAsync(commit.Append);
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

        var dueIn = wake.Value - time.GetUtcNow();
        await this.RegisterOrUpdateReminder(SlaReminder, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, ReminderPeriod);
        (_armedFor, _armedUnknown) = (wake, false);
    }

    /// <summary>
    /// Re-arms the reminder in the grain's next turn, so a command's reply waits for one commit (events and ledger
    /// row), not two. The wake-up time is already durable in the ledger row: were the host to die before the reminder
    /// row is written, the clock sweep wakes the case once that time has passed (<see cref="ClockRecovery"/>).
    /// </summary>
    private void ArmAfterReply()
    {
        _armTimer?.Dispose();
        _armTimer = this.RegisterGrainTimer(
            async _ =>
            {
                _armTimer?.Dispose();
                _armTimer = null;
                try
                {
                    await ArmAsync();
                }
                catch (Exception exception)
                {
                    logger.LogWarning(exception, "Case {Tenant}/{Number}: its reminder could not be re-armed; the clock sweep will wake it", _tenant, _number);
                }
            },
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan });
    }

    private async Task DisarmAsync()
    {
        if (_armedUnknown || _armedFor is not null)
        {
            if (await this.GetReminder(SlaReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }

        (_armedFor, _armedUnknown) = (null, false);
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
