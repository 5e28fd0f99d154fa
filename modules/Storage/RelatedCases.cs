namespace Complaints.Storage;

/// <summary>
/// The ledger rows a case page lists beside its case (re-complaints both ways, the same caller's other cases): read
/// from the ledger in one query each, never by activating a case per row.
/// </summary>
public interface IRelatedCases
{
    /// <summary>The rows of <paramref name="numbers"/> that exist, of <paramref name="department"/> only when given.</summary>
    Task<IReadOnlyList<LedgerRow>> CasesAsync(string tenant, IReadOnlyCollection<string> numbers, string? department, CancellationToken cancellationToken = default);

    /// <summary>
    /// The caller's other cases, newest first: the same masked phone (<see cref="LedgerRow.ComplainantPhoneMasked"/>,
    /// the only phone the ledger keeps) and the same name; of <paramref name="department"/> only when given.
    /// </summary>
    Task<IReadOnlyList<LedgerRow>> SameCallerAsync(string tenant, string number, string phoneMasked, string name, string? department, int limit, CancellationToken cancellationToken = default);
}
