using System.Globalization;
using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>
/// The statistics (<see cref="IStatistics"/>): one GROUP BY over the period's ledger rows, read through the index on
/// (tenant, registered_at); the same SQL on both databases but for the China month and the handling time, which the
/// dialect writes. The definitions are docs/reports.md "Statistics".
/// </summary>
public abstract partial class RelationalCaseStore : IStatistics
{
    public async Task<IReadOnlyList<StatisticsCounts>> CountAsync(StatisticsQuery query, CancellationToken cancellationToken = default)
    {
        var key = query.By switch
        {
            StatisticsDimension.Category => "category",
            StatisticsDimension.Channel => "channel",
            StatisticsDimension.Department => "department",
            StatisticsDimension.Kind => "kind",
            StatisticsDimension.Target => "target_type",
            StatisticsDimension.Month => Dialect.ChinaMonth("registered_at"),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.By, "Not a statistics dimension."),
        };
        var breached = Dialect.IsTrue("resolution_breached");
        var notBreached = Dialect.IsFalse("resolution_breached");
        var sql = $"""
            SELECT {key} AS group_key,
                COUNT(*) AS received,
                SUM(CASE WHEN status <> 'rejected' THEN 1 ELSE 0 END) AS accepted,
                SUM(CASE WHEN {ReportCounts.Closed} THEN 1 ELSE 0 END) AS closed,
                SUM(CASE WHEN {ReportCounts.Closed} AND {notBreached} THEN 1 ELSE 0 END) AS on_time,
                SUM(CASE WHEN {breached} THEN 1 ELSE 0 END) AS overdue,
                SUM(CASE WHEN callbacks > 0 THEN 1 ELSE 0 END) AS callbacks,
                SUM(CASE WHEN callbacks > 0 AND {ReportCounts.Satisfied} THEN 1 ELSE 0 END) AS satisfied,
                SUM(redispatches) AS redispatches,
                SUM(CASE WHEN recomplaint_of IS NOT NULL THEN 1 ELSE 0 END) AS recomplaints,
                SUM(CASE WHEN {ReportCounts.WithinDeadline(Dialect)} THEN 1 ELSE 0 END) AS within_deadline,
                SUM(CASE WHEN {ReportCounts.Closed} THEN {Dialect.MillisecondsBetween("registered_at", "closed_at")} ELSE 0 END) AS handling_ms
            FROM cases
            WHERE tenant = @Tenant AND registered_at >= @From AND registered_at < @To{(query.Department is null ? "" : " AND department = @Department")}
            GROUP BY {key}
            """;
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<StatisticsRow>(new CommandDefinition(
            sql,
            new { query.Tenant, From = Dialect.Time(query.From), To = Dialect.Time(query.To), Now = Dialect.Time(query.Now), query.Department },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToCounts())];
    }
}

/// <summary>A statistics row as Dapper reads it (integers are long in SQLite, bigint or numeric in PostgreSQL).</summary>
internal sealed class StatisticsRow
{
    public string? group_key { get; set; }
    public object received { get; set; } = 0L;
    public object accepted { get; set; } = 0L;
    public object closed { get; set; } = 0L;
    public object on_time { get; set; } = 0L;
    public object overdue { get; set; } = 0L;
    public object callbacks { get; set; } = 0L;
    public object satisfied { get; set; } = 0L;
    public object redispatches { get; set; } = 0L;
    public object recomplaints { get; set; } = 0L;
    public object within_deadline { get; set; } = 0L;
    public object? handling_ms { get; set; }

    public StatisticsCounts ToCounts() => new()
    {
        Key = group_key,
        Received = Int(received),
        Accepted = Int(accepted),
        Closed = Int(closed),
        OnTime = Int(on_time),
        Overdue = Int(overdue),
        Callbacks = Int(callbacks),
        Satisfied = Int(satisfied),
        Redispatches = Int(redispatches),
        Recomplaints = Int(recomplaints),
        WithinDeadline = Int(within_deadline),
        HandlingMilliseconds = handling_ms is null or DBNull ? 0 : Convert.ToDouble(handling_ms, CultureInfo.InvariantCulture),
    };

    private static int Int(object value) => value is DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
}
