using Complaints.Cases;
using Complaints.Texts;

namespace Complaints.Grains;

/// <summary>
/// One lifecycle action, declared once: its route (<c>POST …/complaints/{number}/{route}</c>), its request body, the
/// summary the OpenAPI document shows, and how the request becomes the state machine's command (or a refusal naming
/// the field at fault). The API maps a route per entry; the grain looks the entry up by the request's type.
/// </summary>
public abstract class CaseAction
{
    private protected CaseAction(string route, string summary, Type request, Type command, CaseActionRequest? withoutBody)
    {
        Route = route;
        Summary = summary;
        Request = request;
        Command = command;
        WithoutBody = withoutBody;
    }

    public string Route { get; }

    public string Summary { get; }

    /// <summary>The body's type, a <see cref="CaseActionRequest"/>.</summary>
    public Type Request { get; }

    /// <summary>The <see cref="CaseCommand"/> the request becomes.</summary>
    public Type Command { get; }

    /// <summary>For an action without fields: the request to use when no body is sent (null: a body is required).</summary>
    public CaseActionRequest? WithoutBody { get; }

    public abstract (CaseCommand? Command, Refusal? Refusal) ToCommand(CaseActionRequest request);
}

/// <summary>A command, or why the request cannot become one.</summary>
public readonly record struct Decoded<TCommand>(TCommand? Command, Refusal? Refusal)
    where TCommand : CaseCommand
{
    public static implicit operator Decoded<TCommand>(TCommand command) => new(command, null);

    public static implicit operator Decoded<TCommand>(Refusal refusal) => new(null, refusal);
}

/// <summary>The action table (the action routes of docs/api.md): every route that acts on a case.</summary>
public static class CaseActions
{
    /// <summary>
    /// Commands that are not routes of their own: registration (<c>POST …/complaints</c>), reading the contact
    /// (<c>GET …/{number}/contact</c>), the link a re-complaint makes (sent by the intake, not by a user) and adding a
    /// file (<c>POST …/{number}/attachments</c>, multipart, through <see cref="ICaseAttachments"/>).
    /// </summary>
    public static IReadOnlySet<Type> NotActions { get; } = new HashSet<Type> { typeof(Register), typeof(ViewContact), typeof(LinkRecomplaint), typeof(Attach) };

    public static IReadOnlyList<CaseAction> All { get; } =
    [
        Action<AcceptRequest, Accept>("accept", "Accept the complaint and set its category (and correct its kind and target).", ToAccept),
        Action<ReclassifyRequest, Reclassify>(
            "reclassify",
            "Correct the kind, category or target of an open case before its result; its clocks follow the new category.",
            ToReclassify),
        Action<RejectRequest, Reject>("reject", "Reject it with the explanation for the customer.", r => new Reject(r.Reason ?? "")),
        Action<AnswerRequest, Answer>(
            "answer",
            "Answer on the spot and close: an inquiry, suggestion or praise, or a complaint whose customer accepted the explanation.",
            r => new Answer(r.Reply ?? "", r.CustomerAccepted ?? false)),
        Action<DispatchRequest, Dispatch>(
            "dispatch",
            "Send it to a handling department (to a leader first where the tenant requires approval).",
            r => new Dispatch(r.Department ?? "", r.Note)),
        Action<ApproveDispatchRequest, ApproveDispatch>(
            "approve-dispatch",
            "A leader approves the transfer (to another department if named: after an escalation the leader picks it), or refuses it (approve: false, with a note) back to the desk.",
            r => new ApproveDispatch(r.Note, r.Approve ?? true, r.Department)),
        Action<SignRequest, Sign>("sign", "The department signs for the order.", _ => new Sign(), withoutBody: new SignRequest()),
        Action<ReturnRequest, Return>("return", "The department returns a mis-routed order.", r => new Return(r.Reason ?? "")),
        Action<ReturnToSourceRequest, ReturnToSource>(
            "return-to-source",
            "The desk returns an item to the platform it came from (12345 退单); ends it here.",
            r => new ReturnToSource(r.Reason ?? "")),
        Action<RequestExtensionRequest, RequestExtension>(
            "request-extension",
            "The department asks for more time, before the deadline.",
            r => r.Until is { } until ? new RequestExtension(until, r.Reason ?? "") : Required("until")),
        Action<DecideExtensionRequest, DecideExtension>(
            "decide-extension",
            "A supervisor approves or denies the extension.",
            r => r.Approve is { } approve ? new DecideExtension(approve, r.Note) : Required("approve")),
        Action<ReportResultRequest, ReportResult>(
            "report-result",
            "The department reports what it found and did.",
            r => new ReportResult(r.Result ?? "", r.Measures, r.Accountability, r.Compensation)),
        Action<RecordCallbackRequest, RecordCallback>(
            "record-callback",
            "Record the callback: the customer's satisfaction (unsatisfied: back to the department, to another one, or to the leader), or an attempt that did not reach them.",
            ToRecordCallback),
        Action<SuperviseRequest, Supervise>("supervise", "Supervise (督办) an open case.", r => new Supervise(r.Note ?? "")),
        Action<FlagRequest, Flag>("flag", "Set the case's flags (threat) and the person responsible for it.", ToFlag),
    ];

