using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>
/// <see cref="ICallerHistory"/> in one query: the tenant's registration events (always <c>seq = 1</c>) whose phone or
/// account number matches, joined to their ledger rows. The compared expressions are <see cref="PhoneKey"/> and
/// <see cref="AccountKey"/>, exactly those of the expression indexes of migration 0012 (<c>0012-queues-and-caller-lookup.sql</c>).
/// </summary>
public abstract partial class RelationalCaseStore : ICallerHistory
{
    public async Task<IReadOnlyList<LedgerRow>> EarlierCasesAsync(string tenant, string? phone, string? accountNo, int limit, CancellationToken cancellationToken = default)
    {
        phone = CallerKeys.Phone(phone);
        accountNo = CallerKeys.AccountNo(accountNo);
        if (phone is null && accountNo is null)
        {
            return [];
        }

        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<CaseRow>(new CommandDefinition(
            EarlierCasesStatement(phone is not null, accountNo is not null),
            new { tenant, phone, accountNo, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToLedgerRow(Dialect))];
    }

    /// <summary>
    /// The statement <see cref="EarlierCasesAsync"/> runs (parameters <c>@tenant</c>, <c>@phone</c>, <c>@accountNo</c>,
    /// <c>@limit</c>); public so that each database's tests can show its plan uses the indexes of migration 0012.
    /// </summary>
    public string EarlierCasesStatement(bool byPhone, bool byAccountNo)
    {
        var matches = new List<string>(2);
        if (byPhone)
        {
            matches.Add(Registrations("ix_case_events_phone", $"{PhoneKey} = @phone"));
        }

        if (byAccountNo)
        {
            matches.Add(Registrations("ix_case_events_account", $"{AccountKey} = @accountNo"));
        }

        // The matching registrations first, each through its own index, then their ledger rows (CROSS JOIN keeps SQLite
        // from walking the tenant's whole ledger in registration order and testing every case instead).
        return $"SELECT c.* FROM ({string.Join(" UNION ", matches)}) AS m CROSS JOIN cases c" +
            " WHERE c.tenant = @tenant AND c.number = m.number ORDER BY c.registered_at DESC, c.number DESC LIMIT @limit";
    }

    private string Registrations(string index, string match) =>
        $"SELECT e.number FROM case_events e{Dialect.Reading(index)} WHERE e.tenant = @tenant AND e.seq = 1 AND e.type = 'registered' AND {match}";

    /// <summary>The registration event's phone without spaces and hyphens (as <see cref="CallerKeys.Phone"/>).</summary>
    private string PhoneKey => $"REPLACE(REPLACE({Dialect.JsonText("e.data", "complainant", "phone")}, ' ', ''), '-', '')";

    /// <summary>The registration event's account number without surrounding spaces (as <see cref="CallerKeys.AccountNo"/>).</summary>
    private string AccountKey => $"TRIM({Dialect.JsonText("e.data", "complainant", "accountNo")})";
}
