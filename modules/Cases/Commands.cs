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
    DateTimeOffset? ExternalDeadline = null) : CaseCommand;

public sealed record Accept(string Category, string? Note = null) : CaseCommand;

public sealed record Reject(string Reason) : CaseCommand;

public sealed record Answer(string Reply) : CaseCommand;

public sealed record Dispatch(string Department, string? Note = null) : CaseCommand;

public sealed record ApproveDispatch(string? Note = null) : CaseCommand;

public sealed record Sign : CaseCommand;

public sealed record Return(string Reason) : CaseCommand;

/// <summary>The desk sends an item back to the platform it came from (12345 退单): not ours to handle.</summary>
public sealed record ReturnToSource(string Reason) : CaseCommand;

public sealed record RequestExtension(DateTimeOffset Until, string Reason) : CaseCommand;

public sealed record DecideExtension(bool Approve, string? Note = null) : CaseCommand;

public sealed record ReportResult(string Result, string? Measures = null, string? Accountability = null, string? Compensation = null) : CaseCommand;

public sealed record RecordCallback(Satisfaction Satisfaction, string? Note = null) : CaseCommand;

public sealed record Supervise(string Note) : CaseCommand;

public sealed record ViewContact : CaseCommand;

public sealed record LinkRecomplaint(string NewNumber) : CaseCommand;
