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