    private static Decoded<RecordCallback> ToRecordCallback(RecordCallbackRequest r)
    {
        var outcome = CallbackOutcome.Reached;
        if (r.Outcome is not null && !Words.TryParse(r.Outcome, out outcome))
        {
            return Unknown("outcome", r.Outcome, Words.All<CallbackOutcome>());
        }

        Satisfaction? satisfaction = null;
        if (!string.IsNullOrWhiteSpace(r.Satisfaction))
        {
            if (!Words.TryParse<Satisfaction>(r.Satisfaction, out var s))
            {
                return Unknown("satisfaction", r.Satisfaction, Words.All<Satisfaction>());
            }

            satisfaction = s;
        }
        else if (outcome == CallbackOutcome.Reached)
        {
            return Required("satisfaction");
        }

        return new RecordCallback(satisfaction, r.Note, outcome, r.RedispatchTo, r.Escalate ?? false);
    }

    private static readonly Dictionary<Type, CaseAction> ByRequest = All.ToDictionary(a => a.Request);

    /// <summary>The entry for <paramref name="request"/>'s type; a request type without one is a programming error.</summary>
    public static CaseAction For(CaseActionRequest request) =>
        ByRequest.TryGetValue(request.GetType(), out var action)
            ? action
            : throw new InvalidOperationException($"'{request.GetType().Name}' has no entry in {nameof(CaseActions)}.{nameof(All)}.");

    /// <summary>The command <paramref name="request"/> asks for, or the refusal naming the field at fault.</summary>
    public static (CaseCommand? Command, Refusal? Refusal) ToCommand(CaseActionRequest request) => For(request).ToCommand(request);

    public static Refusal Required(string field) => new(RefusalKind.Invalid, new Text(TextKeys.Input.Required), field);

    /// <summary>A word outside the vocabulary; one with a forbidden character is refused for that, so it is never echoed.</summary>
    public static Refusal Unknown(string field, string? value, IEnumerable<string> known) =>
        new(RefusalKind.Invalid, InputText.Problem(value, InputLimits.Identifier) ?? new Text(TextKeys.Input.Unknown, value, string.Join(", ", known)), field);

    /// <summary>The kind a request names, or null when it names none; a word outside the vocabulary is refused.</summary>
    public static Refusal? ParseKind(string? word, string field, out ComplaintKind? kind)
    {
        kind = null;
        if (string.IsNullOrWhiteSpace(word))
        {
            return null;
        }

        if (!Words.TryParse<ComplaintKind>(word.Trim(), out var parsed))
        {
            return Unknown(field, word, Words.All<ComplaintKind>());
        }

        kind = parsed;
        return null;
    }

    /// <summary>What a complaint is about, as a request gives it (company | department | staff, with a name).</summary>
    public static Refusal? ParseTarget(TargetInput? input, string field, out ComplaintTarget? target)
    {
        target = null;
        if (input is null)
        {
            return null;
        }

        if (!Words.TryParse<TargetType>(input.Type, out var type))
        {
            return Unknown($"{field}.type", input.Type, Words.All<TargetType>());
        }

        target = new ComplaintTarget(type, string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim());
        return null;
    }

    /// <summary>The flags a request names (words of <see cref="CaseFlag"/>); an unknown word is refused.</summary>
    public static Refusal? ParseFlags(IReadOnlyList<string>? words, string field, out IReadOnlyList<CaseFlag> flags)
    {
        var parsed = new List<CaseFlag>();
        flags = parsed;
        foreach (var word in words ?? [])
        {
            if (!Words.TryParse<CaseFlag>(word?.Trim(), out var flag))
            {
                return Unknown(field, word, Words.All<CaseFlag>());
            }

            parsed.Add(flag);
        }

        return null;
    }

    private static Decoded<Accept> ToAccept(AcceptRequest r)
    {
        var kindRefusal = ParseKind(r.Kind, "kind", out var kind);
        var targetRefusal = ParseTarget(r.Target, "target", out var target);
        return (kindRefusal ?? targetRefusal) is { } refusal ? refusal : new Accept(r.Category ?? "", r.Note, kind, target);
    }

    private static Decoded<Reclassify> ToReclassify(ReclassifyRequest r)
    {
        var kindRefusal = ParseKind(r.Kind, "kind", out var kind);
        var targetRefusal = ParseTarget(r.Target, "target", out var target);
        return (kindRefusal ?? targetRefusal) is { } refusal
            ? refusal
            : new Reclassify(kind, string.IsNullOrWhiteSpace(r.Category) ? null : r.Category, target, r.Note);
    }

    private static Decoded<Flag> ToFlag(FlagRequest r) =>
        r.Flags is null ? Required("flags")
        : ParseFlags(r.Flags, "flags", out var flags) is { } refusal ? refusal
        : new Flag(flags, r.Responsible, r.Note);

