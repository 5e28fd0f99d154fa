namespace Complaints.Cases.Tests;

/// <summary>The tenant, the people and the clock the tests run under.</summary>
internal static class Given
{
    public const string Tenant = "fangyang-water";
    public const string Number = "FY-2026-000001";
    public const string Hotline = "hotline";
    public const string Gov12345 = "gov-12345";
    public const string WeChat = "wechat";
    public const string PipeNetwork = "pipe-network";
    public const string Billing = "billing";
    public const string NoWater = "no-water";
    public const string LowPressure = "low-pressure";
    public const string Mobile = "13812345678";

    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A tenant that needs a leader's approval before transferring 12345 work orders only.</summary>
    public static readonly CaseRules Rules = new(
        new HashSet<string> { NoWater, LowPressure, "billing-dispute", "staff-attitude" },
        new HashSet<string> { PipeNetwork, Billing, "discipline-office" },
        ApprovalChannels: new HashSet<string> { Gov12345 });

    public static readonly CaseRules NoApprovalRules = Rules with { ApprovalChannels = null };

    public static readonly CaseRules ApprovalForAllRules = Rules with { ApprovalForAll = true, ApprovalChannels = null };

    public static readonly Actor Agent = new("agent.li", Role.Agent);
    public static readonly Actor Supervisor = new("supervisor.wang", Role.Supervisor);
    public static readonly Actor Leader = new("leader.zhao", Role.Leader);
    public static readonly Actor Admin = new("admin.it", Role.Admin);
    public static readonly Actor PipeHandler = new("handler.chen", Role.Handler, PipeNetwork);
    public static readonly Actor BillingHandler = new("handler.sun", Role.Handler, Billing);
    public static readonly Actor HandlerWithoutDepartment = new("handler.nobody", Role.Handler);
    public static readonly Actor WeChatChannel = new("channel:wechat", Role.Channel);
    public static readonly Actor SystemActor = new("system", Role.System);

    public static Actor HandlerOf(string? department) => department switch
    {
        PipeNetwork => PipeHandler,
        Billing => BillingHandler,
        null => PipeHandler,
        _ => new Actor($"handler.{department}", Role.Handler, department),
    };

    public static Register Registration(ComplaintKind kind = ComplaintKind.Complaint, string channel = Hotline) =>
        new(
            Tenant,
            Number,
            channel,
            kind,
            "No water on Jiefang Road since this morning.",
            Complainant: new Complainant("Zhang San", Mobile, "12 Jiefang Road", "A-1001"),
            Location: "Jiefang Road");

    /// <summary>Decides a command against a state without applying anything.</summary>
    public static Decision Decide(CaseState? state, CaseCommand command, Actor actor, DateTimeOffset? now = null, CaseRules? rules = null) =>
        CaseDecider.Decide(state, command, new DecisionContext(now ?? T0, actor, rules ?? Rules));

    public static void ShouldBeRefused(this Decision decision, RefusalKind kind, string? field = null)
    {
        decision.Refusal.ShouldNotBeNull($"expected a {kind} refusal, got events: {string.Join(", ", decision.Events.Select(EventCodec.NameOf))}");
        decision.Refusal.Kind.ShouldBe(kind, decision.Refusal.Message.ToString());
        decision.Events.ShouldBeEmpty();
        if (field is not null)
        {
            decision.Refusal.Field.ShouldBe(field, decision.Refusal.Message.ToString());
        }
    }

    public static void ShouldBeAllowed(this Decision decision)
    {
        decision.Refusal.ShouldBeNull(decision.Refusal?.Message.ToString());
        decision.IsRefused.ShouldBeFalse();
        decision.Events.ShouldNotBeEmpty();
    }

    public static string Text(int length) => new('字', length);
}

/// <summary>
/// One case driven through real commands. Every step must succeed; the clock moves a minute per step so that
/// each event's time tells which step made it.
/// </summary>
internal sealed class CaseFlow
{
    private readonly List<CaseEvent> _events = [];
    private CaseState? _state;

    private CaseFlow(CaseRules rules) => Rules = rules;

    public CaseRules Rules { get; }

    public DateTimeOffset Now { get; private set; } = Given.T0;

    public CaseState State => _state ?? throw new InvalidOperationException("Not registered yet.");

    /// <summary>Every event so far, in order: what the store would hold.</summary>
    public IReadOnlyList<CaseEvent> Events => _events;

    /// <summary>The events the latest step produced.</summary>
    public IReadOnlyList<CaseEvent> Last { get; private set; } = [];

    /// <summary>The time the latest step was decided at.</summary>
    public DateTimeOffset LastAt { get; private set; }

