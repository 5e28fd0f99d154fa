namespace Complaints.Storage;

/// <summary>The ledger's reads for the daily callback register (回访登记表, seed 001 §6.2).</summary>
public interface ICallbackLedger
{
    /// <summary>
    /// The cases whose latest callback with a satisfaction (<see cref="LedgerRow.CallbackAt"/>) was recorded in
    /// [<paramref name="from"/>, <paramref name="to"/>), of <paramref name="department"/> when given, by callback time.
    /// </summary>
    Task<IReadOnlyList<LedgerRow>> CalledBackAsync(string tenant, DateTimeOffset from, DateTimeOffset to, string? department, CancellationToken cancellationToken = default);
}
