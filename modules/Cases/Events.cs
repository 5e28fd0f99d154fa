using System.Text.Json.Serialization;

namespace Complaints.Cases;

/// <summary>
/// Everything that happens to a case is an event with who and when; the ordered events are the case.
/// <see cref="At"/> and <see cref="Actor"/> are stored in their own columns, not in the event's data.
/// </summary>
public abstract record CaseEvent
{
    [JsonIgnore]
    public DateTimeOffset At { get; init; }

    [JsonIgnore]
    public string Actor { get; init; } = "";

    /// <summary>The event as anyone may see it in the history: personal data masked.</summary>
    public virtual CaseEvent ForDisplay() => this;
}

public sealed record Registered(
    string Tenant,
    string Number,
    string Channel,
    ComplaintKind Kind,
    string Content,
    string? Category,
    DateTimeOffset ReceivedAt,
    string? ExternalId,
    Complainant Complainant,
    ComplaintTarget? Target,
    string? Location,
    string? RecomplaintOf,
    DateTimeOffset? ExternalDeadline) : CaseEvent
{
    public override CaseEvent ForDisplay() => this with { Complainant = Complainant.Masked() };
}

public sealed record Accepted(string Category, string? Note) : CaseEvent;

public sealed record Rejected(string Reason) : CaseEvent;

public sealed record Answered(string Reply) : CaseEvent;

public sealed record Dispatched(string Department, string? Note, bool AwaitingApproval) : CaseEvent;

public sealed record DispatchApproved(string Department, string? Note) : CaseEvent;

public sealed record Signed(string Department) : CaseEvent;

public sealed record Returned(string Department, string Reason) : CaseEvent;

public sealed record ReturnedToSource(string Reason) : CaseEvent;

public sealed record ExtensionRequested(DateTimeOffset Until, string Reason) : CaseEvent;

public sealed record ExtensionDecided(bool Approved, DateTimeOffset Until, string? Note) : CaseEvent;

public sealed record ResultReported(string Result, string? Measures, string? Accountability, string? Compensation) : CaseEvent;

public sealed record CallbackRecorded(Satisfaction Satisfaction, string? Note) : CaseEvent;

/// <summary>An unsatisfied callback sends the case back to the department, counted against it (seed 000 art. 12).</summary>
public sealed record Redispatched(string Department, string Reason) : CaseEvent;

/// <summary>Archived (归档) after a satisfied callback.</summary>
public sealed record Closed(string Reason) : CaseEvent;

public sealed record Supervised(string Note) : CaseEvent;

/// <summary>The audit trail of who saw the unmasked contact (PIPL).</summary>
public sealed record ContactViewed : CaseEvent;

/// <summary>The same matter complained about again: the new case links here (seed 003 art. 12.7).</summary>
public sealed record Recomplained(string NewNumber) : CaseEvent;

/// <summary>
/// The stored name (kebab-case) of each lifecycle event, as a constant named after the event's type:
/// <see cref="EventCodec"/> stores each event under it, and SLA policies start and stop clocks on them. A stored name
/// never changes (the history holds it); a new event without one is refused by <see cref="EventCodec"/> and named by
/// a test.
/// </summary>
public static class CaseEventTypes
{
#pragma warning disable CS1591 // the names say it all
    public const string Registered = "registered";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Answered = "answered";
    public const string Dispatched = "dispatched";
    public const string DispatchApproved = "dispatch-approved";
    public const string Signed = "signed";
    public const string Returned = "returned";
    public const string ReturnedToSource = "returned-to-source";
    public const string ExtensionRequested = "extension-requested";
    public const string ExtensionDecided = "extension-decided";
    public const string ResultReported = "result-reported";
    public const string CallbackRecorded = "callback-recorded";
    public const string Redispatched = "redispatched";
    public const string Supervised = "supervised";
    public const string Closed = "closed";
    public const string ContactViewed = "contact-viewed";
    public const string Recomplained = "recomplained";
#pragma warning restore CS1591

    /// <summary>Every lifecycle event type; a policy naming anything else is refused (a typo would silently disable a clock).</summary>
    public static IReadOnlyList<string> All { get; } = [.. EventCodec.ConstantsOf(typeof(CaseEventTypes)).Values];

    private static readonly HashSet<string> Known = new(All, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="type"/> names a lifecycle event (ignoring case, as policies are read).</summary>
    public static bool IsKnown(string type) => Known.Contains(type);
}
