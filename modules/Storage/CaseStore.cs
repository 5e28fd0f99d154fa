namespace Complaints.Storage;

/// <summary>One event of a case as stored: the case's history is the source of truth.</summary>
public sealed record StoredEvent(int Seq, string Type, DateTimeOffset At, string Actor, string Data);

/// <summary>
/// The queryable row per case (the ledger, 台账). Derived from the events and written in the same
/// transaction, so lists and reports never disagree with the history.
/// </summary>
public sealed record LedgerRow
{
    public required string Tenant { get; init; }
    public required string Number { get; init; }
    public required string Channel { get; init; }
    public required string Kind { get; init; }
    public string? Category { get; init; }
    public required string Status { get; init; }
    public string? Department { get; init; }
    public required string Content { get; init; }
    public string? ComplainantName { get; init; }
    /// <summary>Always masked (138****5678): the unmasked number lives only in the events.</summary>
    public string? ComplainantPhoneMasked { get; init; }
    public string? Address { get; init; }
    public string? ExternalId { get; init; }
    public string? RecomplaintOf { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? Satisfaction { get; init; }
    public int Redispatches { get; init; }
    /// <summary>The nearest pending deadline of any running clock, if any.</summary>
    public DateTimeOffset? NextDueAt { get; init; }
    /// <summary>True while any running clock is breached.</summary>
    public bool Overdue { get; init; }

    /// <summary>When the case's clocks next need it (a warning or a deadline); null when nothing is pending.</summary>
    public DateTimeOffset? WakeAt { get; init; }
}

/// <summary>
/// Appends new events to one case and replaces its ledger row, atomically — with the notifications and
/// breach records those events cause, so none is lost and none is written for events that were not.
/// </summary>
/// <param name="ExpectedSeq">The seq of the last event the writer has seen (0 for a new case).</param>
public sealed record CaseAppend(string Tenant, string Number, int ExpectedSeq, IReadOnlyList<StoredEvent> Events, LedgerRow Ledger)
{
    public IReadOnlyList<Notification> Notifications { get; init; } = [];

    public IReadOnlyList<BreachRecord> Breaches { get; init; } = [];

    /// <summary>Replies to send back through the case's channel, kept until sent (a durable outbox).</summary>
    public IReadOnlyList<OutboxMessage> Outbox { get; init; } = [];

    /// <summary>Where the channel answers this customer (WeChat OpenID, phone for SMS…): saved with the registration.</summary>
    public ReplyAddress? ReplyAddress { get; init; }
}

/// <summary>A channel's address of the customer, kept so replies can reach them.</summary>
public sealed record ReplyAddress(string Channel, string Address);

/// <summary>A reply to send through a channel. <see cref="Data"/> is a JSON object of strings for the template.</summary>
public sealed record OutboxMessage(string Id, string Tenant, string Number, string Channel, string? ExternalId, string Moment, string Data, DateTimeOffset CreatedAt);

/// <summary>
/// A message to whoever must act on a case: <see cref="Recipient"/> is <c>department:{id}</c> or <c>role:{role}</c>.
/// </summary>
public sealed record Notification(string Id, string Tenant, string Recipient, string Number, string Type, string? Clock, DateTimeOffset? DueAt, DateTimeOffset At, string Message);

/// <summary>One breached item (超时), with what it costs the department (seed 001 §8): the overdue report's source.</summary>
public sealed record BreachRecord(string Tenant, string Number, string Clock, string? Department, DateTimeOffset DueAt, DateTimeOffset BreachedAt, int Points, decimal Fine);

public enum AppendStatus
{
    Appended,
    /// <summary>A case with the same tenant + channel + external id exists: nothing was written.</summary>
    DuplicateIntake,
    /// <summary>Someone else appended to this case first (optimistic concurrency): nothing was written.</summary>
    Conflict,
}

public sealed record AppendResult(AppendStatus Status, string? ExistingNumber = null);

/// <summary>The event store of cases. Implementations: SQLite (embedded), PostgreSQL (cluster).</summary>
public interface ICaseEventStore
{
    Task<IReadOnlyList<StoredEvent>> ReadAsync(string tenant, string number, CancellationToken cancellationToken = default);

    /// <summary>Commits before it returns: an acknowledged append survives a crash.</summary>
    Task<AppendResult> AppendAsync(CaseAppend append, CancellationToken cancellationToken = default);
}

/// <summary>Hands out blocks of case numbers durably, so a number is never given twice, even after a crash.</summary>
public interface ICaseNumberBlocks
{
    /// <summary>Reserves <paramref name="size"/> numbers for the tenant's year; returns the first.</summary>
    Task<long> ReserveAsync(string tenant, int year, int size, CancellationToken cancellationToken = default);
}

/// <summary>Answers whether the store can take work now (for <c>/health</c>).</summary>
public interface IStorageProbe
{
    Task PingAsync(CancellationToken cancellationToken = default);
}
