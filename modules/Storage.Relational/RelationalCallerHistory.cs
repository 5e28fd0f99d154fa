using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>
/// <see cref="ICallerHistory"/> in one query: the tenant's registration events (always <c>seq = 1</c>) whose phone or
/// account number matches, joined to their ledger rows. The compared expressions are <see cref="PhoneKey"/> and
/// <see cref="AccountKey"/>, so an expression index on exactly them serves the query.
/// </summary>
public abstract partial class RelationalCaseStore : ICallerHistory
{
    public async Task<IReadOnlyList<LedgerRow>> EarlierCasesAsync(string tenant, string? phone, string? accountNo, int limit, CancellationToken cancellationToken = default)
    {
        phone = CallerKeys.Phone(phone);
        accountNo = CallerKeys.AccountNo(accountNo);
        var matches = new List<string>(2);
        if (phone is not null)
        {
            matches.Add($"{PhoneKey} = @phone");
        }

        if (accountNo is not null)
        {
            matches.Add($"{AccountKey} = @accountNo");
        }

        if (matches.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<CaseRow>(new CommandDefinition(
            "SELECT c.* FROM case_events e JOIN cases c ON c.tenant = e.tenant AND c.number = e.number" +
            $" WHERE e.tenant = @tenant AND e.seq = 1 AND e.type = 'registered' AND ({string.Join(" OR ", matches)})" +
            " ORDER BY c.registered_at DESC, c.number DESC LIMIT @limit",
            new { tenant, phone, accountNo, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToLedgerRow(Dialect))];
    }

    /// <summary>The registration event's phone without spaces and hyphens (as <see cref="CallerKeys.Phone"/>).</summary>
    private string PhoneKey => $"REPLACE(REPLACE({Dialect.JsonText("e.data", "complainant", "phone")}, ' ', ''), '-', '')";

    /// <summary>The registration event's account number without surrounding spaces (as <see cref="CallerKeys.AccountNo"/>).</summary>
    private string AccountKey => $"TRIM({Dialect.JsonText("e.data", "complainant", "accountNo")})";
}
