using System.Runtime.CompilerServices;
using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>The ledger read as a stream (the export) and the callback register's read, the same on both databases.</summary>
public abstract partial class RelationalCaseStore : ICallbackLedger
{
    public async IAsyncEnumerable<LedgerRow> StreamAsync(LedgerQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (where, parameters) = LedgerFilter.Build(query, Dialect);
        await using var connection = await OpenReadAsync(cancellationToken);
        // Unbuffered: Dapper maps each row as the reader reaches it; nothing is collected.
        var rows = connection.QueryUnbufferedAsync<CaseRow>($"SELECT * FROM cases WHERE {where} ORDER BY registered_at, number", parameters);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row.ToLedgerRow(Dialect);
        }
    }

    public async Task<IReadOnlyList<LedgerRow>> CalledBackAsync(string tenant, DateTimeOffset from, DateTimeOffset to, string? department, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<CaseRow>(new CommandDefinition(
            "SELECT * FROM cases WHERE tenant = @tenant AND callback_at >= @from AND callback_at < @to" +
            (department is null ? "" : " AND department = @department") + " ORDER BY callback_at, number",
            new { tenant, from = Dialect.Time(from), to = Dialect.Time(to), department },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToLedgerRow(Dialect))];
    }
}
