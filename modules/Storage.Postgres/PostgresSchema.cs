using Complaints.Storage.Relational;
using Npgsql;

namespace Complaints.Storage.Postgres;

/// <summary>
/// Creates or upgrades everything the cluster needs in one PostgreSQL database: the platform's tables and Orleans'
/// ADO.NET tables (clustering, reminders). Each script runs once, in order, recorded in <c>platform_schema</c>; all
/// of it in one transaction under an advisory lock, so running it twice, or on two hosts at once, is safe.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The platform's own scripts (its tables only), in order.</summary>
    public static IReadOnlyList<string> PlatformScripts { get; } =
        ["Schema.0001-platform.sql", "Schema.0002-channels.sql", "Schema.0003-owner-handler-person.sql", "Schema.0004-number-gaps.sql", "Schema.0005-notification-texts-and-reads.sql", "Schema.0006-users-and-refresh-tokens.sql", "Schema.0007-ledger-for-reports.sql", "Schema.0008-report-snapshots.sql", "Schema.0009-report-covering-index.sql", "Schema.0010-ledger-for-queues.sql", "Schema.0011-attachments.sql", "Schema.0012-queues-and-caller-lookup.sql"];

    /// <summary>Orleans' scripts (see <c>Orleans/README.md</c> for their origin), in order.</summary>
    public static IReadOnlyList<string> OrleansScripts { get; } =
    [
        "Orleans.PostgreSQL-Main.sql",
        "Orleans.PostgreSQL-Clustering.sql",
        "Orleans.PostgreSQL-Reminders.sql",
        "Orleans.Migrations.PostgreSQL-Clustering-3.7.0.sql",
    ];

    /// <summary>Any number that other applications on the same server are unlikely to use as an advisory lock.</summary>
    private const long LockKey = 0x436F6D706C61696E; // "Complain"

    /// <summary>Applies every script not applied yet; returns the names of those it applied (empty when up to date).</summary>
    public static Task<IReadOnlyList<string>> EnsureAsync(NpgsqlDataSource dataSource, bool includeOrleans = true, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> names = includeOrleans ? [.. PlatformScripts, .. OrleansScripts] : PlatformScripts;
        return EnsureAsync(dataSource, [.. names.Select((name, i) => new SchemaScript(i + 1, name, Read(name)))], cancellationToken);
    }

    /// <summary>
    /// Applies, in order, each of <paramref name="scripts"/> whose name <c>platform_schema</c> does not record yet; all
    /// of them in one transaction, so a failing script leaves the database as it was.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(NpgsqlDataSource dataSource, IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await ExecuteAsync(
            connection,
            transaction,
            "CREATE TABLE IF NOT EXISTS platform_schema (script text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand("SELECT script FROM platform_schema", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        var now = new List<string>();
        foreach (var script in scripts.Where(s => !applied.Contains(s.Name)))
        {
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO platform_schema (script) VALUES (@script)", connection, transaction);
            record.Parameters.AddWithValue("script", script.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
            now.Add(script.Name);
        }

        await transaction.CommitAsync(cancellationToken);
        return now;
    }

    /// <summary>The scripts not applied yet (empty when the database is up to date); the host refuses to start otherwise.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(NpgsqlDataSource dataSource, bool includeOrleans = true, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> scripts = includeOrleans ? [.. PlatformScripts, .. OrleansScripts] : PlatformScripts;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('platform_schema') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return scripts;
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var read = new NpgsqlCommand("SELECT script FROM platform_schema", connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }

        return [.. scripts.Where(s => !applied.Contains(s))];
    }

    /// <summary>The text of one embedded script.</summary>
    public static string Read(string script)
    {
        using var stream = typeof(PostgresSchema).Assembly.GetManifestResourceStream("Complaints.Storage.Postgres." + script)
            ?? throw new InvalidOperationException($"The schema script '{script}' is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
