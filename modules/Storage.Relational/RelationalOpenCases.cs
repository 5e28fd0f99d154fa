using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>The workbench's ledger reads (<see cref="IOpenCases"/>): the same SQL on both databases.</summary>
public abstract partial class RelationalCaseStore : IOpenCases
{
    public async Task<IReadOnlyList<LedgerRow>> OpenAsync(string tenant, string? department, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<CaseRow>(new CommandDefinition(
            "SELECT * FROM cases WHERE tenant = @tenant AND status NOT IN ('closed', 'rejected', 'answered')" +
            (department is null ? "" : " AND department = @department") +
            " ORDER BY CASE WHEN next_due_at IS NULL THEN 1 ELSE 0 END, next_due_at, registered_at, number LIMIT @limit",
            new { tenant, department, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToLedgerRow(Dialect))];
    }

    public async Task<DateTimeOffset?> UpdatedAtAsync(string tenant, string number, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var value = await connection.ExecuteScalarAsync<object?>(new CommandDefinition(
            "SELECT updated_at FROM cases WHERE tenant = @tenant AND number = @number", new { tenant, number }, cancellationToken: cancellationToken));
        return Dialect.ReadTimeOrNull(value);
    }
}
