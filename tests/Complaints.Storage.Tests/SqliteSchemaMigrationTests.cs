using System.Text;
using Complaints.Cases;
using Complaints.Commits;
using Complaints.Storage.Relational;
using Complaints.Storage.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Storage.Tests;

/// <summary>
/// The embedded file's versioned schema: a file written by the release of 2026-11 (before versioning; see
/// <c>Fixtures/release-2026-11/README.md</c>) opens on this build with every case and its history; an upgrade is
/// backed up first, applied once, and a failing one leaves the file as it was.
/// </summary>
public sealed class SqliteSchemaMigrationTests : IAsyncLifetime
{
    private const string Water = "fangyang-water";
    private const string Gas = "fuyang-gas";

    /// <summary>What the fixture's README lists: every case with its number of events (its last seq).</summary>
    private static readonly Dictionary<(string Tenant, string Number), int> ReleaseCases = new()
    {
        [(Water, "FYW-2026-000001")] = 18,
        [(Water, "FYW-2026-000002")] = 23,
        [(Water, "FYW-2026-000003")] = 2,
        [(Water, "FYW-2026-000004")] = 4,
        [(Water, "FYW-2026-000005")] = 12,
        [(Water, "FYW-2026-000006")] = 3,
        [(Water, "FYW-2026-000007")] = 2,
        [(Water, "FYW-2026-000008")] = 1,
        [(Gas, "FYG-2026-000001")] = 1,
    };

    /// <summary>What the next release will do: a new ledger column (a script of the kind every later version is).</summary>
    private static readonly SchemaScript AddsAColumn = new(SqliteSchema.LatestVersion + 1, $"{SqliteSchema.LatestVersion + 1:D4}-cases-withdrawn-at.sql", "ALTER TABLE cases ADD COLUMN withdrawn_at INTEGER;");

    /// <summary>The next release's scripts: this build's (its store writes their columns) and <see cref="AddsAColumn"/>.</summary>
    private static readonly SchemaScript[] NextRelease = [.. SqliteSchema.Scripts, AddsAColumn];

