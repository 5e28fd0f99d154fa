using System.Text;
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
        var statuses = new StringBuilder();
        for (var i = 0; i < query.Statuses.Count; i++)
        {
            parameters.Add("Status" + i, query.Statuses[i]);
            statuses.Append(i == 0 ? "" : ", ").Append("@Status").Append(i);
        }

        string sql;
        if (query.OverdueOnly || query.ExtensionRequestedOnly)
        {
            // Few rows, from their partial indexes (ix_cases_overdue in its order: all overdue, oldest first; ix_cases_extension).
            sql = query.OverdueOnly
                ? $"SELECT * FROM cases{Dialect.Reading("ix_cases_overdue")} WHERE tenant = @Tenant AND {Dialect.IsTrue("overdue")} AND status IN ({statuses}){department} ORDER BY registered_at, number LIMIT @Limit"
                : $"SELECT * FROM cases WHERE tenant = @Tenant AND extension_requested_at IS NOT NULL AND status IN ({statuses}){department} ORDER BY {Urgency} LIMIT @Limit";
        }
        else
        {
            // Each status's most urgent rows read in order from ix_cases_queue, the overdue and those without a deadline
            // beside them; merged and cut. Never a sort of a whole status.
            var parts = new List<string>
            {
                $"SELECT * FROM (SELECT * FROM cases{Dialect.Reading("ix_cases_overdue")} WHERE tenant = @Tenant AND {Dialect.IsTrue("overdue")} AND status IN ({statuses}){department} ORDER BY registered_at, number LIMIT @Limit) AS o",
                // Ordered by an expression (the same value here), so the database finds these few rows through the queue
                // index (next_due_at IS NULL) and sorts them, rather than walking the tenant's whole registration order.
                $"SELECT * FROM (SELECT * FROM cases{Dialect.Reading("ix_cases_queue")} WHERE tenant = @Tenant AND status IN ({statuses}) AND next_due_at IS NULL AND {Dialect.IsFalse("overdue")}{department} ORDER BY CASE WHEN next_due_at IS NULL THEN registered_at END, number LIMIT @Limit) AS n",
            };
            for (var i = 0; i < query.Statuses.Count; i++)
            {
                parts.Add($"SELECT * FROM (SELECT * FROM cases{Dialect.Reading("ix_cases_queue")} WHERE tenant = @Tenant AND status = @Status{i} AND next_due_at IS NOT NULL AND {Dialect.IsFalse("overdue")}{department} ORDER BY next_due_at, registered_at, number LIMIT @Limit) AS s{i}");
            }

            sql = $"SELECT * FROM ({string.Join(" UNION ALL ", parts)}) AS q ORDER BY {Urgency} LIMIT @Limit";
        }

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
