namespace Complaints.Storage;

/// <summary>
/// A caller's earlier cases, for the agent registering a new one (a re-complaint, 重复投诉, is linked to its original).
/// The complainant's phone and account number live only in the registration event (the ledger keeps the phone masked),
/// so they are compared there, in the database, and only the ledger's rows — phone masked — come back.
/// </summary>
public interface ICallerHistory
{
    /// <summary>
    /// The tenant's cases whose complainant gave <paramref name="phone"/> (spaces and hyphens ignored) or
    /// <paramref name="accountNo"/> (surrounding spaces ignored), newest first, at most <paramref name="limit"/>; either may
    /// be null, both null finds nothing.
    /// </summary>
    Task<IReadOnlyList<LedgerRow>> EarlierCasesAsync(string tenant, string? phone, string? accountNo, int limit, CancellationToken cancellationToken = default);
}

/// <summary>The forms a phone and an account number are compared in (the registration event keeps them as typed).</summary>
public static class CallerKeys
{
    public static string? Phone(string? phone) =>
        string.IsNullOrWhiteSpace(phone) ? null : phone.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    public static string? AccountNo(string? accountNo) => string.IsNullOrWhiteSpace(accountNo) ? null : accountNo.Trim();
}