    /// <summary>Declares one entry; public so that a test can build a table of its own.</summary>
    public static CaseAction Action<TRequest, TCommand>(string route, string summary, Func<TRequest, Decoded<TCommand>> toCommand, TRequest? withoutBody = null)
        where TRequest : CaseActionRequest
        where TCommand : CaseCommand =>
        new Entry<TRequest, TCommand>(route, summary, toCommand, withoutBody);

    private sealed class Entry<TRequest, TCommand>(string route, string summary, Func<TRequest, Decoded<TCommand>> toCommand, TRequest? withoutBody)
        : CaseAction(route, summary, typeof(TRequest), typeof(TCommand), withoutBody)
        where TRequest : CaseActionRequest
        where TCommand : CaseCommand
    {
        public override (CaseCommand? Command, Refusal? Refusal) ToCommand(CaseActionRequest request)
        {
            var decoded = toCommand((TRequest)request);
            return (decoded.Command, decoded.Refusal);
        }
    }
}

// The bodies of the actions (the API reads them as JSON; the grain receives them).

/// <summary>One action on a case. The route names it; the body carries its fields; <see cref="CaseActions"/> maps it.</summary>
[GenerateSerializer, Alias("case-action")]
public abstract record CaseActionRequest;

[GenerateSerializer, Alias("accept")]
public sealed record AcceptRequest(
    [property: Id(0)] string? Category,
    [property: Id(1)] string? Note = null,
    [property: Id(2)] string? Kind = null,
    [property: Id(3)] TargetInput? Target = null) : CaseActionRequest;

[GenerateSerializer, Alias("reclassify")]
public sealed record ReclassifyRequest(
    [property: Id(0)] string? Kind = null,
    [property: Id(1)] string? Category = null,
    [property: Id(2)] TargetInput? Target = null,
    [property: Id(3)] string? Note = null) : CaseActionRequest;

[GenerateSerializer, Alias("reject")]
public sealed record RejectRequest([property: Id(0)] string? Reason) : CaseActionRequest;

[GenerateSerializer, Alias("answer")]
public sealed record AnswerRequest([property: Id(0)] string? Reply, [property: Id(1)] bool? CustomerAccepted = null) : CaseActionRequest;

[GenerateSerializer, Alias("dispatch")]
public sealed record DispatchRequest([property: Id(0)] string? Department, [property: Id(1)] string? Note = null) : CaseActionRequest;

[GenerateSerializer, Alias("approve-dispatch")]
public sealed record ApproveDispatchRequest([property: Id(0)] string? Note = null, [property: Id(1)] bool? Approve = null) : CaseActionRequest
{
    /// <summary>The department to send the case to; by default the one it was dispatched to (after an escalation: the one whose result was rejected).</summary>
    [Id(2)] public string? Department { get; init; }
}

[GenerateSerializer, Alias("sign")]
public sealed record SignRequest : CaseActionRequest;

[GenerateSerializer, Alias("return")]
public sealed record ReturnRequest([property: Id(0)] string? Reason) : CaseActionRequest;

[GenerateSerializer, Alias("return-to-source")]
public sealed record ReturnToSourceRequest([property: Id(0)] string? Reason) : CaseActionRequest;

[GenerateSerializer, Alias("request-extension")]
public sealed record RequestExtensionRequest([property: Id(0)] DateTimeOffset? Until, [property: Id(1)] string? Reason) : CaseActionRequest;

[GenerateSerializer, Alias("decide-extension")]
public sealed record DecideExtensionRequest([property: Id(0)] bool? Approve, [property: Id(1)] string? Note = null) : CaseActionRequest;

[GenerateSerializer, Alias("report-result")]
public sealed record ReportResultRequest(
    [property: Id(0)] string? Result,
    [property: Id(1)] string? Measures = null,
    [property: Id(2)] string? Accountability = null,
    [property: Id(3)] string? Compensation = null) : CaseActionRequest;

[GenerateSerializer, Alias("record-callback")]
public sealed record RecordCallbackRequest([property: Id(0)] string? Satisfaction, [property: Id(1)] string? Note = null) : CaseActionRequest
{
    /// <summary><c>reached</c> (default) or <c>not-reached</c>.</summary>
    [Id(2)] public string? Outcome { get; init; }

    /// <summary>Unsatisfied: send the case to this department instead of back to the same one.</summary>
    [Id(3)] public string? RedispatchTo { get; init; }

    /// <summary>Unsatisfied: escalate to the leader in charge, who sends it on (approve-dispatch with a department).</summary>
    [Id(4)] public bool? Escalate { get; init; }
}

[GenerateSerializer, Alias("supervise")]
public sealed record SuperviseRequest([property: Id(0)] string? Note) : CaseActionRequest;

[GenerateSerializer, Alias("flag")]
public sealed record FlagRequest(
    [property: Id(0)] IReadOnlyList<string>? Flags,
    [property: Id(1)] string? Responsible = null,
    [property: Id(2)] string? Note = null) : CaseActionRequest;
