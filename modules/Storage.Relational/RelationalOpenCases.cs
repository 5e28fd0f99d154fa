using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>The workbench's ledger reads (<see cref="IOpenCases"/>): the same SQL on both databases.</summary>
public abstract partial class RelationalCaseStore : IOpenCases
{
    /// <summary>The queues' order (<see cref="IOpenCases.QueueAsync"/>), over rows of <c>cases</c> or of a union of them.</summary>
    /// <remarks>Within a group the middle key is all null or all set, so where each database puts nulls does not matter.</remarks>
    private string Urgency =>
        $"CASE WHEN {Dialect.IsTrue("overdue")} THEN 0 WHEN next_due_at IS NULL THEN 2 ELSE 1 END, " +
        $"CASE WHEN {Dialect.IsFalse("overdue")} THEN next_due_at END, registered_at, number";

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

    public async Task<IReadOnlyList<LedgerRow>> QueueAsync(QueueQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(query.Statuses.Count);
        var parameters = new DynamicParameters(new { query.Tenant, query.Department, query.Limit });
        var department = query.Department is null ? "" : " AND department = @Department";
        for (var i = 0; i < query.Statuses.Count; i++)
        {
            parameters.Add("Status" + i, query.Statuses[i]);
        }

        if (query.ExtensionRequestedOnly)
        {
            // Few rows (a request waits days at most), from their partial index.
            return await ReadQueueAsync(
                $"SELECT * FROM cases{Dialect.Reading("ix_cases_extension")} WHERE tenant = @Tenant AND extension_requested_at IS NOT NULL AND status IN ({string.Join(", ", query.Statuses.Select((_, i) => $"@Status{i}"))}){department} ORDER BY {Urgency} LIMIT @Limit",
                parameters,
                cancellationToken);
        }

        // Each status's most urgent rows read in order from its index (migration 0012), merged and cut: never a sort of
        // a whole status, never a row the queue does not show. A department's queues have indexes of their own.
        var byDepartment = query.Department is not null;
        var queueIndex = Dialect.Reading(byDepartment ? "ix_cases_department_queue" : "ix_cases_queue");
        var overdueIndex = Dialect.Reading(byDepartment ? "ix_cases_department_overdue" : "ix_cases_overdue_status");
        var parts = new List<string>();
        for (var i = 0; i < query.Statuses.Count; i++)
        {
            var status = $"tenant = @Tenant{department} AND status = @Status{i}";
            parts.Add($"SELECT * FROM (SELECT * FROM cases{overdueIndex} WHERE {status} AND {Dialect.IsTrue("overdue")} ORDER BY registered_at, number LIMIT @Limit) AS o{i}");
            if (!query.OverdueOnly)
            {
                parts.Add($"SELECT * FROM (SELECT * FROM cases{queueIndex} WHERE {status} AND {Dialect.IsFalse("overdue")} AND next_due_at IS NOT NULL ORDER BY next_due_at, registered_at, number LIMIT @Limit) AS d{i}");
                // Ordered by an expression (the same value here), so the database finds these rows through the queue index
                // (next_due_at IS NULL) and sorts them, rather than walking the tenant's whole registration order.
                parts.Add($"SELECT * FROM (SELECT * FROM cases{queueIndex} WHERE {status} AND {Dialect.IsFalse("overdue")} AND next_due_at IS NULL ORDER BY CASE WHEN next_due_at IS NULL THEN registered_at END, number LIMIT @Limit) AS n{i}");
            }
        }

        return await ReadQueueAsync($"SELECT * FROM ({string.Join(" UNION ALL ", parts)}) AS q ORDER BY {Urgency} LIMIT @Limit", parameters, cancellationToken);
    }

    private async Task<IReadOnlyList<LedgerRow>> ReadQueueAsync(string sql, DynamicParameters parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<CaseRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
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