    public static CaseFlow Register(ComplaintKind kind = ComplaintKind.Complaint, string channel = Given.Hotline, CaseRules? rules = null) =>
        new CaseFlow(rules ?? Given.Rules).Do(Given.Agent, Given.Registration(kind, channel));

    public static CaseFlow Register(Register command, CaseRules? rules = null, Actor? actor = null) =>
        new CaseFlow(rules ?? Given.Rules).Do(actor ?? Given.Agent, command);

    /// <summary>Decides at the current time without applying: nothing changes.</summary>
    public Decision Try(Actor actor, CaseCommand command) => CaseDecider.Decide(_state, command, new DecisionContext(Now, actor, Rules));

    public CaseFlow Do(Actor actor, CaseCommand command)
    {
        var decision = Try(actor, command);
        decision.Refusal.ShouldBeNull($"{command.GetType().Name} by {actor.Role} in {_state?.Status}: {decision.Refusal?.Message}");
        foreach (var e in decision.Events)
        {
            _state = CaseState.Apply(_state, e);
            _events.Add(e);
        }

        Last = decision.Events;
        LastAt = Now;
        Now = Now.AddMinutes(1);
        return this;
    }

    public CaseFlow Accept(string category = Given.NoWater) => Do(Given.Agent, new Accept(category, "Verified by phone."));

    public CaseFlow Reject() => Do(Given.Agent, new Reject("Private pipes inside the building are the owner's."));

    public CaseFlow Answer() => Do(Given.Agent, new Answer("The office opens at 8:30."));

    public CaseFlow Dispatch(string department = Given.PipeNetwork) => Do(Given.Supervisor, new Dispatch(department, "Please call the customer today."));

    public CaseFlow ApproveDispatch() => Do(Given.Leader, new ApproveDispatch("Approved."));

    public CaseFlow Sign() => Do(Given.HandlerOf(State.Department), new Sign());

    public CaseFlow Return() => Do(Given.HandlerOf(State.Department), new Return("Not ours: a billing matter."));

    public CaseFlow RequestExtension(TimeSpan? by = null) =>
        Do(Given.HandlerOf(State.Department), new RequestExtension(Now + (by ?? TimeSpan.FromDays(3)), "The main needs digging up."));

    public CaseFlow DecideExtension(bool approve) => Do(Given.Supervisor, new DecideExtension(approve, approve ? "Granted." : "Finish on time."));

    public CaseFlow ReportResult() => Do(Given.HandlerOf(State.Department), new ReportResult("Valve replaced; supply restored at 14:00.", "Replaced valve DN100."));

    public CaseFlow Callback(Satisfaction satisfaction) => Do(Given.Agent, new RecordCallback(satisfaction, "Called at 16:00."));

    /// <summary>Drives a new case to the given situation through the commands a user would send.</summary>
    public static CaseFlow Reach(Situation situation, ComplaintKind kind = ComplaintKind.Complaint) => situation switch
    {
        Situation.Registered => Register(kind),
        Situation.Accepted => Register(kind).Accept(),
        Situation.PendingApproval => Register(kind, Given.Gov12345).Accept().Dispatch(),
        Situation.Dispatched => Reach(Situation.Accepted, kind).Dispatch(),
        Situation.DispatchedAwaitingExtension => Reach(Situation.Dispatched, kind).RequestExtension(),
        Situation.InProgress => Reach(Situation.Dispatched, kind).Sign(),
        Situation.InProgressAwaitingExtension => Reach(Situation.InProgress, kind).RequestExtension(),
        Situation.Returned => Reach(Situation.InProgress, kind).Return(),
        Situation.Resolved => Reach(Situation.InProgress, kind).ReportResult(),
        Situation.Redispatched => Reach(Situation.Resolved, kind).Callback(Satisfaction.Unsatisfied),
        Situation.Escalated => Reach(Situation.Resolved, kind).Do(Given.Agent, new RecordCallback(Satisfaction.Unsatisfied, "Wants the manager.", Escalate: true)),
        Situation.NotReached => Reach(Situation.Resolved, kind).Do(Given.Agent, new RecordCallback(null, "No answer.", CallbackOutcome.NotReached)),
        Situation.Closed => Reach(Situation.Resolved, kind).Callback(Satisfaction.Satisfied),
        Situation.Rejected => Register(kind).Reject(),
        Situation.Answered => Register(kind).Answer(),
        _ => throw new ArgumentOutOfRangeException(nameof(situation), situation, null),
    };
}

/// <summary>Where a case can be: every status, plus the variants that change what is allowed.</summary>
public enum Situation
{
    Registered,
    Accepted,
    PendingApproval,
    Dispatched,
    DispatchedAwaitingExtension,
    InProgress,
    InProgressAwaitingExtension,
    Returned,
    Resolved,
    /// <summary>Dispatched again after an unsatisfied callback (the second round).</summary>
    Redispatched,
    /// <summary>Escalated to the leader in charge after an unsatisfied callback: waits for approval, its department kept.</summary>
    Escalated,
    /// <summary>Resolved, after a callback that did not reach the customer.</summary>
    NotReached,
    Closed,
    Rejected,
    Answered,
}

