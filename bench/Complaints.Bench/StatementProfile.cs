using System.Globalization;
using Npgsql;

namespace Complaints.Bench;

/// <summary>
/// Where the PostgreSQL server's time goes (<c>--statements</c>, postgres only): the server is started with
/// <c>pg_stat_statements</c>; its counters are reset after intake's warm-up (or once a deadline scenario's work orders
/// are created) and read after the measured runs (or the window), and each statement is reported per complaint sent
/// (or deadline due), so round trips show as calls per complaint whatever the run's length.
/// </summary>
internal sealed class StatementProfile
{
    /// <summary>The server setting that loads the extension; it needs a server start, so it is given at start-up.</summary>
    public const string ServerSetting = "shared_preload_libraries=pg_stat_statements";

    private readonly string _connectionString;

    private StatementProfile(string connectionString) => _connectionString = connectionString;

    /// <summary>Makes the extension's view in a scenario's new database.</summary>
    public static Task CreateExtensionAsync(string connectionString) => ExecuteAsync(connectionString, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");

    /// <summary>Starts counting from zero in the hosts' database; null when not asked for (or not on PostgreSQL).</summary>
    public static async Task<StatementProfile?> StartAsync(BenchOptions options, HostGroup hosts)
    {
        if (!options.Statements || hosts.ConnectionString is not { } connectionString)
        {
            return null;
        }

        await ExecuteAsync(connectionString, "SELECT pg_stat_statements_reset()");
        return new StatementProfile(connectionString);
    }

    /// <summary>Every statement run on this database since the reset, most time first; per complaint over <paramref name="complaints"/>.</summary>
    public async Task<List<StatementCost>> ReadAsync(long complaints)
    {
        const string sql = """
            SELECT s.query, s.calls, s.rows, s.total_exec_time, s.total_plan_time, s.wal_records, s.wal_bytes
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = current_database()
            ORDER BY s.total_exec_time DESC
            """;
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<StatementCost>();
        var per = Math.Max(1, complaints);
        while (await reader.ReadAsync())
        {
            var calls = reader.GetInt64(1);
            result.Add(new StatementCost(
                OneLine(reader.GetString(0)),
                (double)calls / per,
                (double)reader.GetInt64(2) / per,
                calls == 0 ? 0 : reader.GetDouble(3) * 1000 / calls,
                (reader.GetDouble(3) + reader.GetDouble(4)) * 1000 / per,
                (double)reader.GetInt64(5) / per,
                (double)reader.GetDecimal(6) / per));
        }

        return result;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string OneLine(string query)
    {
        var text = string.Join(' ', query.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 160 ? text : text[..157] + "...";
    }
}

/// <summary>One statement's cost per complaint: calls, rows, mean execution µs, execution and planning µs, WAL records and bytes.</summary>
internal sealed record StatementCost(string Query, double Calls, double Rows, double MeanMicroseconds, double Microseconds, double WalRecords, double WalBytes)
{
    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| `{Query.Replace("|", "\\|", StringComparison.Ordinal)}` | {Calls:F2} | {Rows:F2} | {MeanMicroseconds:F0} | {Microseconds:F0} | {WalRecords:F1} | {WalBytes:F0} |");
}
