namespace Complaints.Storage;

/// <summary>A filter over the ledger; every criterion is optional.</summary>
public sealed record LedgerQuery
{
    public required string Tenant { get; init; }
    public string? Status { get; init; }
    public string? Department { get; init; }
    public string? Category { get; init; }
    public string? Channel { get; init; }
    public bool? Overdue { get; init; }
    /// <summary>Only open cases (not closed, rejected or answered): the workbench's case list unless a status is chosen.</summary>
    public bool OpenOnly { get; init; }
    /// <summary>Registered at or after.</summary>
    public DateTimeOffset? From { get; init; }
    /// <summary>Registered before.</summary>
    public DateTimeOffset? To { get; init; }
    /// <summary>Searches the number, the content, the complainant's name and address.</summary>
    public string? Text { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record LedgerPage(IReadOnlyList<LedgerRow> Items, int Total);

/// <summary>Reads the ledger (one row per case) for lists and reports.</summary>
public interface ILedger
{
    Task<LedgerPage> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every row the filter matches (paging ignored), oldest registration first, read one at a time from the
    /// database as the caller consumes them: an export of 100,000 cases never holds them all in memory.
    /// </summary>
    IAsyncEnumerable<LedgerRow> StreamAsync(LedgerQuery query, CancellationToken cancellationToken = default);

    /// <summary>Cases whose clocks needed them at or before <paramref name="now"/> (to wake after a restart).</summary>
    Task<IReadOnlyList<(string Tenant, string Number)>> DueForWakeUpAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>The case already registered for this channel's external id, if any (idempotent intake).</summary>
    Task<string?> FindByExternalIdAsync(string tenant, string channel, string externalId, CancellationToken cancellationToken = default);
}

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
    /// <summary>The first-contact owner (首问负责人): who registered it, or the first desk person for a channel's item.</summary>
    public string? Owner { get; init; }
    /// <summary>The department user who signed for it in the current round (承办人).</summary>
    public string? Handler { get; init; }
    /// <summary>The nearest pending deadline of any running clock, if any.</summary>
    public DateTimeOffset? NextDueAt { get; init; }
    /// <summary>True while any running clock is breached.</summary>
    public bool Overdue { get; init; }

    /// <summary>When the case's clocks next need it (a warning or a deadline); null when nothing is pending.</summary>
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>Who the complaint is about (company, department, staff; 投诉对象) and its name, if given.</summary>
    public string? TargetType { get; init; }
    public string? TargetName { get; init; }
    /// <summary>Where the matter is (a place given with the complaint), beside the complainant's address.</summary>
    public string? Location { get; init; }
    /// <summary>When the case was first sent to a department (派单时间).</summary>
    public DateTimeOffset? DispatchedAt { get; init; }
    /// <summary>The resolution clock's deadline (办理时限), kept after it stopped; null before it started.</summary>
    public DateTimeOffset? ResolutionDueAt { get; init; }
    /// <summary>The latest result reported by the department (处理结果).</summary>
    public string? Result { get; init; }
    /// <summary>When the latest callback with a satisfaction was recorded (回访时间); <see cref="Callbacks"/> counts them.</summary>
    public DateTimeOffset? CallbackAt { get; init; }
    public int Callbacks { get; init; }
    /// <summary>A resolution clock of any round was breached: the reports' <c>overdue</c> (once true, stays true).</summary>
    public bool ResolutionBreached { get; init; }

    /// <summary>
    /// A running clock's warning was recorded (预警) and it has not breached, stopped or started a new round since:
    /// the queue's orange, exact without comparing times.
    /// </summary>
    public bool Warned { get; init; }

    /// <summary>When the department asked for more time (申请延期), while the request waits for a supervisor's decision.</summary>
    public DateTimeOffset? ExtensionRequestedAt { get; init; }
}
