using System.Globalization;
using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>
/// The scheduled report snapshots (<see cref="IReportSnapshots"/>), the same SQL on both databases: written through the
/// store's writer like every other write, inserted once (the unique keys refuse a second of a period), never updated.
/// </summary>
public abstract partial class RelationalCaseStore : IReportSnapshots
{
    private const string SnapshotEntryColumns = "id, kind, period_from, period_to, produced_at";

    public Task<DateTimeOffset> ScheduleStartedAsync(string tenant, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteUnitAsync(
            async (connection, transaction) =>
            {
                await connection.ExecuteAsync(
                    "INSERT INTO report_schedules (tenant, started_at) VALUES (@tenant, @at) ON CONFLICT (tenant) DO NOTHING",
                    new { tenant, at = Dialect.Time(at) },
                    transaction);
                return Dialect.ReadTime((await connection.ExecuteScalarAsync<object>(
                    "SELECT started_at FROM report_schedules WHERE tenant = @tenant", new { tenant }, transaction))!);
            },
            cancellationToken);

    public Task<bool> AddSnapshotAsync(ReportSnapshot snapshot, IReadOnlyList<Notification> notices, CancellationToken cancellationToken = default) =>
        WriteUnitAsync(
            async (connection, transaction) =>
            {
                // No conflict target: either unique key (the period, or the id) makes it a second one.
                var added = await connection.ExecuteAsync(
                    """
                    INSERT INTO report_snapshots (tenant, id, kind, period_from, period_to, produced_at, content, workbook)
                    VALUES (@Tenant, @Id, @Kind, @From, @To, @ProducedAt, @Content, @Workbook) ON CONFLICT DO NOTHING
                    """,
                    new
                    {
                        snapshot.Tenant,
                        snapshot.Id,
                        snapshot.Kind,
                        From = DateText(snapshot.From),
                        To = DateText(snapshot.To),
                        ProducedAt = Dialect.Time(snapshot.ProducedAt),
                        snapshot.Content,
                        snapshot.Workbook,
                    },
                    transaction) == 1;
                if (added && notices.Count > 0)
                {
                    await connection.ExecuteAsync(RelationalQueries.AddNotification, notices.Select(NotificationParameters), transaction);
                }

                return added;
            },
            cancellationToken);

    public async Task<IReadOnlyList<ReportSnapshotEntry>> SnapshotsAsync(string tenant, string? kind = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Id, string Kind, string From, string To, object ProducedAt)>(new CommandDefinition(
            $"SELECT {SnapshotEntryColumns} FROM report_snapshots WHERE tenant = @tenant{(kind is null ? "" : " AND kind = @kind")} ORDER BY period_from DESC, kind",
            new { tenant, kind },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ReportSnapshotEntry(r.Id, r.Kind, ReadDate(r.From), ReadDate(r.To), Dialect.ReadTime(r.ProducedAt)))];
    }

    public async Task<string?> SnapshotContentAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT content FROM report_snapshots WHERE tenant = @tenant AND id = @id", new { tenant, id }, cancellationToken: cancellationToken));
    }

    public async Task<byte[]?> SnapshotWorkbookAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT workbook FROM report_snapshots WHERE tenant = @tenant AND id = @id", new { tenant, id }, cancellationToken: cancellationToken));
    }

    private static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ReadDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
