namespace Complaints.Storage;

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

    /// <summary>When the case's ledger row last changed (every event changes it), or null when there is no such case.</summary>
    Task<DateTimeOffset?> UpdatedAtAsync(string tenant, string number, CancellationToken cancellationToken = default);
}
