using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Complaints.Bench;

/// <summary>Reads what the clocks recorded straight from the host's SQLite file (read-only; WAL lets it run beside the host).</summary>
internal static class Breaches
{
    /// <summary>Breaches recorded so far (the breaches table: cheap enough to poll beside a running host).</summary>
    public static long Count(string database, string tenant, string clock = "resolution")
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM breaches WHERE tenant = $tenant AND clock = $clock";
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$clock", clock);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Every breach of the clock in the tenant: case number, when it was recorded, when it was due.</summary>
    public static List<Breach> Read(string database, string tenant, string clock = "resolution")
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT number, at, data FROM case_events WHERE tenant = $tenant AND type = 'clock-breached'";
        command.Parameters.AddWithValue("$tenant", tenant);
        var result = new List<Breach>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            using var data = JsonDocument.Parse(reader.GetString(2));
            if (data.RootElement.GetProperty("name").GetString() != clock)
            {
                continue;
            }

            result.Add(new Breach(
                reader.GetString(0),
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                data.RootElement.GetProperty("dueAt").GetDateTimeOffset()));
        }

        return result;
    }

    /// <summary>Rows in the reminder table, and open cases the ledger says must wake at some time.</summary>
    public static (long Reminders, long CasesToWake) Armed(string database)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM orleans_reminders), (SELECT COUNT(*) FROM cases WHERE wake_at IS NOT NULL)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public static long FileBytes(string database) =>
        new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }
}

internal sealed record Breach(string Number, DateTimeOffset At, DateTimeOffset DueAt)
{
    public double LatenessMs => (At - DueAt).TotalMilliseconds;
}

/// <summary>What the clocks did for a set of cases with known deadlines: lateness, missing and duplicate breaches.</summary>
internal sealed record DeadlineCheck(int Expected, int Fired, int Missing, int FiredTwice, int Early, Distribution LatenessMs)
{
    public static DeadlineCheck Of(IReadOnlyCollection<string> numbers, IEnumerable<Breach> breaches)
    {
        var wanted = numbers.ToHashSet();
        var mine = breaches.Where(b => wanted.Contains(b.Number)).GroupBy(b => b.Number).ToList();
        var first = mine.Select(g => g.OrderBy(b => b.At).First()).ToList();
        return new DeadlineCheck(
            wanted.Count,
            first.Count,
            wanted.Count - first.Count,
            mine.Count(g => g.Count() > 1),
            first.Count(b => b.LatenessMs < 0),
            Stats.Describe(first.Select(b => b.LatenessMs)));
    }
}