/// <summary>Every command a user can send to an existing case.</summary>
public enum Cmd
{
    Register,
    Accept,
    Reject,
    Answer,
    Dispatch,
    ApproveDispatch,
    Sign,
    Return,
    ReturnToSource,
    RequestExtension,
    DecideExtension,
    ReportResult,
    RecordCallback,
    Supervise,
    ViewContact,
    LinkRecomplaint,
    Reclassify,
    Flag,
    Attach,
}

/// <summary>Who is asking, relative to the case (the handlers are relative to its department).</summary>
public enum Who { Agent, Supervisor, Leader, Admin, OwnHandler, OtherHandler, HandlerWithoutDepartment, Channel, System }

internal static class Commands
{
    /// <summary>The commands only the case's own department may send.</summary>
    public static readonly Cmd[] DepartmentCommands = [Cmd.Sign, Cmd.Return, Cmd.RequestExtension, Cmd.ReportResult];

    /// <summary>A well-formed command, with <paramref name="text"/> (when given) in the field under test.</summary>
    public static CaseCommand Make(Cmd cmd, CaseFlow flow, string? text = null) => cmd switch
    {
        Cmd.Register => Given.Registration(),
        Cmd.Accept => new Accept(text ?? Given.NoWater),
        Cmd.Reject => new Reject(text ?? "Out of scope."),
        Cmd.Answer => new Answer(text ?? "The office opens at 8:30."),
        Cmd.Dispatch => new Dispatch(text ?? Given.Billing),
        Cmd.ApproveDispatch => new ApproveDispatch(text),
        Cmd.Sign => new Sign(),
        Cmd.Return => new Return(text ?? "Mis-routed."),
        Cmd.ReturnToSource => new ReturnToSource(text ?? "Not a water matter: the gas company's."),
        Cmd.RequestExtension => new RequestExtension(flow.Now.AddDays(2), text ?? "Waiting for parts."),
        Cmd.DecideExtension => new DecideExtension(true, text),
        Cmd.ReportResult => new ReportResult(text ?? "Fixed."),
        Cmd.RecordCallback => new RecordCallback(Satisfaction.Satisfied, text),
        Cmd.Supervise => new Supervise(text ?? "Please hurry."),
        Cmd.ViewContact => new ViewContact(),
        Cmd.LinkRecomplaint => new LinkRecomplaint("FY-2026-000002"),
        Cmd.Reclassify => new Reclassify(Category: text ?? Given.LowPressure),
        Cmd.Flag => new Flag([CaseFlag.Threat], "supervisor.wang", text),
        Cmd.Attach => new Attach(new AttachmentFile("file-1", text ?? "leak.jpg", FileTypes.Jpeg, 2048, new string('a', 64))),
        _ => throw new ArgumentOutOfRangeException(nameof(cmd), cmd, null),
    };

    /// <summary>The person who would normally send the command (for department commands: the case's own handler).</summary>
    public static Actor UsualActor(Cmd cmd, CaseFlow flow) => cmd switch
    {
        Cmd.Register or Cmd.Accept or Cmd.Reject or Cmd.Answer or Cmd.RecordCallback or Cmd.ViewContact or Cmd.Reclassify or Cmd.ReturnToSource or Cmd.Attach => Given.Agent,
        Cmd.Dispatch or Cmd.DecideExtension or Cmd.Supervise or Cmd.Flag => Given.Supervisor,
        Cmd.ApproveDispatch => Given.Leader,
        Cmd.Sign or Cmd.Return or Cmd.RequestExtension or Cmd.ReportResult => Given.HandlerOf(flow.State.Department),
        Cmd.LinkRecomplaint => Given.SystemActor,
        _ => throw new ArgumentOutOfRangeException(nameof(cmd), cmd, null),
    };

    public static Actor Resolve(Who who, CaseFlow flow) => who switch
    {
        Who.Agent => Given.Agent,
        Who.Supervisor => Given.Supervisor,
        Who.Leader => Given.Leader,
        Who.Admin => Given.Admin,
        Who.OwnHandler => Given.HandlerOf(flow.State.Department ?? throw new InvalidOperationException("The case has no department.")),
        Who.OtherHandler => flow.State.Department == Given.Billing ? Given.PipeHandler : Given.BillingHandler,
        Who.HandlerWithoutDepartment => Given.HandlerWithoutDepartment,
        Who.Channel => Given.WeChatChannel,
        Who.System => Given.SystemActor,
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
    };
}
