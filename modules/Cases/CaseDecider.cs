using Complaints.Texts;

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

/// <summary>Why a command was refused: a text for the reader, rendered in their language where they are known.</summary>
public sealed record Refusal(RefusalKind Kind, Text Message, string? Field = null);

/// <summary>Either the events a command produces, or why it was refused. Nothing changes on a refusal.</summary>
public sealed record Decision(IReadOnlyList<CaseEvent> Events, Refusal? Refusal)
{
    public bool IsRefused => Refusal is not null;

    public static Decision Of(params CaseEvent[] events) => new(events, null);

    public static Decision Refuse(RefusalKind kind, Text message, string? field = null) => new([], new Refusal(kind, message, field));
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


    private static readonly Role[] Desk = [Role.Agent, Role.Supervisor];
    private static readonly Role[] Oversight = [Role.Supervisor, Role.Leader];

    /// <summary>The open statuses before the department reports its result: where a case may still be reclassified.</summary>
    private static readonly CaseStatus[] BeforeResult =
        [CaseStatus.Registered, CaseStatus.Accepted, CaseStatus.PendingApproval, CaseStatus.Dispatched, CaseStatus.InProgress, CaseStatus.Returned];

    public static Decision Decide(CaseState? state, CaseCommand command, DecisionContext context)
    {
        if (command is Register register)
        {
            return state is null
                ? DecideRegister(register, context)
                : Decision.Refuse(RefusalKind.Conflict, new Text(TextKeys.Refusals.AlreadyRegistered, register.Number));
        }

        if (state is null)
        {
            throw new InvalidOperationException("Only a registration can start a case.");
        }

        var actor = context.Actor;
        var now = context.Now;
        return Permit(state, command.GetType(), actor) ?? command switch
        {
            Accept c => KnownCategory(c.Category, context.Rules)
                ?? ValidTarget(c.Target)
                ?? TextTooLong(c.Note, "note")
                ?? Emit(new Accepted(c.Category.Trim(), Blank(c.Note), c.Kind == state.Kind ? null : c.Kind, c.Target == state.Target ? null : c.Target), context),

            Reclassify c => (c.Kind is null && c.Category is null && c.Target is null ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Refusals.NothingToReclassify)) : null)
                ?? (c.Category is null ? null : KnownCategory(c.Category, context.Rules))
                ?? ValidTarget(c.Target)
                ?? TextTooLong(c.Note, "note")
                ?? DecideReclassify(state, c, context),

            Reject c => Required(c.Reason, "reason")
                ?? Emit(new Rejected(c.Reason.Trim()), context),

            Answer c => (state.Kind is ComplaintKind.Complaint && !c.CustomerAccepted ? Decision.Refuse(RefusalKind.Conflict, new Text(TextKeys.Refusals.ComplaintNotAccepted)) : null)
                ?? Required(c.Reply, "reply")
                ?? Emit(new Answered(c.Reply.Trim(), c.CustomerAccepted), context),

            Dispatch c => DecideDispatch(state, c, context),

            ApproveDispatch c => c.Approve
                ? TextTooLong(c.Note, "note")
                    ?? (c.Department is null ? null : KnownDepartment(c.Department, context.Rules))
                    ?? Emit(new DispatchApproved(Blank(c.Department) ?? state.Department!, Blank(c.Note)), context)
                : Required(c.Note, "note") ?? Emit(new DispatchRefused(state.Department!, c.Note!.Trim()), context),

            Sign => Emit(new Signed(state.Department!), context),

            Return c => Required(c.Reason, "reason")
                ?? Emit(new Returned(state.Department!, c.Reason.Trim()), context),

            ReturnToSource c => Required(c.Reason, "reason")
                ?? Emit(new ReturnedToSource(c.Reason.Trim()), context),

