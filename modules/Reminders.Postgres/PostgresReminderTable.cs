using System.Globalization;
using Complaints.Storage;
using Complaints.Storage.Postgres;
using Complaints.Storage.Relational;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Complaints.Reminders.Postgres;

/// <summary>
/// Orleans' reminder table in cluster mode: Orleans' own <c>OrleansRemindersTable</c> (made by the schema command from
/// Orleans' scripts), with its columns and meanings kept, so rows written by Orleans' ADO.NET provider, as earlier
/// versions of the platform did, stay valid, and hosts of both kinds can share the table during an upgrade. What
/// differs is how rows are written: Orleans' provider commits each upsert on its own connection (a transaction and a
/// WAL flush per reminder, about as many as registrations); this table sends every write through the store's writer,
/// in the clocks' lane, the writes waiting at the same moment as one unit and one round trip. A reminder row then
/// shares its commit with the cases' own writes and never delays a request. Each caller is still answered only after
/// the transaction holding its row has committed.
/// </summary>
/// <remarks>
/// As in Orleans' table: the ETag is the row's <c>Version</c>, moved on by every upsert; the grain hash is stored as a
/// signed integer (the unsigned hash cast), and ranges are compared in that order; <c>Period</c> is in milliseconds and
/// <c>StartTime</c> keeps milliseconds. One difference: a new row's version starts at a random number, not at 0, so a
/// reminder removed and registered again does not give its old ETag back (a holder of the old one could remove it).
/// </remarks>
public sealed class PostgresReminderTable : IReminderTable
{
    private const string Columns = "SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable";

    private const string UpsertSql = """
        INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE SET
            StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash,
            Version = OrleansRemindersTable.Version + 1
        RETURNING Version
        """;

    // RETURNING gives every statement of a unit's batch a result set, read in order: one row when it removed one.
    private const string RemoveSql =
        "DELETE FROM OrleansRemindersTable WHERE ServiceId = $1 AND GrainId = $2 AND ReminderName = $3 AND Version = $4 RETURNING Version";

    // Orleans' contract: the range is (begin, end]; it wraps when begin >= end, compared as the stored signed hashes.
    private const string RangeSql = $"{Columns} WHERE ServiceId = $1 AND GrainHash > $2 AND GrainHash <= $3";

    // The wrapping range as two index-friendly scans rather than one OR.
    private const string WrappedRangeSql = $"""
        {Columns} WHERE ServiceId = $1 AND GrainHash > $2
        UNION ALL
        {Columns} WHERE ServiceId = $1 AND GrainHash <= $3
        """;

    private readonly PostgresDatabase _database;
    private readonly string _serviceId;
    private readonly QueuedRows<RowWrite> _rows;

    public PostgresReminderTable(PostgresDatabase database, IOptions<ClusterOptions> clusterOptions)
    {
        _database = database;
        _serviceId = clusterOptions.Value.ServiceId;
        _rows = new QueuedRows<RowWrite>(take => _database.WriteAsync((connection, transaction) => WriteAsync(connection, transaction, take()), WriteLane.Clocks));
    }

    /// <summary>The table is made by the schema command (<see cref="PostgresSchema"/>), which the host checks at start-up.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        new(await ReadAsync($"{Columns} WHERE ServiceId = $1 AND GrainId = $2", [_serviceId, grainId.ToString()], cancellationToken));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>Rows whose grain hash lies in the ring range (begin, end], wrapping when begin &gt;= end, as Orleans' table does.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var (from, to) = (Signed(begin), Signed(end));
        return new(await ReadAsync(from < to ? RangeSql : WrappedRangeSql, [_serviceId, from, to], cancellationToken));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        (await ReadAsync($"{Columns} WHERE ServiceId = $1 AND GrainId = $2 AND ReminderName = $3", [_serviceId, grainId.ToString(), reminderName], cancellationToken))
            .SingleOrDefault();

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <summary>Inserts or replaces the reminder; the returned ETag is the row's new version.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var version = await _rows.WriteAsync(new RowWrite(true, entry.GrainId.ToString(), entry.ReminderName)
        {
            StartTime = Utc(entry.StartAt),
            Period = (long)entry.Period.TotalMilliseconds,
            GrainHash = Signed(entry.GrainId.GetUniformHashCode()),
            Version = Random.Shared.Next(1, 1 << 30),
        });
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>Removes the reminder only if <paramref name="eTag"/> is still its version, i.e. nobody upserted it since.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!int.TryParse(eTag, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var version))
        {
            return false; // not an ETag this table ever gave
        }

        return await _rows.WriteAsync(new RowWrite(false, grainId.ToString(), reminderName) { Version = version }) > 0;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <summary>Removes this service's reminders only: other services sharing the database keep theirs.</summary>
    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = new NpgsqlCommand("DELETE FROM OrleansRemindersTable WHERE ServiceId = $1", connection, transaction);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    /// <summary>One round trip for every row of the unit; each row's <see cref="QueuedRow{TRow}.Changed"/> is its new version, or the rows it removed.</summary>
    private async Task<int> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<QueuedRow<RowWrite>> rows)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var queued in rows)
        {
            var row = queued.Row;
            var command = new NpgsqlBatchCommand(row.Upsert ? UpsertSql : RemoveSql);
            var p = command.Parameters;
            p.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
            p.Add(new NpgsqlParameter<string> { TypedValue = row.GrainId });
            p.Add(new NpgsqlParameter<string> { TypedValue = row.ReminderName });
            if (row.Upsert)
            {
                p.Add(new NpgsqlParameter<DateTime> { TypedValue = row.StartTime });
                p.Add(new NpgsqlParameter<long> { TypedValue = row.Period });
                p.Add(new NpgsqlParameter<int> { TypedValue = row.GrainHash });
            }

            p.Add(new NpgsqlParameter<int> { TypedValue = row.Version });
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync();
        foreach (var queued in rows)
        {
            var returned = 0;
            while (await reader.ReadAsync())
            {
                returned++;
                queued.Changed = queued.Row.Upsert ? reader.GetInt32(0) : returned;
            }

            await reader.NextResultAsync();
        }

        return rows.Count;
    }

    private async Task<List<ReminderEntry>> ReadAsync(string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var command = _database.DataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt32(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return result;
    }

    /// <summary>The hash as Orleans' table stores it: the unsigned ring position cast to a signed integer.</summary>
    private static int Signed(uint hash) => unchecked((int)hash);

    /// <summary>Orleans hands over Utc or Unspecified times meaning UTC (as its ADO.NET table assumes); only Local needs converting.</summary>
    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => value,
    };

    /// <summary>A reminder row to upsert (all fields) or remove (key and version).</summary>
    private sealed record RowWrite(bool Upsert, string GrainId, string ReminderName)
    {
        public DateTime StartTime { get; init; }

        public long Period { get; init; }

        public int GrainHash { get; init; }

        public int Version { get; init; }
    }
}
