using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Complaints.Bench;

/// <summary>
/// Reads what the clocks recorded straight from the scenario's store, beside the running hosts: the host's SQLite file
/// (read-only; WAL lets it run beside the host) or the scenario's PostgreSQL database. The platform's tables have the
/// same shape in both; the reminder tables differ (the embedded store's own, Orleans' ADO.NET one).
/// </summary>
internal sealed class StoreReader
{
    private readonly Func<DbConnection> _open;
    private readonly string _reminderTable;
    private readonly Func<StoreReader, long> _bytes;

    private StoreReader(string name, Func<DbConnection> open, string reminderTable, Func<StoreReader, long> bytes)
    {
        Name = name;
        _open = open;
        _reminderTable = reminderTable;
        _bytes = bytes;
    }

    /// <summary>"SQLite" or "PostgreSQL".</summary>
    public string Name { get; }

    public static StoreReader Sqlite(string database) => new(
        "SQLite",
        () => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString()),
        "orleans_reminders",
        _ => new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length));

    /// <summary>The database of <paramref name="connectionString"/>; its size is counted from <paramref name="emptyBytes"/> (just after the schema).</summary>
    public static StoreReader Postgres(string connectionString, long emptyBytes) => new(
        "PostgreSQL",
        () => new NpgsqlConnection(connectionString),
        "OrleansRemindersTable",
        reader => reader.Scalar("SELECT pg_database_size(current_database())") - emptyBytes);

    /// <summary>The size of the database: the SQLite file and its WAL; for PostgreSQL its growth since the schema (<c>pg_database_size</c>, WAL not included).</summary>
    public long Bytes() => _bytes(this);

    /// <summary>Breaches recorded so far (the breaches table: cheap enough to poll beside a running host).</summary>
    public long CountBreaches(string tenant, string clock = "resolution")
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT COUNT(*) FROM breaches WHERE tenant = @tenant AND clock = @clock", ("@tenant", tenant), ("@clock", clock));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every breach of the clock in the tenant: case number, when it was recorded, when it was due.</summary>
    public List<Breach> ReadBreaches(string tenant, string clock = "resolution") =>
        [.. ClockEvents(tenant, clock, "clock-breached").Select(e => new Breach(e.Number, e.At, e.Data.GetProperty("dueAt").GetDateTimeOffset()))];

    /// <summary>
    /// Every warning of the clock in the tenant: case number, when it was recorded, when it was due (the <c>warnAt</c> of
    /// the clock's start).
    /// </summary>
    public List<Warning> ReadWarnings(string tenant, string clock = "resolution")
    {
        var warnAt = new Dictionary<string, DateTimeOffset>();
        var result = new List<Warning>();
        foreach (var e in ClockEvents(tenant, clock, "clock-started", "clock-warned"))
        {
            if (e.Type == "clock-started")
            {
                warnAt[e.Number] = e.Data.GetProperty("warnAt").GetDateTimeOffset();
            }
            else if (warnAt.TryGetValue(e.Number, out var due))
            {
                result.Add(new Warning(e.Number, e.At, due, e.Data.GetProperty("dueAt").GetDateTimeOffset()));
            }
        }

        return result;
    }

    /// <summary>The tenant's events of <paramref name="types"/> for the clock named <paramref name="clock"/>, each case's in seq order.</summary>
    private IEnumerable<(string Number, string Type, DateTimeOffset At, JsonElement Data)> ClockEvents(string tenant, string clock, params string[] types)
    {
        using var connection = Open();
        using var command = Command(
            connection,
            $"SELECT number, type, at, data FROM case_events WHERE tenant = @tenant AND type IN ({string.Join(", ", types.Select(t => $"'{t}'"))}) ORDER BY number, seq",
            ("@tenant", tenant));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            using var data = JsonDocument.Parse(reader.GetString(3));
            if (data.RootElement.GetProperty("name").GetString() == clock)
            {
                yield return (reader.GetString(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture), data.RootElement.Clone());
            }
        }
    }

    /// <summary>Rows in the reminder table, and open cases the ledger says must wake at some time.</summary>
    public (long Reminders, long CasesToWake) Armed() =>
        (Scalar($"SELECT COUNT(*) FROM {_reminderTable}"), Scalar("SELECT COUNT(*) FROM cases WHERE wake_at IS NOT NULL"));

    private long Scalar(string sql)
    {
        using var connection = Open();
        using var command = Command(connection, sql);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private DbConnection Open()
    {
        var connection = _open();
        connection.Open();
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