            RequestExtension c => Required(c.Reason, "reason")
                ?? Checked(c.Until, "until")
                ?? (c.Until <= now ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Refusals.FutureDeadline), "until") : null)
                ?? Emit(new ExtensionRequested(c.Until, c.Reason.Trim()), context),

            DecideExtension c => (c.Approve && state.PendingExtension!.Until <= now ? Decision.Refuse(RefusalKind.Conflict, new Text(TextKeys.Refusals.ExtensionDatePassed)) : null)
                ?? (c.Approve && state.Clock(ResolutionClock) is { IsOverdue: true } ? Decision.Refuse(RefusalKind.Conflict, new Text(TextKeys.Refusals.BreachStands)) : null)
                ?? TextTooLong(c.Note, "note")
                ?? Emit(new ExtensionDecided(c.Approve, state.PendingExtension!.Until, Blank(c.Note)), context),

            ReportResult c => Required(c.Result, "result")
                ?? TextTooLong(c.Measures, "measures")
                ?? TextTooLong(c.Accountability, "accountability")
                ?? TextTooLong(c.Compensation, "compensation")
                ?? Emit(new ResultReported(c.Result.Trim(), Blank(c.Measures), Blank(c.Accountability), Blank(c.Compensation)), context),

            RecordCallback c => TextTooLong(c.Note, "note")
                ?? DecideCallback(state, c, context),

            Supervise c => Required(c.Note, "note")
                ?? Emit(new Supervised(c.Note.Trim()), context),

            ViewContact c => TextTooLong(c.Reason, "reason")
                ?? Emit(new ContactViewed(Blank(c.Reason)), context),

            Attach c => AttachmentProblem(c.File, state.Attachments, context.Rules, "file") ?? Emit(Added(c.File), context),

            LinkRecomplaint c => Required(c.NewNumber, "newNumber", InputLimits.Identifier)
                ?? (c.NewNumber.Trim() == state.Number ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Refusals.SelfRecomplaint), "newNumber") : null)
                ?? (state.Recomplaints.Contains(c.NewNumber.Trim()) ? Decision.Of() : Emit(new Recomplained(c.NewNumber.Trim()), context)),

            Flag c => ValidFlags(c.Flags, c.Responsible)
                ?? TextTooLong(c.Note, "note")
                ?? Emit(Flagged(c.Flags, c.Responsible, c.Note), context),

            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown command."),
        };
    }

    /// <summary>
    /// Who may give a command of type <paramref name="command"/> to the case as it stands — role, department, status and
    /// the case's own state — before any input is read: the refusal, or null. <see cref="Decide"/> starts every command
    /// with it, and the workbench offers exactly the actions it lets through (the one place these rules are written).
    /// </summary>
    public static Decision? Permit(CaseState state, Type command, Actor actor) =>
        Guards.TryGetValue(command, out var guard)
            ? guard(state, actor)
            : throw new ArgumentOutOfRangeException(nameof(command), command.Name, "Unknown command.");

    private static readonly Dictionary<Type, Func<CaseState, Actor, Decision?>> Guards = new()
    {
        [typeof(Accept)] = (state, actor) => Allow(actor, Desk) ?? InStatus(state, "accepted", CaseStatus.Registered),
        [typeof(Reclassify)] = (state, actor) => Allow(actor, Desk) ?? InStatus(state, "reclassified", BeforeResult),
        [typeof(Reject)] = (state, actor) => Allow(actor, Desk) ?? InStatus(state, "rejected", CaseStatus.Registered),
        [typeof(Answer)] = (state, actor) => Allow(actor, Desk) ?? InStatus(state, "answered", CaseStatus.Registered, CaseStatus.Accepted)
            ?? (state.Kind is ComplaintKind.Repair ? Decision.Refuse(RefusalKind.Conflict, new Text(TextKeys.Refusals.NotAnswerable, Words.Text(state.Kind))) : null),
        [typeof(Dispatch)] = (state, actor) => Allow(actor, Desk) ?? InStatus(state, "dispatched", CaseStatus.Accepted, CaseStatus.Returned),
        [typeof(ApproveDispatch)] = (state, actor) => Allow(actor, Role.Leader) ?? InStatus(state, "approved for dispatch", CaseStatus.PendingApproval),
        [typeof(Sign)] = (state, actor) => OwnDepartment(state, actor) ?? InStatus(state, "signed for", CaseStatus.Dispatched),
        [typeof(Return)] = (state, actor) => OwnDepartment(state, actor) ?? InStatus(state, "returned", CaseStatus.Dispatched, CaseStatus.InProgress),
        [typeof(ReturnToSource)] = (state, actor) => Allow(actor, Desk) ?? InStatus(state, "returned to its source", CaseStatus.Registered, CaseStatus.Accepted, CaseStatus.Returned)
            ?? (CaseRules.ReturnsToSource(state.Channel) ? null : Decision.Refuse(RefusalKind.Conflict, new Text(TextKeys.Refusals.NoSourcePlatform, state.Channel))),
        [typeof(RequestExtension)] = (state, actor) => OwnDepartment(state, actor) ?? InStatus(state, "extended", CaseStatus.Dispatched, CaseStatus.InProgress)
            ?? (state.PendingExtension is not null ? Decision.Refuse(RefusalKind.Conflict, new Text(TextKeys.Refusals.ExtensionPending)) : null)
            ?? (state.Clock(ResolutionClock) is { IsOverdue: true } ? Decision.Refuse(RefusalKind.Conflict, new Text(TextKeys.Refusals.ExtensionTooLate)) : null),
        [typeof(DecideExtension)] = (state, actor) => Allow(actor, Oversight) ?? InStatus(state, "given an extension decision", CaseStatus.Dispatched, CaseStatus.InProgress)
            ?? (state.PendingExtension is null ? Decision.Refuse(RefusalKind.Conflict, new Text(TextKeys.Refusals.NoExtensionPending)) : null),
        [typeof(ReportResult)] = (state, actor) => OwnDepartment(state, actor) ?? InStatus(state, "resolved", CaseStatus.InProgress),
        [typeof(RecordCallback)] = (state, actor) => Allow(actor, Desk) ?? InStatus(state, "called back", CaseStatus.Resolved),
        [typeof(Supervise)] = (state, actor) => Allow(actor, Oversight) ?? (state.IsOpen ? null : InStatus(state, "supervised")),
        [typeof(ViewContact)] = (state, actor) => Parties.MayReadContact(actor.Role, actor.Department, state.Department)
            ? null
            : Decision.Refuse(RefusalKind.Forbidden, new Text(TextKeys.Refusals.ContactForbidden)),
        [typeof(Attach)] = (state, actor) => (Parties.MayAddFiles(actor.Role) && CanView(state, actor) ? null : Decision.Refuse(RefusalKind.Forbidden, new Text(TextKeys.Refusals.Role, Words.Text(actor.Role))))
            ?? (state.IsOpen ? null : Decision.Refuse(RefusalKind.Conflict, new Text(TextKeys.Attachments.CaseEnded, state.Number))),
        [typeof(LinkRecomplaint)] = (_, actor) => Allow(actor, Role.System, Role.Channel, Role.Agent, Role.Supervisor),
        [typeof(Flag)] = (state, actor) => Allow(actor, Role.Agent, Role.Supervisor, Role.Leader) ?? (state.IsOpen ? null : InStatus(state, "flagged")),
    };

    /// <summary>
    /// A reached customer's satisfaction closes the case or sends it back (same department, another one, or the
    /// leader in charge), counted against the department whose result it was; an unreached one is an attempt that
    /// closes the case only when the tenant's policy gives up.
    /// </summary>
    private static Decision DecideCallback(CaseState state, RecordCallback c, DecisionContext context)
    {
        var note = Blank(c.Note);
        var routed = c.Escalate || c.RedispatchTo is not null;
        if (c.Outcome == CallbackOutcome.NotReached)
        {
            var misplaced = c.Satisfaction is not null ? "satisfaction" : c.RedispatchTo is not null ? "redispatchTo" : c.Escalate ? "escalate" : null;
            if (misplaced is not null)
            {
                return Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Callback.NotReachedHasNoSatisfaction), misplaced);
            }

            var attempt = state.CallbackAttempts + 1;
            var tried = new CallbackNotReached(attempt, note);
            return context.Rules.NotReached is { } policy && policy.GivesUp(attempt, state.ResolvedAt, context.Now)
                ? Emit(context, tried, new Closed(new Text(TextKeys.Callback.NotReachedClosed, attempt).In()))
                : Emit(tried, context);
        }

        if (c.Satisfaction is not { } satisfaction)
        {
            return Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Input.Required), "satisfaction");
        }

        var recorded = new CallbackRecorded(satisfaction, note);
        if (satisfaction != Satisfaction.Unsatisfied)
        {
            return routed
                ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Callback.OnlyUnsatisfiedIsSentOn), c.Escalate ? "escalate" : "redispatchTo")
                : Emit(context, recorded, new Closed(new Text(TextKeys.Callback.Satisfied).In()));
        }

        var reason = new Text(TextKeys.Callback.Unsatisfied).In();
        var handledBy = state.Department!;
        if (c.Escalate)
        {
            return c.RedispatchTo is not null
                ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Callback.EscalateOrDepartment), "redispatchTo")
                : Emit(context, recorded, new Escalated(handledBy, reason));
        }

        return (c.RedispatchTo is null ? null : KnownDepartment(c.RedispatchTo, context.Rules, "redispatchTo"))
            ?? Emit(context, recorded, new Redispatched(Blank(c.RedispatchTo) ?? handledBy, reason, handledBy));
    }

    /// <summary>
    /// Who may see a case: everyone of the tenant, except that a department handler sees only the cases its department
    /// holds now — not those it handled before and returned, nor a complaint about staff conduct held by the discipline
    /// office (seed 002: the department complained about must not read the complaint).
    /// </summary>
    public static bool CanView(CaseState state, Actor actor) =>
        actor.Role != Role.Handler || (state.Department is not null && state.Department == actor.Department);

    /// <summary>Checks a registration's input without a case number, so bad input costs no number.</summary>
    public static Refusal? ValidateRegistration(Register c, CaseRules rules, Actor actor, DateTimeOffset now)
    {
        if (actor.Role is not (Role.Agent or Role.Supervisor or Role.Channel or Role.System or Role.Admin))
        {
            return new Refusal(RefusalKind.Forbidden, new Text(TextKeys.Refusals.RegisterForbidden));
        }

        // Characters and lengths of every stored field first, so no refusal below echoes a forbidden character.
        return (Required(c.Channel, "channel", InputLimits.Identifier)
            ?? Required(c.Content, "content", InputLimits.Content)
            ?? Checked(c.Category, InputLimits.Identifier, "category")
            ?? Checked(c.ExternalId, InputLimits.ExternalId, "externalId")
            ?? Checked(c.Complainant?.Name, InputLimits.Name, "complainant.name")
            ?? Checked(c.Complainant?.Phone, InputLimits.Phone, "complainant.phone")
            ?? Checked(c.Complainant?.Email, InputLimits.Email, "complainant.email")
            ?? Checked(c.Complainant?.Address, InputLimits.Address, "complainant.address")
            ?? Checked(c.Complainant?.AccountNo, InputLimits.AccountNo, "complainant.accountNo")
            ?? Checked(c.Location, InputLimits.Location, "location")
            ?? Checked(c.RecomplaintOf, InputLimits.Identifier, "recomplaintOf")
            ?? Checked(c.ReceivedAt, "receivedAt")
            ?? Checked(c.ExternalDeadline, "externalDeadline")
            ?? KnownChannel(c.Channel, rules)
            ?? (string.IsNullOrWhiteSpace(c.Category) ? null : KnownCategory(c.Category, rules))
            ?? (c.ReceivedAt > now + InputLimits.ReceivedAtTolerance ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Refusals.ReceivedInFuture), "receivedAt") : null)
            // A deadline already past when the item arrived would breach at once and charge nobody.
            ?? (c.ExternalDeadline <= (c.ReceivedAt ?? now) ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Input.DeadlineBeforeReceipt), "externalDeadline") : null)
            ?? (c.Complainant?.Phone is { } phone && !string.IsNullOrWhiteSpace(phone) && !PhoneNumbers.IsValid(phone) ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Refusals.Phone), "complainant.phone") : null)
            ?? (c.Complainant?.Email is { } email && !string.IsNullOrWhiteSpace(email) && !EmailAddresses.IsValid(email) ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Contacts.EmailInvalid), "complainant.email") : null)
            ?? ValidTarget(c.Target)
            ?? (c.Flags is { Count: > 0 } flags ? ValidFlags(flags, c.Responsible) : null))?.Refusal
            ?? (c.Attachments ?? []).Select((file, i) => AttachmentProblem(file, i, rules, $"attachments[{i}]")?.Refusal).FirstOrDefault(r => r is not null);
    }

    /// <summary>A file the tenant's limits refuse (size, type, name, count), with <paramref name="field"/> named.</summary>
    private static Decision? AttachmentProblem(AttachmentFile file, int countSoFar, CaseRules rules, string field) =>
        rules.AttachmentLimits.Check(file.Name, file.ContentType, file.Size, countSoFar, field) is { } refusal ? new Decision([], refusal) : null;

    private static AttachmentAdded Added(AttachmentFile f) => new(f.Id, f.Name, f.ContentType, f.Size, f.Sha256);

    private static Decision DecideRegister(Register c, DecisionContext context)
    {
        if (ValidateRegistration(c, context.Rules, context.Actor, context.Now) is { } refusal)
        {
            return new Decision([], refusal);
        }

        var complainant = c.Complainant ?? new Complainant(Anonymous: true);
        var registered = new Registered(
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
                c.ExternalDeadline);

        // Flags and files given at registration are their own events, as when added later, so whoever watches them sees
        // one kind of event.
        CaseEvent[] events =
        [
            registered,
            .. c.Flags is { Count: > 0 } flags ? [Flagged(flags, c.Responsible, null)] : Array.Empty<CaseEvent>(),
            .. (c.Attachments ?? []).Select(Added),
        ];
        return Emit(context, events);
    }

    /// <summary>
    /// Only the fields that differ from the case are recorded; a reclassification that changes nothing records nothing
    /// (a retried request is harmless).
    /// </summary>
    private static Decision DecideReclassify(CaseState state, Reclassify c, DecisionContext context)
    {
        var kind = c.Kind == state.Kind ? null : c.Kind;
        var category = c.Category is null || c.Category.Trim() == state.Category ? null : c.Category.Trim();
        var target = c.Target == state.Target ? null : c.Target;
        return kind is null && category is null && target is null
            ? Decision.Of()
            : Emit(new Reclassified(kind, category, target, Blank(c.Note)), context);
    }

    private static Flagged Flagged(IReadOnlyList<CaseFlag> flags, string? responsible, string? note) =>
        new([.. flags.Distinct().Order().Select(Words.Of)], Blank(responsible), Blank(note));

    private static Decision? ValidFlags(IReadOnlyList<CaseFlag> flags, string? responsible) =>
        (flags.Contains(CaseFlag.Threat) && string.IsNullOrWhiteSpace(responsible)
            ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Refusals.ResponsibleRequired), "responsible")
            : null)
        ?? Checked(responsible, InputLimits.Name, "responsible");

    private static Decision? ValidTarget(ComplaintTarget? target) =>
        Checked(target?.Name, InputLimits.Name, "target.name")
        ?? (target is { Type: not TargetType.Company } t && string.IsNullOrWhiteSpace(t.Name) ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Refusals.TargetName), "target.name") : null);

    /// <summary>
    /// Without a department the case goes where it usually goes: the discipline office for staff conduct, else the
    /// category's department.
    /// </summary>
    private static Decision DecideDispatch(CaseState state, Dispatch c, DecisionContext context)
    {
        var department = Blank(c.Department) ?? context.Rules.DefaultDepartment(state.Category, state.Target);
        return Checked(c.Department, InputLimits.Identifier, "department")
            ?? (department is null
                ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Refusals.NoUsualDepartment, state.Category ?? "-"), "department")
                : KnownDepartment(department, context.Rules))
            ?? TextTooLong(c.Note, "note")
            ?? Emit(new Dispatched(department!, Blank(c.Note), context.Rules.RequiresApproval(state.Channel)), context);
    }

    /// <summary>Exact ids only: a channel decides approvals and deadlines, so "Gov-12345" must not pass for another.</summary>
    private static Decision? KnownChannel(string channel, CaseRules rules) =>
        rules.Channels is null || rules.Channels.Contains(channel.Trim())
            ? null
            : Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Input.Unknown, channel, string.Join(", ", rules.Channels.Order(StringComparer.Ordinal))), "channel");

    private static Decision Emit(CaseEvent e, DecisionContext context) => Emit(context, e);

    private static Decision Emit(DecisionContext context, params CaseEvent[] events) =>
        new([.. events.Select(e => e with { At = context.Now, Actor = context.Actor.User })], null);

    private static Decision? Allow(Actor actor, params Role[] roles) =>
        roles.Contains(actor.Role) ? null : Decision.Refuse(RefusalKind.Forbidden, new Text(TextKeys.Refusals.Role, Words.Text(actor.Role)));

    private static Decision? OwnDepartment(CaseState state, Actor actor) =>
        actor.Role == Role.Handler && actor.Department is not null && actor.Department == state.Department
            ? null
            : Decision.Refuse(RefusalKind.Forbidden, new Text(TextKeys.Refusals.Department));

    private static Decision? InStatus(CaseState state, string what, params CaseStatus[] allowed) =>
        allowed.Contains(state.Status)
            ? null
            : Decision.Refuse(RefusalKind.Conflict, new Text(TextKeys.Refusals.Status, state.Number, Words.Text(state.Status), ActionWords.Of(what)));

    private static Decision? Required(string? value, string field, InputLimit? limit = null) =>
        Checked(value, limit ?? InputLimits.LongText, field)
            ?? (string.IsNullOrWhiteSpace(value) ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Input.Required), field) : null);

    /// <summary>Free text (a note, a reason): the characters and length of <see cref="InputLimits.LongText"/>.</summary>
    private static Decision? TextTooLong(string? value, string field) => Checked(value, InputLimits.LongText, field);

    /// <summary>
    /// The characters and length <paramref name="limit"/> allows (<see cref="InputText"/>), the one rule for every
    /// stored string, applied to the value as it is stored: trimmed (a tab after an id typed into a form is not kept).
    /// </summary>
    private static Decision? Checked(string? value, InputLimit limit, string field) =>
        InputText.Problem(value?.Trim(), limit) is { } problem ? Decision.Refuse(RefusalKind.Invalid, problem, field) : null;

    /// <summary>A date inside <see cref="InputDates"/>' window.</summary>
    private static Decision? Checked(DateTimeOffset? value, string field) =>
        InputDates.Problem(value) is { } problem ? Decision.Refuse(RefusalKind.Invalid, problem, field) : null;

    private static Decision? KnownCategory(string? category, CaseRules rules) =>
        Checked(category, InputLimits.Identifier, "category") ?? (string.IsNullOrWhiteSpace(category)
            ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Input.Required), "category")
            : rules.Categories.Contains(category.Trim())
                ? null
                : Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Input.Unknown, category, string.Join(", ", rules.Categories.Order())), "category"));

    private static Decision? KnownDepartment(string? department, CaseRules rules, string field = "department") =>
        Checked(department, InputLimits.Identifier, field) ?? (string.IsNullOrWhiteSpace(department)
            ? Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Input.Required), field)
            : rules.Departments.Contains(department.Trim())
                ? null
                : Decision.Refuse(RefusalKind.Invalid, new Text(TextKeys.Input.Unknown, department, string.Join(", ", rules.Departments.Order())), field));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
