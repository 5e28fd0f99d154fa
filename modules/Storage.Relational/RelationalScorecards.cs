using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>
/// The scorecards' figures (<see cref="IScorecards"/>): five grouped queries, each a range scan of an index that
/// starts with (tenant, time) — <c>ix_cases_registered</c> (or <c>ix_cases_department</c> for one department) and
/// <c>ix_breaches_at</c> — so a month of a million-case ledger is read once and summed by the database.
/// </summary>
public abstract partial class RelationalCaseStore : IScorecards
{
    public async Task<ScorecardFigures> ScorecardFiguresAsync(ScorecardQuery query, CancellationToken cancellationToken = default)
    {
        var parameters = new
        {
            query.Tenant,
            From = Dialect.Time(query.From),
            To = Dialect.Time(query.To),
            YearFrom = Dialect.Time(query.YearFrom),
            Now = Dialect.Time(query.Now),
            query.Department,
        };
        var department = query.Department is null ? "" : " AND department = @Department";
        await using var connection = await OpenReadAsync(cancellationToken);

        var cases = await RowsAsync(connection, $"""
            SELECT department, handler, COUNT(*) AS handled,
                SUM(CASE WHEN {ReportCounts.Closed} THEN 1 ELSE 0 END) AS closed,
                SUM(CASE WHEN {ReportCounts.WithinDeadline(Dialect)} THEN 1 ELSE 0 END) AS within_deadline,
                SUM(CASE WHEN {ReportCounts.Closed} AND {Dialect.IsFalse("resolution_breached")} THEN 1 ELSE 0 END) AS on_time,
                SUM(CASE WHEN callbacks > 0 THEN 1 ELSE 0 END) AS callbacks,
                SUM(CASE WHEN callbacks > 0 AND {ReportCounts.Satisfied} THEN 1 ELSE 0 END) AS satisfied
            FROM cases
            WHERE tenant = @Tenant AND registered_at >= @From AND registered_at < @To AND department IS NOT NULL AND status <> 'rejected'{department}
            GROUP BY department, handler
            """, parameters, cancellationToken);

        // Grouped by the fine as stored too, so that the yuan add up exactly (SQLite keeps them as text).
        var breaches = await RowsAsync(connection, $"""
            SELECT department, person, fine, COUNT(*) AS items, SUM(points) AS points
            FROM breaches
            WHERE tenant = @Tenant AND breached_at >= @From AND breached_at < @To AND department IS NOT NULL{department}
            GROUP BY department, person, fine
            """, parameters, cancellationToken);

        // The original's department and its handler (the round that answered) carry the re-complaint.
        var recomplaints = await RowsAsync(connection, $"""
            SELECT o.department AS department, o.handler AS person, COUNT(*) AS items
            FROM cases r JOIN cases o ON o.tenant = r.tenant AND o.number = r.recomplaint_of
            WHERE r.tenant = @Tenant AND r.registered_at >= @From AND r.registered_at < @To AND r.recomplaint_of IS NOT NULL
                AND r.status <> 'rejected' AND o.department IS NOT NULL{(query.Department is null ? "" : " AND o.department = @Department")}
            GROUP BY o.department, o.handler
            """, parameters, cancellationToken);

        // Only cases re-dispatched at all are joined to their events; who each round counts against is in the event
        // (Redispatched.ChargedTo, Escalated.Against), the person is who had signed for that round.
        var rounds = await connection.QueryAsync<(string Data, string? Person)>(new CommandDefinition("""
            SELECT e.data AS data,
                (SELECT s.actor FROM case_events s WHERE s.tenant = e.tenant AND s.number = e.number AND s.type = 'signed' AND s.seq < e.seq
                    ORDER BY s.seq DESC LIMIT 1) AS person
            FROM cases c JOIN case_events e ON e.tenant = c.tenant AND e.number = c.number
            WHERE c.tenant = @Tenant AND c.registered_at >= @From AND c.registered_at < @To AND c.redispatches > 0 AND c.status <> 'rejected'
                AND e.type IN ('redispatched', 'escalated')
            """, parameters, cancellationToken: cancellationToken));
        var redispatches = rounds
            .Select(r => (Department: ChargedTo(r.Data), r.Person))
            .Where(r => r.Department is not null && (query.Department is null || r.Department == query.Department))
            .GroupBy(r => (r.Department, r.Person))
            .Select(g => new ScorecardCharge(g.Key.Department!, g.Key.Person, g.Count()))
            .ToList();

        var year = await RowsAsync(connection, """
            SELECT person, department, clock, COUNT(*) AS items
            FROM breaches
            WHERE tenant = @Tenant AND breached_at >= @YearFrom AND breached_at < @To AND person IS NOT NULL
            GROUP BY person, department, clock
            """, parameters, cancellationToken);

        return new ScorecardFigures(
            [.. cases.Select(r => new ScorecardCases(
                (string)r["department"]!, r["handler"] as string, Int(r["handled"]), Int(r["closed"]), Int(r["within_deadline"]),
                Int(r["on_time"]), Int(r["callbacks"]), Int(r["satisfied"])))],
            [.. breaches
                .Select(r => (Department: (string)r["department"]!, Person: r["person"] as string, Items: Int(r["items"]), Points: Int(r["points"]), Fines: Dialect.ReadDecimal(r["fine"]!) * Int(r["items"])))
                .GroupBy(r => (r.Department, r.Person))
                .Select(g => new ScorecardBreaches(g.Key.Department, g.Key.Person, g.Sum(r => r.Items), g.Sum(r => r.Points), g.Sum(r => r.Fines)))],
            [.. recomplaints.Select(r => new ScorecardCharge((string)r["department"]!, r["person"] as string, Int(r["items"])))],
            redispatches,
            [.. year.Select(r => new PersonBreaches((string)r["person"]!, r["department"] as string, (string)r["clock"]!, Int(r["items"])))]);
    }

    private static async Task<IReadOnlyList<IDictionary<string, object?>>> RowsAsync(DbConnection connection, string sql, object parameters, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return [.. rows.Cast<IDictionary<string, object?>>()];
    }

    private static int Int(object? value) => value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);

    /// <summary>The department a re-dispatch or escalation event counts against: <c>against</c>, else (older re-dispatches) <c>department</c>.</summary>
    private static string? ChargedTo(string data)
    {
        using var json = JsonDocument.Parse(data);
        foreach (var name in (ReadOnlySpan<string>)["against", "department"])
        {
            if (json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }
}
