namespace Complaints.Cases;

public enum RefusalKind
{
    /// <summary>The input is wrong (400): <see cref="Refusal.Field"/> names the field.</summary>
    Invalid,
    /// <summary>Not allowed in the case's current status (409).</summary>
    Conflict,
    /// <summary>This actor may not do this (403).</summary>
    Forbidden,
}

public sealed record Refusal(RefusalKind Kind, string Message, string? Field = null);

/// <summary>Either the events a command produces, or why it was refused. Nothing changes on a refusal.</summary>
public sealed record Decision(IReadOnlyList<CaseEvent> Events, Refusal? Refusal)
{
    public bool IsRefused => Refusal is not null;

    public static Decision Of(params CaseEvent[] events) => new(events, null);

    public static Decision Refuse(RefusalKind kind, string message, string? field = null) => new([], new Refusal(kind, message, field));
}

/// <summary>The time, the actor and the tenant's rules a decision is taken under.</summary>
public sealed record DecisionContext(DateTimeOffset Now, Actor Actor, CaseRules Rules);

/// <summary>
/// The complaint lifecycle (docs/domain.md, lifecycle and actions): register → accept | reject | answer → dispatch (→ leader approval)
/// → sign | return → extension → report result → callback → closed, or back to the department when the
/// customer is not satisfied. Pure: the same state, command and context always give the same decision.
/// </summary>
public static class CaseDecider
{
    /// <summary>The clock an approved extension moves.</summary>
    public const string ResolutionClock = "resolution";

    private const int MaxText = 4000;

    /// <summary>How far a client's clock may run ahead of ours when it says when an item was received.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    private static readonly Role[] Desk = [Role.Agent, Role.Supervisor];
    private static readonly Role[] Oversight = [Role.Supervisor, Role.Leader];

