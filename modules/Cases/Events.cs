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

/// <summary>Accepted with its category; <see cref="Kind"/> and <see cref="Target"/> are set only when the desk changed them.</summary>
public sealed record Accepted(string Category, string? Note, ComplaintKind? Kind = null, ComplaintTarget? Target = null) : CaseEvent;

/// <summary>The kind, category or target corrected; a null field was left as it was. Clocks follow the new classification.</summary>
public sealed record Reclassified(ComplaintKind? Kind, string? Category, ComplaintTarget? Target, string? Note) : CaseEvent;

public sealed record Rejected(string Reason) : CaseEvent;

/// <summary>Answered on the spot and closed; for a complaint, <see cref="CustomerAccepted"/> records that the customer accepted the explanation.</summary>
public sealed record Answered(string Reply, bool CustomerAccepted = false) : CaseEvent;

public sealed record Dispatched(string Department, string? Note, bool AwaitingApproval) : CaseEvent;

public sealed record DispatchApproved(string Department, string? Note) : CaseEvent;

/// <summary>The leader refused the transfer: the case is back at the desk (accepted), without a department.</summary>
public sealed record DispatchRefused(string Department, string Note) : CaseEvent;

public sealed record Signed(string Department) : CaseEvent;

public sealed record Returned(string Department, string Reason) : CaseEvent;

public sealed record ReturnedToSource(string Reason) : CaseEvent;

public sealed record ExtensionRequested(DateTimeOffset Until, string Reason) : CaseEvent;

public sealed record ExtensionDecided(bool Approved, DateTimeOffset Until, string? Note) : CaseEvent;

public sealed record ResultReported(string Result, string? Measures, string? Accountability, string? Compensation) : CaseEvent;

public sealed record CallbackRecorded(Satisfaction Satisfaction, string? Note) : CaseEvent;

/// <summary>
/// An unsatisfied callback sends the case back, to the same or another department; it is counted against
/// <see cref="Against"/>, the department whose result the customer rejected (seed 000 art. 12). Stored before
/// re-dispatch could go elsewhere, <see cref="Against"/> is null: then it is <see cref="Department"/>.
/// </summary>
public sealed record Redispatched(string Department, string Reason, string? Against = null) : CaseEvent
{
    /// <summary>The department the re-dispatch counts against.</summary>
    public string ChargedTo => Against ?? Department;
}

/// <summary>
/// An unsatisfied callback escalated to the leader in charge (seed 003 art. 12(七), seed 004 §4.4): the case waits for
/// the leader's approval, who sends it on to a department; counted against <see cref="Against"/> like a re-dispatch.
/// </summary>
public sealed record Escalated(string Against, string Reason) : CaseEvent;

/// <summary>A callback that did not reach the customer: the <see cref="Attempt"/>-th since the result; the callback clock runs on.</summary>
public sealed record CallbackNotReached(int Attempt, string? Note) : CaseEvent;

/// <summary>Archived (归档) after a satisfied callback, or when the tenant's policy gives up reaching the customer.</summary>
public sealed record Closed(string Reason) : CaseEvent;

public sealed record Supervised(string Note) : CaseEvent;

/// <summary>The audit trail of who saw the unmasked contact (PIPL).</summary>
public sealed record ContactViewed(string? Reason = null) : CaseEvent;

/// <summary>A file added to the case (a photo, a voice message, a scan): who added it and when are the event's.</summary>
public sealed record AttachmentAdded(string Id, string Name, string ContentType, long Size, string Sha256) : CaseEvent;

/// <summary>The same matter complained about again: the new case links here (seed 003 art. 12.7).</summary>
public sealed record Recomplained(string NewNumber) : CaseEvent;

/// <summary>The case's flags set (words of <see cref="CaseFlag"/>; empty: cleared) with the person responsible (seed 003 art. 9).</summary>
public sealed record Flagged(IReadOnlyList<string> Flags, string? Responsible, string? Note) : CaseEvent
{
    // The list compares by its words, so that an event read back from storage equals the one decided.
    public bool Equals(Flagged? other) =>
        base.Equals(other) && Flags.SequenceEqual(other.Flags) && Responsible == other.Responsible && Note == other.Note;

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), string.Join(",", Flags), Responsible, Note);
}

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
    public const string DispatchRefused = "dispatch-refused";
    public const string Signed = "signed";
    public const string Returned = "returned";
    public const string ReturnedToSource = "returned-to-source";
    public const string ExtensionRequested = "extension-requested";
    public const string ExtensionDecided = "extension-decided";
    public const string ResultReported = "result-reported";
    public const string CallbackRecorded = "callback-recorded";
    public const string Redispatched = "redispatched";
    public const string Escalated = "escalated";
    public const string CallbackNotReached = "callback-not-reached";
    public const string Supervised = "supervised";
    public const string Closed = "closed";
    public const string ContactViewed = "contact-viewed";
    public const string Recomplained = "recomplained";
    public const string Reclassified = "reclassified";
    public const string Flagged = "flagged";
    public const string AttachmentAdded = "attachment-added";
#pragma warning restore CS1591

    /// <summary>Every lifecycle event type; a policy naming anything else is refused (a typo would silently disable a clock).</summary>
    public static IReadOnlyList<string> All { get; } = [.. EventCodec.ConstantsOf(typeof(CaseEventTypes)).Values];

    private static readonly HashSet<string> Known = new(All, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="type"/> names a lifecycle event (ignoring case, as policies are read).</summary>
    public static bool IsKnown(string type) => Known.Contains(type);
}
