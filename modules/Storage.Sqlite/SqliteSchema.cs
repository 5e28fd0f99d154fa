using System.Globalization;
using Complaints.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace Complaints.Storage.Sqlite;

/// <summary>What <see cref="SqliteSchema.Migrate"/> did: the versions before and after, and the backup it made, if any.</summary>
public sealed record SchemaMigration(int From, int To, IReadOnlyList<string> Applied, string? BackupPath);

/// <summary>
/// The file cannot be brought to this build's schema: a script failed (rolled back, the file is as it was), or the
/// file is newer than this build.
/// </summary>
public sealed class SchemaMigrationException(string message, Exception? inner) : InvalidOperationException(message, inner);

/// <summary>
/// The embedded file's schema, versioned: numbered scripts (embedded from <c>Schema/*.sql</c>) applied once each, in
/// order, recorded in <c>schema_versions</c>. A file written before versioning (it has the tables of version 1 but no
/// <c>schema_versions</c>) is recorded as version 1 without running anything. Before a file with data is upgraded it is
/// copied beside itself (<c>complaints.db.bak-v1-20261129T190000Z</c>); the scripts then run in one transaction under
/// SQLite's write lock (<c>BEGIN IMMEDIATE</c>), so a second process waits and then finds nothing to do, and a failing
/// script leaves the file exactly as it was.
/// </summary>
public static class SqliteSchema
{
    private const string ResourcePrefix = "Complaints.Storage.Sqlite.Schema.";

    /// <summary>The tables version 1 made: a file with all of them and no <c>schema_versions</c> predates versioning.</summary>
    private static readonly string[] Version1Tables =
        ["case_events", "cases", "notifications", "breaches", "outbox", "reply_addresses", "calendar_years", "number_blocks", "orleans_reminders"];

    /// <summary>This build's scripts, in version order.</summary>
    public static IReadOnlyList<SchemaScript> Scripts { get; } = LoadScripts();

    /// <summary>The latest version this build knows.</summary>
    public static int LatestVersion => Scripts[^1].Version;

    /// <summary>
    /// Brings the database's file to the latest version of <paramref name="scripts"/> (this build's by default); does
    /// nothing, and writes nothing, when it is there already.
    /// </summary>
    /// <exception cref="SchemaMigrationException">A script failed; nothing was changed.</exception>
    public static SchemaMigration Migrate(SqliteDatabase database, IReadOnlyList<SchemaScript>? scripts = null, TimeProvider? time = null)
    {
        scripts ??= Scripts;
        time ??= TimeProvider.System;
        using var connection = database.Open();
        var (from, _) = ReadVersion(connection);
        if (from > scripts[^1].Version)
        {
            // Written by a later release: this build does not know that schema and must not write to it.
            throw new SchemaMigrationException(
                $"The data file '{database.Path}' is at schema version {from}, newer than this build knows ({scripts[^1].Version}). " +
                "Run the release that wrote it, or restore the backup copy taken before its upgrade.",
                null);
        }

        if (TableExists(connection, "schema_versions") && scripts.All(s => s.Version <= from))
        {
            return new SchemaMigration(from, from, [], null); // up to date: not even the write lock is taken
        }

        Execute(connection, "BEGIN IMMEDIATE");
        var applied = new List<string>();
        string? backup = null;
        SchemaScript? running = null;
        try
        {
            // Read again under the lock: another process may have migrated the file meanwhile.
            (from, var preVersioning) = ReadVersion(connection);
            var current = from;
            if (from > 0 && scripts.Any(s => s.Version > from))
            {
                // A copy of a file with data, before anything changes. WAL lets another connection read while this one
                // holds the write lock, and nobody can write in between, so the copy is exactly what is upgraded.
                backup = Backup(database, from, time);
            }

            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            if (preVersioning)
            {
                Record(connection, scripts[0], time);
            }

            foreach (var script in scripts.Where(s => s.Version > current))
            {
                running = script;
                Execute(connection, script.Sql);
                Record(connection, script, time);
                applied.Add(script.Name);
                current = script.Version;
            }

            Execute(connection, "COMMIT");
            return new SchemaMigration(from, current, applied, backup);
        }
        catch (Exception exception)
        {
            Execute(connection, "ROLLBACK");
            throw new SchemaMigrationException(
                $"The data file '{database.Path}' could not be upgraded from schema version {from}" +
                (running is null ? "" : $": script {running.Name} failed") +
                $" ({exception.Message}). Nothing was changed; the platform cannot start on this file until the script is fixed." +
                (backup is null ? "" : $" A copy taken before the upgrade is at '{backup}'."),
                exception);
        }
    }

    private static string Backup(SqliteDatabase database, int version, TimeProvider time)
    {
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var path = $"{database.Path}.bak-v{version}-{stamp}";
        for (var n = 2; File.Exists(path); n++)
        {
            path = $"{database.Path}.bak-v{version}-{stamp}-{n}";
        }

        using var reader = database.Open();
        Execute(reader, $"VACUUM INTO '{path.Replace("'", "''", StringComparison.Ordinal)}'");
        return path;
    }

    /// <summary>
    /// The file's version: the highest recorded, 1 for a file from before versioning (pre-versioning = true), 0 for a
    /// new file.
    /// </summary>
    public static (int Version, bool PreVersioning) ReadVersion(SqliteConnection connection)
    {
        if (TableExists(connection, "schema_versions"))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_versions";
            return (Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture), false);
        }

        return Version1Tables.All(t => TableExists(connection, t)) ? (1, true) : (0, false);
    }

    /// <summary>The scripts embedded in an assembly under <paramref name="prefix"/>, named <c>NNNN-what.sql</c>, in version order.</summary>
    public static IReadOnlyList<SchemaScript> LoadScripts(System.Reflection.Assembly? assembly = null, string prefix = ResourcePrefix)
    {
        assembly ??= typeof(SqliteSchema).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..];
            var version = int.Parse(name[..name.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(version, name, reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        // Numbers are handed out to parallel work up front, so one may be unused; two scripts with one number never run.
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version < 1 || (i > 0 && scripts[i].Version == scripts[i - 1].Version))
            {
                throw new InvalidOperationException($"Schema scripts must have distinct numbers from 1 on; found {scripts[i].Name} at position {i + 1}.");
            }
        }

        return scripts;
    }

    private static void Record(SqliteConnection connection, SchemaScript script, TimeProvider time)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO schema_versions (version, name, applied_at) VALUES ($version, $name, $at)";
        command.Parameters.AddWithValue("$version", script.Version);
        command.Parameters.AddWithValue("$name", script.Name);
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }

    private static bool TableExists(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