    public static Decision Decide(CaseState? state, CaseCommand command, DecisionContext context)
    {
        if (command is Register register)
        {
            return state is null
                ? DecideRegister(register, context)
                : Decision.Refuse(RefusalKind.Conflict, $"Case {register.Number} is already registered.");
        }

        if (state is null)
        {
            throw new InvalidOperationException("Only a registration can start a case.");
        }

        var actor = context.Actor;
        var now = context.Now;
        return command switch
        {
            Accept c => Allow(actor, Desk) ?? InStatus(state, "accepted", CaseStatus.Registered)
                ?? KnownCategory(c.Category, context.Rules)
                ?? TextTooLong(c.Note, "note")
                ?? Emit(new Accepted(c.Category.Trim(), Blank(c.Note)), context),

            Reject c => Allow(actor, Desk) ?? InStatus(state, "rejected", CaseStatus.Registered)
                ?? Required(c.Reason, "reason")
                ?? Emit(new Rejected(c.Reason.Trim()), context),

            Answer c => Allow(actor, Desk) ?? InStatus(state, "answered", CaseStatus.Registered, CaseStatus.Accepted)
                ?? (state.Kind is ComplaintKind.Complaint or ComplaintKind.Repair
                    ? Decision.Refuse(RefusalKind.Conflict, $"A {Words.Of(state.Kind)} must be handled by a department; only inquiries, suggestions and praise are answered and closed on the spot.")
                    : null)
                ?? Required(c.Reply, "reply")
                ?? Emit(new Answered(c.Reply.Trim()), context),

            Dispatch c => Allow(actor, Desk) ?? InStatus(state, "dispatched", CaseStatus.Accepted, CaseStatus.Returned)
                ?? KnownDepartment(c.Department, context.Rules)
                ?? TextTooLong(c.Note, "note")
                ?? Emit(new Dispatched(c.Department.Trim(), Blank(c.Note), context.Rules.RequiresApproval(state.Channel)), context),

            ApproveDispatch c => Allow(actor, Role.Leader) ?? InStatus(state, "approved for dispatch", CaseStatus.PendingApproval)
                ?? TextTooLong(c.Note, "note")
                ?? Emit(new DispatchApproved(state.Department!, Blank(c.Note)), context),

            Sign => OwnDepartment(state, actor) ?? InStatus(state, "signed for", CaseStatus.Dispatched)
                ?? Emit(new Signed(state.Department!), context),

            Return c => OwnDepartment(state, actor) ?? InStatus(state, "returned", CaseStatus.Dispatched, CaseStatus.InProgress)
                ?? Required(c.Reason, "reason")
                ?? Emit(new Returned(state.Department!, c.Reason.Trim()), context),

            ReturnToSource c => Allow(actor, Desk) ?? InStatus(state, "returned to its source", CaseStatus.Registered, CaseStatus.Accepted, CaseStatus.Returned)
                ?? (CaseRules.ReturnsToSource(state.Channel) ? null : Decision.Refuse(RefusalKind.Conflict, $"Items from channel '{state.Channel}' have no platform to be returned to; reject the case instead."))
                ?? Required(c.Reason, "reason")
                ?? Emit(new ReturnedToSource(c.Reason.Trim()), context),

            RequestExtension c => OwnDepartment(state, actor) ?? InStatus(state, "extended", CaseStatus.Dispatched, CaseStatus.InProgress)
                ?? (state.PendingExtension is not null ? Decision.Refuse(RefusalKind.Conflict, "An extension request is already waiting for a decision.") : null)
                ?? (state.Clock(ResolutionClock) is { IsOverdue: true } ? Decision.Refuse(RefusalKind.Conflict, "The deadline has passed: an extension must be asked for before it (seed 000 art. 14).") : null)
                ?? Required(c.Reason, "reason")
                ?? (c.Until <= now ? Decision.Refuse(RefusalKind.Invalid, "The new deadline must be in the future.", "until") : null)
                ?? Emit(new ExtensionRequested(c.Until, c.Reason.Trim()), context),

            DecideExtension c => Allow(actor, Oversight) ?? InStatus(state, "given an extension decision", CaseStatus.Dispatched, CaseStatus.InProgress)
                ?? (state.PendingExtension is null ? Decision.Refuse(RefusalKind.Conflict, "No extension request is waiting for a decision.") : null)
                ?? (c.Approve && state.PendingExtension!.Until <= now ? Decision.Refuse(RefusalKind.Conflict, "The requested date has already passed: deny it and let the department ask again.") : null)
                ?? (c.Approve && state.Clock(ResolutionClock) is { IsOverdue: true } ? Decision.Refuse(RefusalKind.Conflict, "The deadline passed before the decision: the breach stands; deny the request.") : null)
                ?? TextTooLong(c.Note, "note")
                ?? Emit(new ExtensionDecided(c.Approve, state.PendingExtension!.Until, Blank(c.Note)), context),

            ReportResult c => OwnDepartment(state, actor) ?? InStatus(state, "resolved", CaseStatus.InProgress)
                ?? Required(c.Result, "result")
                ?? TextTooLong(c.Measures, "measures")
                ?? TextTooLong(c.Accountability, "accountability")
                ?? TextTooLong(c.Compensation, "compensation")
                ?? Emit(new ResultReported(c.Result.Trim(), Blank(c.Measures), Blank(c.Accountability), Blank(c.Compensation)), context),

            RecordCallback c => Allow(actor, Desk) ?? InStatus(state, "called back", CaseStatus.Resolved)
                ?? TextTooLong(c.Note, "note")
                ?? (c.Satisfaction == Satisfaction.Unsatisfied
                    ? Emit(context, new CallbackRecorded(c.Satisfaction, Blank(c.Note)), new Redispatched(state.Department!, "The customer was not satisfied with the result."))
                    : Emit(context, new CallbackRecorded(c.Satisfaction, Blank(c.Note)), new Closed("The customer was satisfied."))),

            Supervise c => Allow(actor, Oversight) ?? (state.IsOpen ? null : Decision.Refuse(RefusalKind.Conflict, $"Case {state.Number} is {Words.Of(state.Status)}: there is nothing left to supervise."))
                ?? Required(c.Note, "note")
                ?? Emit(new Supervised(c.Note.Trim()), context),

            ViewContact => (actor.Role is Role.Agent or Role.Supervisor || (actor.Role == Role.Handler && actor.Department is not null && actor.Department == state.Department)
                    ? null
                    : Decision.Refuse(RefusalKind.Forbidden, "Only the people who must call the customer back may see the contact."))
                ?? Emit(new ContactViewed(), context),

            LinkRecomplaint c => Allow(actor, Role.System, Role.Channel, Role.Agent, Role.Supervisor)
                ?? Required(c.NewNumber, "newNumber")
                ?? (c.NewNumber.Trim() == state.Number ? Decision.Refuse(RefusalKind.Invalid, "A case cannot be a re-complaint of itself.", "newNumber") : null)
                ?? (state.Recomplaints.Contains(c.NewNumber.Trim()) ? Decision.Of() : Emit(new Recomplained(c.NewNumber.Trim()), context)),

            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown command."),
        };
    }

    /// <summary>Who may see a case: everyone of the tenant, except that a department handler sees only its own cases.</summary>
    public static bool CanView(CaseState state, Actor actor) =>
        actor.Role != Role.Handler || (state.Department is not null && state.Department == actor.Department);