    private static readonly int[] NextReleaseVersions = [.. NextRelease.Select(s => s.Version)];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "complaints-migration-" + Guid.NewGuid().ToString("N"));
    private readonly List<SqliteDatabase> _opened = [];

    private string FilePath => Path.Combine(_folder, "complaints.db");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        // A copy of the release's file (and of its WAL, should one ever be kept beside it): the fixture is never opened itself.
        Directory.CreateDirectory(_folder);
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "release-2026-11");
        foreach (var file in Directory.GetFiles(fixture, "complaints.db*"))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_release_file_opens_at_the_latest_version_with_every_case_its_history_ledger_and_reply_address()
    {
        var database = Open();
        var migration = SqliteSchema.Migrate(database);

        migration.From.ShouldBe(1); // recognised by its tables, not re-run
        migration.To.ShouldBe(SqliteSchema.LatestVersion);
        RecordedVersions(database).ShouldBe([.. SqliteSchema.Scripts.Select(s => s.Version)]);
        await ShouldHoldTheReleaseDataAsync(database);
    }

    [Fact]
    public async Task The_release_s_cases_get_their_owner_and_handler_from_their_history()
    {
        var database = Open();
        SqliteSchema.Migrate(database);
        var store = new SqliteCaseStore(database);

        var rows = (await store.QueryAsync(new LedgerQuery { Tenant = Water, PageSize = 500 }, Cancellation)).Items.ToDictionary(r => r.Number);
        var gas = (await store.QueryAsync(new LedgerQuery { Tenant = Gas }, Cancellation)).Items.ShouldHaveSingleItem();

        rows.Values.Select(r => r.Owner).Distinct().Order().ShouldBe(["agent@fangyang-water", "channel:example"]);
        rows["FYW-2026-000008"].Owner.ShouldBe("channel:example"); // from a channel, not taken up by the desk yet
        gas.Owner.ShouldBe("agent@fuyang-gas");
        rows["FYW-2026-000001"].Handler.ShouldBe("pipe-network@fangyang-water"); // signed, closed
        rows["FYW-2026-000002"].Handler.ShouldBeNull(); // re-dispatched after it was signed: not signed again yet
        rows["FYW-2026-000005"].Handler.ShouldBeNull(); // returned
        rows.Values.Count(r => r.Handler is not null).ShouldBe(1);
    }

    [Fact]
    public async Task The_release_s_cases_get_their_report_columns_as_the_code_derives_them_from_their_history()
    {
        var database = Open();
        SqliteSchema.Migrate(database);
        var store = new SqliteCaseStore(database);
        var rows = (await store.QueryAsync(new LedgerQuery { Tenant = Water, PageSize = 500 }, Cancellation)).Items
            .Concat((await store.QueryAsync(new LedgerQuery { Tenant = Gas }, Cancellation)).Items);

        foreach (var row in rows)
        {
            var events = await store.ReadAsync(row.Tenant, row.Number, Cancellation);
            var state = CaseState.Replay(events.Select(e => EventCodec.Deserialize(e.Type, e.At, e.Actor, e.Data)))!;
            var derived = LedgerRows.Of(state);
            // SQLite reads an event's time to the nearest millisecond, the store truncates: the same instant within 1 ms.
            static long? Ms(DateTimeOffset? t) => t is { } v ? (long)Math.Round((v - DateTimeOffset.UnixEpoch).TotalMilliseconds) : null;
            (row.Kind, row.TargetType, row.TargetName, row.Location, row.Result, row.Callbacks, row.ResolutionBreached).ShouldBe(
                (derived.Kind, derived.TargetType, derived.TargetName, derived.Location, derived.Result, derived.Callbacks, derived.ResolutionBreached), row.Number);
            foreach (var (stored, expected) in new[] { (row.DispatchedAt, derived.DispatchedAt), (row.ResolutionDueAt, derived.ResolutionDueAt), (row.CallbackAt, derived.CallbackAt) })
            {
                (stored is null).ShouldBe(expected is null, row.Number);
                Math.Abs((Ms(stored) ?? 0) - (Ms(expected) ?? 0)).ShouldBeLessThanOrEqualTo(1, row.Number);
            }
        }

        var closed = rows.Single(r => r.Number == "FYW-2026-000001");
        closed.Result.ShouldBe("更换减压阀，水压恢复");
        (closed.Callbacks, closed.CallbackAt is not null, closed.DispatchedAt is not null).ShouldBe((1, true, true));
        rows.Single(r => r.Number == "FYW-2026-000002").Result.ShouldBeNull(); // re-dispatched after its result: a new round
    }

    [Fact]
    public async Task Cases_of_a_version_9_file_get_their_warning_and_extension_request_as_the_code_derives_them_from_their_history()
    {
        var database = Open();
        SqliteSchema.Migrate(database, [.. SqliteSchema.Scripts.Where(s => s.Version <= 9)]);
        // Histories the release did not have: warnings that stand, warnings a new round or a later warning time ended,
        // and an extension request still waiting beside one decided.
        var at = new DateTimeOffset(2026, 11, 30, 3, 40, 0, TimeSpan.FromHours(8));
        var due = at.AddHours(1);
        AddEvents(database, Water, "FYW-2026-000002", 24, // dispatched; its resolution clock (seq 22) runs
            (at, new ClockWarned("resolution", due, "pipe-network")),
            (at.AddMinutes(1), new ExtensionRequested(at.AddDays(3), "需要更换主管道")));
        AddEvents(database, Water, "FYW-2026-000005", 13, // returned; its dispatch clock (seq 12) runs
            (at, new ClockWarned("dispatch", due, null)),
            (at.AddMinutes(1), new ClockStarted("dispatch", at.AddMinutes(1), at.AddMinutes(40), at.AddHours(1), null)));
        AddEvents(database, Water, "FYW-2026-000006", 4, // its first-reply clock (seq 2) runs
            (at, new ClockWarned("first-reply", due, null)),
            (at.AddMinutes(1), new ClockRescheduled("first-reply", at.AddHours(2), at.AddHours(3))));
        AddEvents(database, Water, "FYW-2026-000007", 3,
            (at, new ClockWarned("first-reply", due, null)),
            (at.AddMinutes(1), new ClockRescheduled("first-reply", at.AddMinutes(-5), at.AddHours(3))), // the new warning time has passed too
            (at.AddMinutes(2), new ExtensionRequested(at.AddDays(2), "等待配件")),
            (at.AddMinutes(3), new ExtensionDecided(false, at.AddDays(2), null)));

        SqliteSchema.Migrate(database).Applied.ShouldContain(s => s.StartsWith("0010-", StringComparison.Ordinal));

        var store = new SqliteCaseStore(database);
        var rows = (await store.QueryAsync(new LedgerQuery { Tenant = Water, PageSize = 500 }, Cancellation)).Items
            .Concat((await store.QueryAsync(new LedgerQuery { Tenant = Gas }, Cancellation)).Items).ToList();
        foreach (var row in rows)
        {
            var events = await store.ReadAsync(row.Tenant, row.Number, Cancellation);
            var derived = LedgerRows.Of(CaseState.Replay(events.Select(e => EventCodec.Deserialize(e.Type, e.At, e.Actor, e.Data)))!);
            (row.Warned, row.ExtensionRequestedAt).ShouldBe((derived.Warned, derived.ExtensionRequestedAt), row.Number);
        }

        rows.Where(r => r.Warned).Select(r => r.Number).Order().ShouldBe(["FYW-2026-000002", "FYW-2026-000007"]);
        rows.Where(r => r.ExtensionRequestedAt is not null).Select(r => (r.Number, r.ExtensionRequestedAt)).ShouldBe([("FYW-2026-000002", at.AddMinutes(1))]);
    }

    [Fact]
    public async Task An_upgrade_of_the_release_file_is_backed_up_beside_it_first_and_keeps_every_case()
    {
        var database = Open();
        var before = Dump(database);

        var migration = SqliteSchema.Migrate(database, NextRelease, new FixedTime(new DateTimeOffset(2026, 12, 1, 2, 3, 4, TimeSpan.Zero)));

        migration.ShouldBe(migration with { From = 1, To = AddsAColumn.Version, BackupPath = FilePath + ".bak-v1-20261201T020304Z" });
        migration.Applied.ShouldBe([.. NextRelease.Skip(1).Select(s => s.Name)]);
        RecordedVersions(database).ShouldBe(NextReleaseVersions);
        await ShouldHoldTheReleaseDataAsync(database);
        await using (var connection = database.Open())
        {
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases WHERE withdrawn_at IS NULL")).ShouldBe(9);
        }

        // The copy is the file as the release left it: every row, no version table.
        File.Exists(migration.BackupPath).ShouldBeTrue();
        await using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = migration.BackupPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        backup.Open();
        Dump(backup).ShouldBe(before);
    }

    [Fact]
    public void A_failing_script_leaves_the_file_as_it_was_and_says_which_script_failed()
    {
        var database = Open();
        var before = Dump(database);
        SchemaScript[] scripts =
        [
            SqliteSchema.Scripts[0],
            AddsAColumn,
            new(AddsAColumn.Version + 1, "0099-broken.sql", "CREATE TABLE attachments (id TEXT PRIMARY KEY); INSERT INTO no_such_table VALUES (1);"),
        ];

        var failure = Should.Throw<SchemaMigrationException>(() => SqliteSchema.Migrate(database, scripts));

        failure.Message.ShouldContain("0099-broken.sql");
        failure.Message.ShouldContain("Nothing was changed");
        Dump(database).ShouldBe(before); // no withdrawn_at, no attachments, no schema_versions, every row
        SqliteSchema.Migrate(database).To.ShouldBe(SqliteSchema.LatestVersion); // and the next start with good scripts upgrades it
    }

    [Fact]
    public async Task Migrating_twice_does_nothing_the_second_time_and_makes_no_second_backup()
    {
        var database = Open();
        SqliteSchema.Migrate(database, NextRelease);
        var after = Dump(database);
        var files = Directory.GetFiles(_folder).Order().ToArray();

        var again = SqliteSchema.Migrate(database, NextRelease);

        again.ShouldBe(again with { From = AddsAColumn.Version, To = AddsAColumn.Version, BackupPath = null });
        again.Applied.ShouldBeEmpty();
        Dump(database).ShouldBe(after);
        Directory.GetFiles(_folder).Order().ToArray().ShouldBe(files);
        await ShouldHoldTheReleaseDataAsync(database);
    }

    [Fact]
    public async Task Processes_migrating_one_file_at_once_apply_each_script_exactly_once()
    {
        var databases = Enumerable.Range(0, 4).Select(_ => Open()).ToArray();

        var migrations = await Task.WhenAll(databases.Select(d => Task.Run(() => SqliteSchema.Migrate(d, NextRelease), Cancellation)));

        migrations.Sum(m => m.Applied.Count).ShouldBe(NextRelease.Length - 1); // the others waited for the lock, then found it done
        RecordedVersions(databases[0]).ShouldBe(NextReleaseVersions);
    }

    [Fact]
    public void A_file_from_a_later_release_is_refused_and_left_alone()
    {
        var database = Open();
        SqliteSchema.Migrate(database, [SqliteSchema.Scripts[0], AddsAColumn]);
        var before = Dump(database);

        var refusal = Should.Throw<SchemaMigrationException>(() => SqliteSchema.Migrate(database, [SqliteSchema.Scripts[0]]));

        refusal.Message.ShouldContain("newer than this build knows (1)");
        Dump(database).ShouldBe(before);
    }

    [Fact]
    public void A_new_file_is_made_at_the_latest_version_without_a_backup()
    {
        foreach (var file in Directory.GetFiles(_folder))
        {
            File.Delete(file);
        }

        var migration = SqliteSchema.Migrate(Open());

        migration.ShouldBe(migration with { From = 0, To = SqliteSchema.LatestVersion, BackupPath = null });
        Directory.GetFiles(_folder, "*.bak-*").ShouldBeEmpty();
    }

    [Fact]
    public void Version_1_is_exactly_the_schema_the_release_made()
    {
        // Every table and index the release's file has, statement for statement, as version 1 makes them on a new file.
        var fresh = Path.Combine(_folder, "fresh", "complaints.db");
        var made = new SqliteDatabase(fresh, NullLogger<SqliteDatabase>.Instance);
        _opened.Add(made);
        SqliteSchema.Migrate(made, [SqliteSchema.Scripts[0]]);

        Schema(made).ShouldBe(Schema(Open()));
    }

    [Fact]
    public async Task A_notification_written_before_texts_keeps_its_message_and_is_fed_by_its_time()
    {
        var database = Open();
        SqliteSchema.Migrate(database, [SqliteSchema.Scripts[0]]);
        using (var connection = database.Open())
        {
            connection.Execute(
                "INSERT INTO notifications (id, tenant, recipient, number, type, clock, due_at, at, message) VALUES ('old', 'fangyang-water', 'role:supervisor', 'FYW-2026-000001', 'clock-breached', 'resolution', 1, 1772413200000, 'FYW-2026-000001: the resolution deadline has passed.')");
        }

        SqliteSchema.Migrate(database).To.ShouldBe(SqliteSchema.LatestVersion);

        var store = new SqliteCaseStore(database);
        var old = (await store.NotificationsAsync(new NotificationQuery("fangyang-water", ["role:supervisor"]) { Reader = "s" }, Cancellation)).Items.ShouldHaveSingleItem();
        (old.Message, old.Text).ShouldBe(("FYW-2026-000001: the resolution deadline has passed.", null));
        (await store.StoredAtAsync("fangyang-water", "old", Cancellation)).ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1772413200000));
    }

    private SqliteDatabase Open()
    {
        var database = new SqliteDatabase(FilePath, NullLogger<SqliteDatabase>.Instance);
        _opened.Add(database);
        return database;
    }

    private static async Task ShouldHoldTheReleaseDataAsync(SqliteDatabase database)
    {
        var store = new SqliteCaseStore(database);
        var events = 0;
        foreach (var ((tenant, number), count) in ReleaseCases)
        {
            var history = await store.ReadAsync(tenant, number, Cancellation);
            history.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, count), $"{number}'s history");
            history[0].Type.ShouldBe("registered");
            events += history.Count;
        }

        events.ShouldBe(66);
        var water = await store.QueryAsync(new LedgerQuery { Tenant = Water, PageSize = 100 }, Cancellation);
        var gas = await store.QueryAsync(new LedgerQuery { Tenant = Gas, PageSize = 100 }, Cancellation);
        water.Items.Concat(gas.Items).Select(r => (r.Tenant, r.Number)).Order().ShouldBe(ReleaseCases.Keys.Order());

        var ledger = water.Items.ToDictionary(r => r.Number);
        ledger["FYW-2026-000001"].ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe("closed"),
            r => r.Department.ShouldBe("pipe-network"),
            r => r.Satisfaction.ShouldBe("satisfied"),
            r => r.ComplainantPhoneMasked.ShouldBe("138****5678"),
            r => r.ClosedAt.ShouldNotBeNull());
        ledger["FYW-2026-000002"].ShouldSatisfyAllConditions(r => r.Status.ShouldBe("dispatched"), r => r.Redispatches.ShouldBe(1));
        ledger["FYW-2026-000003"].Status.ShouldBe("rejected");
        ledger["FYW-2026-000004"].Status.ShouldBe("answered");
        ledger["FYW-2026-000005"].Status.ShouldBe("returned");
        ledger["FYW-2026-000007"].RecomplaintOf.ShouldBe("FYW-2026-000001");
        ledger["FYW-2026-000008"].ShouldSatisfyAllConditions(r => r.Channel.ShouldBe("example"), r => r.ExternalId.ShouldBe("msg-1"));
        (await store.FindByExternalIdAsync(Water, "example", "msg-1", Cancellation)).ShouldBe("FYW-2026-000008");
        (await store.FindAsync(Water, "FYW-2026-000008", Cancellation)).ShouldBe("user-openid-1");

        // The numbers already handed out are never handed out again.
        (await store.ReserveAsync(Water, 2026, 50, Cancellation)).ShouldBe(51);
    }

    /// <summary>Appends events to a case's history as the release's store wrote them (ISO 8601 times, the codec's JSON).</summary>
    private static void AddEvents(SqliteDatabase database, string tenant, string number, int firstSeq, params (DateTimeOffset At, CaseEvent Event)[] events)
    {
        using var connection = database.Open();
        foreach (var (e, i) in events.Select((e, i) => (e, i)))
        {
            connection.Execute(
                "INSERT INTO case_events (tenant, number, seq, type, at, actor, data) VALUES (@tenant, @number, @seq, @type, @at, 'system', @data)",
                new { tenant, number, seq = firstSeq + i, type = EventCodec.NameOf(e.Event), at = e.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture), data = EventCodec.Serialize(e.Event) });
        }

        connection.Execute("UPDATE cases SET last_seq = @last WHERE tenant = @tenant AND number = @number", new { last = firstSeq + events.Length - 1, tenant, number });
    }

    private static int[] RecordedVersions(SqliteDatabase database)
    {
        using var connection = database.Open();
        return [.. connection.Query<int>("SELECT version FROM schema_versions ORDER BY version")];
    }

    private static string Schema(SqliteDatabase database)
    {
        using var connection = database.Open();
        return string.Join("\n", connection.Query<string>("SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE sql IS NOT NULL AND name <> 'schema_versions' ORDER BY name"));
    }

    private static string Dump(SqliteDatabase database)
    {
        using var connection = database.Open();
        return Dump(connection);
    }

    /// <summary>The whole file as text: every schema statement, then every row of every table in key order.</summary>
    private static string Dump(SqliteConnection connection)
    {
        var text = new StringBuilder();
        var tables = connection.Query<(string Name, string Sql)>("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name").ToList();
        foreach (var (name, sql) in tables)
        {
            text.AppendLine(sql);
        }

        foreach (var table in connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        {
            var rows = new List<string>();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new StringBuilder(table).Append(':');
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(' ').Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                }

                rows.Add(row.ToString());
            }

            rows.Sort(StringComparer.Ordinal);
            rows.ForEach(r => text.AppendLine(r));
        }

        return text.ToString();
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
