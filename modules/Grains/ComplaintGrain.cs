using Complaints.Cases;
using Complaints.Storage;
using Complaints.Tenants;
using Microsoft.Extensions.Logging;

namespace Complaints.Grains;

/// <summary>
/// One complaint. Its state is the fold of its stored events; every accepted command is decided by the pure
/// state machine, appended with the ledger row in one transaction, and only then applied in memory.
/// </summary>
public sealed class ComplaintGrain(
    ICaseEventStore store,
    TenantDirectory tenants,
    TimeProvider time,
    ILogger<ComplaintGrain> logger) : Grain, IComplaintGrain
{
    private readonly List<CaseEvent> _events = [];
    private string _tenant = "";
    private string _number = "";
    private CaseState? _state;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _number) = ComplaintKey.Parse(this.GetPrimaryKeyString());
        await LoadAsync(cancellationToken);
    }

    public async Task<CaseOutcome> Register(RegisterComplaintRequest request, ActorInfo actor)
    {
        if (_state is not null)
        {
            return new CaseOutcome(OutcomeKind.Conflict, Message: $"Case {_number} is already registered.");
        }

        if (tenants.Find(_tenant) is not { } tenant)
        {
            return new CaseOutcome(OutcomeKind.NotFound, Message: $"Unknown tenant '{_tenant}'.");
        }

        var (command, refusal) = CaseRequests.ToRegister(_tenant, _number, request);
        return refusal is not null
            ? Refused(refusal)
            : await DecideAndCommitAsync(command!, actor, CaseRequests.RulesOf(tenant), OutcomeKind.Created);
    }

    public async Task<CaseOutcome> Act(CaseActionRequest action, ActorInfo actor)
    {
        if (Visible(actor) is { } hidden)
        {
            return hidden;
        }

        var (command, refusal) = CaseRequests.ToCommand(action);
        return refusal is not null ? Refused(refusal) : await DecideAndCommitAsync(command!, actor);
    }

    public Task<CaseOutcome> Get(ActorInfo actor) =>
        Task.FromResult(Visible(actor) ?? new CaseOutcome(OutcomeKind.Ok, CaseViews.From(_state!, _events)));

    public async Task<ContactOutcome> ViewContact(ActorInfo actor)
    {
        if (Visible(actor) is { } hidden)
        {
            return new ContactOutcome(hidden.Kind, Message: hidden.Message);
        }

        var outcome = await DecideAndCommitAsync(new ViewContact(), actor);
        return outcome.Succeeded
            ? new ContactOutcome(OutcomeKind.Ok, CaseViews.ToInput(_state!.Complainant))
            : new ContactOutcome(outcome.Kind, Message: outcome.Message);
    }

    public async Task<CaseOutcome> LinkRecomplaint(string newNumber, ActorInfo actor) =>
        _state is null
            ? new CaseOutcome(OutcomeKind.NotFound, Message: $"Case {_number} does not exist.")
            : await DecideAndCommitAsync(new LinkRecomplaint(newNumber), actor);

    private CaseOutcome? Visible(ActorInfo actor)
    {
        if (_state is null)
        {
            // Nothing to keep in memory for a number that does not exist.
            DeactivateOnIdle();
            return new CaseOutcome(OutcomeKind.NotFound, Message: $"Case {_number} does not exist.");
        }

        return CaseDecider.CanView(_state, CaseRequests.ToActor(actor))
            ? null
            : new CaseOutcome(OutcomeKind.Forbidden, Message: $"Case {_number} belongs to another department.");
    }

    private async Task<CaseOutcome> DecideAndCommitAsync(CaseCommand command, ActorInfo actorInfo, CaseRules? rules = null, OutcomeKind success = OutcomeKind.Ok)
    {
        if (rules is null)
        {
            if (tenants.Find(_tenant) is not { } tenant)
            {
                return new CaseOutcome(OutcomeKind.NotFound, Message: $"Unknown tenant '{_tenant}'.");
            }

            rules = CaseRequests.RulesOf(tenant);
        }

        var decision = CaseDecider.Decide(_state, command, new DecisionContext(time.GetUtcNow(), CaseRequests.ToActor(actorInfo), rules));
        if (decision.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        var next = decision.Events.Aggregate(_state, CaseState.Apply)!;
        var version = _events.Count;
        var stored = decision.Events
            .Select((e, i) => new StoredEvent(version + i + 1, EventCodec.NameOf(e), e.At, e.Actor, EventCodec.Serialize(e)))
            .ToList();
        var result = await store.AppendAsync(new CaseAppend(_tenant, _number, version, stored, CaseViews.LedgerOf(next)));
        switch (result.Status)
        {
            case AppendStatus.Appended:
                _state = next;
                _events.AddRange(decision.Events);
                return new CaseOutcome(success, CaseViews.From(_state, _events));
            case AppendStatus.DuplicateIntake:
                DeactivateOnIdle();
                return new CaseOutcome(OutcomeKind.Duplicate, Message: result.ExistingNumber);
            default:
                logger.LogWarning("Case {Tenant}/{Number} was changed elsewhere; reloading", _tenant, _number);
                await LoadAsync(CancellationToken.None);
                return new CaseOutcome(OutcomeKind.Conflict, Message: $"Case {_number} was changed at the same time by someone else: reload it and try again.");
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
    }

    private static CaseOutcome Refused(Refusal refusal) => new(
        refusal.Kind switch
        {
            RefusalKind.Invalid => OutcomeKind.Invalid,
            RefusalKind.Forbidden => OutcomeKind.Forbidden,
            _ => OutcomeKind.Conflict,
        },
        Message: refusal.Message,
        Field: refusal.Field);
}
