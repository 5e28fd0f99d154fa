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
    /// <summary>Registered at or after.</summary>
    public DateTimeOffset? From { get; init; }
    /// <summary>Registered before.</summary>
    public DateTimeOffset? To { get; init; }
    /// <summary>Searches the number, the content and the complainant's name.</summary>
    public string? Text { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record LedgerPage(IReadOnlyList<LedgerRow> Items, int Total);

/// <summary>Reads the ledger (one row per case) for lists and reports.</summary>
public interface ILedger
{
    Task<LedgerPage> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default);

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
}
