namespace Complaints.Storage;

/// <summary>
/// One of the workbench's queues (工作台): a tenant's cases in <see cref="Statuses"/>, of <see cref="Department"/> when
/// given, only the overdue ones or only those whose extension request waits when asked, at most <see cref="Limit"/>.
/// </summary>
public sealed record QueueQuery
{
    public required string Tenant { get; init; }

    /// <summary>The statuses the queue holds (ledger words: <c>registered</c>, <c>dispatched</c> …); at least one.</summary>
    public required IReadOnlyList<string> Statuses { get; init; }

    public string? Department { get; init; }

    /// <summary>Only cases with a breached running clock (逾期未处理).</summary>
    public bool OverdueOnly { get; init; }

    /// <summary>Only cases whose department's extension request waits for a decision.</summary>
    public bool ExtensionRequestedOnly { get; init; }

    public int Limit { get; init; } = 200;
}

/// <summary>
/// The ledger reads the workbench's pages make: a queue of open cases in one query, and the cheap probe a case page
/// polls to learn that its case changed (on any host of a cluster: the ledger is shared).
/// </summary>
public interface IOpenCases
{
    /// <summary>
    /// The tenant's open cases (not closed, rejected or answered), of <paramref name="department"/> when given, most
    /// urgent first: the nearest deadline first, cases without a running clock last, then the oldest registration.
    /// </summary>
    Task<IReadOnlyList<LedgerRow>> OpenAsync(string tenant, string? department, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// A queue, most urgent first: the overdue cases (oldest registration first), then the nearest deadline of a running
    /// clock, then the cases without one (oldest registration first). One statement, read in order from the ledger's
    /// queue index (tenant, status, next_due_at): its cost does not grow with the ledger.
    /// </summary>
    Task<IReadOnlyList<LedgerRow>> QueueAsync(QueueQuery query, CancellationToken cancellationToken = default);

    /// <summary>When the case's ledger row last changed (every event changes it), or null when there is no such case.</summary>
    Task<DateTimeOffset?> UpdatedAtAsync(string tenant, string number, CancellationToken cancellationToken = default);
}
