using Complaints.Storage;
using Complaints.Storage.Relational;
using Complaints.Storage.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Complaints.Reminders.Sqlite;

/// <summary>
/// Orleans' reminder table over the embedded SQLite file. Orleans has no SQLite reminder table (its ADO.NET one
/// supports neither SQLite nor our single writer), so this one reads over pooled connections and sends every
/// write through <see cref="SqliteDatabase.WriteAsync{T}"/>: reminder upserts then share the group commit with
/// the case events instead of competing with them for SQLite's only write lock.
/// <para>
/// Every case re-arms its reminder after each change, so there are about as many reminder writes as case commits. The
/// writes that wait at the same moment go to the writer as one unit, in the clocks' lane, through two statements
/// prepared once: a reminder row costs the writer a statement, not a unit of its own (no savepoint, no parse), and never
/// delays a request. Each caller is still answered only after the transaction holding its row has committed.
/// </para>
/// </summary>
/// <remarks>
/// Rows are scoped by <see cref="ClusterOptions.ServiceId"/>, as Orleans' own tables do, so that a cluster with
/// another service id sharing the file never sees them. Times are stored as UTC ticks so they round-trip exactly.
/// </remarks>
public sealed class SqliteReminderTable : IReminderTable
{
    private const string Columns =
        "SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_at AS StartAt, period AS Period, etag AS ETag FROM orleans_reminders";

    private const string UpsertSql = """
        INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period, etag)
        VALUES (@serviceId, @grainId, @reminderName, @grainHash, @startAt, @period, @etag)
        ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
            grain_hash = excluded.grain_hash, start_at = excluded.start_at, period = excluded.period, etag = excluded.etag;
        """;

    private const string RemoveSql =
        "DELETE FROM orleans_reminders WHERE service_id = @serviceId AND grain_id = @grainId AND reminder_name = @reminderName AND etag = @etag";

    // Orleans' contract: the range is (begin, end]; when begin >= end it wraps past uint.MaxValue (begin == end is the whole ring).
    private const string RangeSql = $"{Columns} WHERE service_id = @serviceId AND grain_hash > @begin AND grain_hash <= @end";

    // The wrapping range as two index range scans rather than one OR that SQLite might answer with a full scan.
    private const string WrappedRangeSql = $"""
        {Columns} WHERE service_id = @serviceId AND grain_hash > @begin
        UNION ALL
        {Columns} WHERE service_id = @serviceId AND grain_hash <= @end
        """;

    private readonly SqliteDatabase _database;
    private readonly string _serviceId;
    private readonly QueuedRows<RowWrite> _rows;

    public SqliteReminderTable(SqliteDatabase database, IOptions<ClusterOptions> clusterOptions)
    {
        _database = database;
        _serviceId = clusterOptions.Value.ServiceId;
        _rows = new QueuedRows<RowWrite>(take => _database.WriteAsync(
            (_, transaction) =>
            {
                var rows = take();
                foreach (var row in rows)
                {
                    row.Changed = Write(transaction, row.Row);
                }

                return rows.Count;
            },
            WriteLane.Clocks));
    }

    /// <summary>
    /// Brings the file to the current schema version (the table <c>orleans_reminders</c> is part of version 1 of
    /// <see cref="SqliteSchema"/>); Orleans calls this before the reminder service reads anything. A no-op when the
    /// storage has migrated the file already, as the host's does.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SqliteSchema.Migrate(_database);
        return Task.CompletedTask;
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        var rows = connection.Query<Row>(
            $"{Columns} WHERE service_id = @serviceId AND grain_id = @grainId",
            new { serviceId = _serviceId, grainId = grainId.ToString() });
        return Task.FromResult(new ReminderTableData(rows.Select(ToEntry)));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>Rows whose grain hash lies in the ring range (begin, end], wrapping when begin &gt;= end, as every Orleans table does.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // A range can hold every reminder of the service: read it off the Orleans scheduler's thread.
        return Task.Run(
            () =>
            {
                using var connection = _database.Open();
                var rows = connection.Query<Row>(
                    begin < end ? RangeSql : WrappedRangeSql,
                    new { serviceId = _serviceId, begin = (long)begin, end = (long)end });
                return new ReminderTableData(rows.Select(ToEntry));
            },
            cancellationToken);
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        var row = connection.QuerySingleOrDefault<Row>(
            $"{Columns} WHERE service_id = @serviceId AND grain_id = @grainId AND reminder_name = @reminderName",
            new { serviceId = _serviceId, grainId = grainId.ToString(), reminderName });
        return Task.FromResult(row is null ? null : ToEntry(row));
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <summary>Inserts or replaces the reminder; the returned ETag is fresh, so every holder of an older one loses a later remove.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // A GUID rather than a row version: a reminder removed and registered again never reuses an old ETag.
        var etag = Guid.NewGuid().ToString("N");
        await _rows.WriteAsync(new RowWrite(true, entry.GrainId.ToString(), entry.ReminderName, etag)
        {
            GrainHash = entry.GrainId.GetUniformHashCode(),
            StartAt = ToUtcTicks(entry.StartAt),
            Period = entry.Period.Ticks,
        });
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>Removes the reminder only if <paramref name="eTag"/> is still current, i.e. nobody upserted it since.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await _rows.WriteAsync(new RowWrite(false, grainId.ToString(), reminderName, eTag)) > 0;
    }

    private int Write(SqliteTransaction transaction, RowWrite row)
    {
        var command = WriterStatements.Command(transaction, row.Upsert ? UpsertSql : RemoveSql);
        var p = command.Parameters;
        p.AddWithValue("@serviceId", _serviceId);
        p.AddWithValue("@grainId", row.GrainId);
        p.AddWithValue("@reminderName", row.ReminderName);
        p.AddWithValue("@etag", row.ETag);
        if (row.Upsert)
        {
            p.AddWithValue("@grainHash", row.GrainHash);
            p.AddWithValue("@startAt", row.StartAt);
            p.AddWithValue("@period", row.Period);
        }

        return command.ExecuteNonQuery();
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <summary>Removes this service's reminders only: other services sharing the file keep theirs.</summary>
    public Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var parameters = new { serviceId = _serviceId };
        return _database.WriteAsync(
            (connection, transaction) => connection.Execute("DELETE FROM orleans_reminders WHERE service_id = @serviceId", parameters, transaction),
            cancellationToken);
    }

    /// <summary>Orleans hands over Utc or Unspecified times meaning UTC (as its ADO.NET table assumes); only Local needs converting.</summary>
    private static long ToUtcTicks(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime().Ticks : value.Ticks;

    private static ReminderEntry ToEntry(Row row) => new()
    {
        GrainId = GrainId.Parse(row.GrainId),
        ReminderName = row.ReminderName,
        StartAt = new DateTime(row.StartAt, DateTimeKind.Utc),
        Period = TimeSpan.FromTicks(row.Period),
        ETag = row.ETag,
    };

    /// <summary>A reminder row to upsert or remove.</summary>
    private sealed record RowWrite(bool Upsert, string GrainId, string ReminderName, string ETag)
    {
        public long GrainHash { get; init; }

        public long StartAt { get; init; }

        public long Period { get; init; }
    }

    /// <summary>One stored row, as Dapper maps it (by the column aliases in <see cref="Columns"/>).</summary>
    private sealed record Row(string GrainId, string ReminderName, long StartAt, long Period, string ETag);
}