    /// <summary>Checks a registration's input without a case number, so bad input costs no number.</summary>
    public static Refusal? ValidateRegistration(Register c, CaseRules rules, Actor actor, DateTimeOffset now)
    {
        if (actor.Role is not (Role.Agent or Role.Supervisor or Role.Channel or Role.System or Role.Admin))
        {
            return new Refusal(RefusalKind.Forbidden, "Only customer-service staff and channels register complaints.");
        }

        return (Required(c.Channel, "channel")
            ?? Required(c.Content, "content")
            ?? TextTooLong(c.Content, "content")
            ?? (string.IsNullOrWhiteSpace(c.Category) ? null : KnownCategory(c.Category, rules))
            ?? (c.ExternalId is { Length: > 128 } ? Decision.Refuse(RefusalKind.Invalid, "At most 128 characters.", "externalId") : null)
            ?? (c.ReceivedAt > now + ClockTolerance ? Decision.Refuse(RefusalKind.Invalid, "An item cannot be received in the future.", "receivedAt") : null)
            ?? (c.Complainant?.Phone is { } phone && !string.IsNullOrWhiteSpace(phone) && !IsPhone(phone) ? Decision.Refuse(RefusalKind.Invalid, "A phone number has 5 to 20 digits, optionally with +, - and spaces.", "complainant.phone") : null)
            ?? TooLong(c.Complainant?.Name, 100, "complainant.name")
            ?? TooLong(c.Complainant?.Address, 500, "complainant.address")
            ?? TooLong(c.Complainant?.AccountNo, 64, "complainant.accountNo")
            ?? TooLong(c.Location, 500, "location")
            ?? TooLong(c.Target?.Name, 100, "target.name")
            ?? (c.Target is { Type: not TargetType.Company } t && string.IsNullOrWhiteSpace(t.Name) ? Decision.Refuse(RefusalKind.Invalid, "Name the department or staff member the complaint is about.", "target.name") : null))?.Refusal;
    }

    private static Decision DecideRegister(Register c, DecisionContext context)
    {
        if (ValidateRegistration(c, context.Rules, context.Actor, context.Now) is { } refusal)
        {
            return new Decision([], refusal);
        }

        var complainant = c.Complainant ?? new Complainant(Anonymous: true);
        return Emit(
            new Registered(
                c.Tenant,
                c.Number,
                c.Channel.Trim(),
                c.Kind,
                c.Content.Trim(),
                Blank(c.Category),
                c.ReceivedAt ?? context.Now,
                Blank(c.ExternalId),
                complainant,
                c.Target,
                Blank(c.Location),
                Blank(c.RecomplaintOf),
                c.ExternalDeadline),
            context);
    }

    private static bool IsPhone(string phone)
    {
        var digits = phone.Count(char.IsAsciiDigit);
        return digits is >= 5 and <= 20 && phone.All(ch => char.IsAsciiDigit(ch) || ch is '+' or '-' or ' ');
    }

    private static Decision Emit(CaseEvent e, DecisionContext context) => Emit(context, e);

    private static Decision Emit(DecisionContext context, params CaseEvent[] events) =>
        new([.. events.Select(e => e with { At = context.Now, Actor = context.Actor.User })], null);

    private static Decision? Allow(Actor actor, params Role[] roles) =>
        roles.Contains(actor.Role) ? null : Decision.Refuse(RefusalKind.Forbidden, $"A {Words.Of(actor.Role)} may not do this.");

    private static Decision? OwnDepartment(CaseState state, Actor actor) =>
        actor.Role == Role.Handler && actor.Department is not null && actor.Department == state.Department
            ? null
            : Decision.Refuse(RefusalKind.Forbidden, "Only the handling department of this case may do this.");

    private static Decision? InStatus(CaseState state, string what, params CaseStatus[] allowed) =>
        allowed.Contains(state.Status)
            ? null
            : Decision.Refuse(RefusalKind.Conflict, $"Case {state.Number} is {Words.Of(state.Status)}: it cannot be {what} now.");

    private static Decision? Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? Decision.Refuse(RefusalKind.Invalid, "This field is required.", field) : TextTooLong(value, field);

    private static Decision? TextTooLong(string? value, string field) => TooLong(value, MaxText, field);

    private static Decision? TooLong(string? value, int max, string field) =>
        value is { } v && v.Length > max ? Decision.Refuse(RefusalKind.Invalid, $"At most {max} characters.", field) : null;

    private static Decision? KnownCategory(string? category, CaseRules rules) =>
        string.IsNullOrWhiteSpace(category)
            ? Decision.Refuse(RefusalKind.Invalid, "This field is required.", "category")
            : rules.Categories.Contains(category.Trim())
                ? null
                : Decision.Refuse(RefusalKind.Invalid, $"Unknown category '{category}'. Known: {string.Join(", ", rules.Categories.Order())}.", "category");

    private static Decision? KnownDepartment(string? department, CaseRules rules) =>
        string.IsNullOrWhiteSpace(department)
            ? Decision.Refuse(RefusalKind.Invalid, "This field is required.", "department")
            : rules.Departments.Contains(department.Trim())
                ? null
                : Decision.Refuse(RefusalKind.Invalid, $"Unknown department '{department}'. Known: {string.Join(", ", rules.Departments.Order())}.", "department");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
