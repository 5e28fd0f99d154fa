namespace Complaints.Storage;

/// <summary>One event of a case as stored: the case's history is the source of truth.</summary>
public sealed record StoredEvent(int Seq, string Type, DateTimeOffset At, string Actor, string Data);

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

    /// <summary>The metadata rows of files the events added (their contents are stored already).</summary>
    public IReadOnlyList<AttachmentRecord> Attachments { get; init; } = [];

    /// <summary>The writer's queue this append waits in: a clock's catch-up gives way to requests.</summary>
    public WriteLane Lane { get; init; } = WriteLane.Requests;
}

/// <summary>A channel's address of the customer, kept so replies can reach them.</summary>
public sealed record ReplyAddress(string Channel, string Address);

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
