namespace Complaints.Cases;

/// <summary>What a user asks of a case. The decider turns a command into events, or refuses it.</summary>
public abstract record CaseCommand;

public sealed record Register(
    string Tenant,
    string Number,
    string Channel,
    ComplaintKind Kind,
    string Content,
    string? Category = null,
    DateTimeOffset? ReceivedAt = null,
    string? ExternalId = null,
    Complainant? Complainant = null,
    ComplaintTarget? Target = null,
    string? Location = null,
    string? RecomplaintOf = null,
    DateTimeOffset? ExternalDeadline = null,
    IReadOnlyList<CaseFlag>? Flags = null,
    string? Responsible = null,
    IReadOnlyList<AttachmentFile>? Attachments = null) : CaseCommand;

/// <summary>Accepts the case with its category; the kind and the target may be corrected at the same time.</summary>
public sealed record Accept(string Category, string? Note = null, ComplaintKind? Kind = null, ComplaintTarget? Target = null) : CaseCommand;

/// <summary>Corrects the kind, category or target of an open case before its result is reported; null leaves a field as it is.</summary>
public sealed record Reclassify(ComplaintKind? Kind = null, string? Category = null, ComplaintTarget? Target = null, string? Note = null) : CaseCommand;

public sealed record Reject(string Reason) : CaseCommand;

/// <summary>Answers on the spot and closes; a complaint only when the customer accepted the explanation (seed 000 art. 14, seed 003 art. 12(一)).</summary>
public sealed record Answer(string Reply, bool CustomerAccepted = false) : CaseCommand;

public sealed record Dispatch(string Department, string? Note = null) : CaseCommand;

/// <summary>
/// The leader's decision on a transfer: approved, or refused back to the desk with a note; <see cref="Department"/>
/// sends an approved one elsewhere (in effect required after an escalation, when the leader picks the department).
/// </summary>
public sealed record ApproveDispatch(string? Note = null, bool Approve = true, string? Department = null) : CaseCommand;

public sealed record Sign : CaseCommand;

public sealed record Return(string Reason) : CaseCommand;

/// <summary>The desk sends an item back to the platform it came from (12345 退单): not ours to handle.</summary>
public sealed record ReturnToSource(string Reason) : CaseCommand;

public sealed record RequestExtension(DateTimeOffset Until, string Reason) : CaseCommand;

public sealed record DecideExtension(bool Approve, string? Note = null) : CaseCommand;

public sealed record ReportResult(string Result, string? Measures = null, string? Accountability = null, string? Compensation = null) : CaseCommand;

/// <summary>
/// The callback's outcome. Reached: <see cref="Satisfaction"/> is required; when unsatisfied the case goes back to
/// the same department, to <see cref="RedispatchTo"/>, or with <see cref="Escalate"/> to the leader in charge.
/// Not reached: the attempt is recorded and the case stays resolved until the tenant's policy gives up.
/// </summary>
public sealed record RecordCallback(
    Satisfaction? Satisfaction,
    string? Note = null,
    CallbackOutcome Outcome = CallbackOutcome.Reached,
    string? RedispatchTo = null,
    bool Escalate = false) : CaseCommand;

public sealed record Supervise(string Note) : CaseCommand;

/// <summary>Reads the unmasked contact; the reason the reader gave is kept with the read in the history.</summary>
public sealed record ViewContact(string? Reason = null) : CaseCommand;

/// <summary>Adds a file to the case: its content is already stored (content-addressed) when the case refers to it.</summary>
public sealed record Attach(AttachmentFile File) : CaseCommand;

public sealed record LinkRecomplaint(string NewNumber) : CaseCommand;

/// <summary>Sets the case's flags (the whole set: an empty list clears them) and who is responsible for them.</summary>
public sealed record Flag(IReadOnlyList<CaseFlag> Flags, string? Responsible = null, string? Note = null) : CaseCommand;
