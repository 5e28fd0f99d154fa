using Complaints.Storage.Postgres;
using Complaints.Storage.Relational;
using Complaints.Testing.Postgres;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Complaints.Storage.Tests;

/// <summary>One database for the PostgreSQL store tests of this class; each test works in its own schema of it.</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Server = await PostgresServer.SharedAsync();
        ConnectionString = await Server.CreateDatabaseAsync("storage");
    }

    public async ValueTask DisposeAsync() => await Server.DropDatabaseAsync(ConnectionString);
}

/// <summary>
/// The storage contract on a real PostgreSQL server (started by the tests in a temporary folder), plus what only the
/// cluster store has: several hosts' stores on one database, the schema command's scripts, its writers' batches.
/// </summary>
public sealed class PostgresCaseStoreTests(PostgresDatabaseFixture fixture) : CaseStoreContract, IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");
    private readonly List<PostgresDatabase> _extra = [];
    private bool _created;

    private string ConnectionString => new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { SearchPath = _schema }.ConnectionString;

    protected override async Task<OpenStore> OpenStoreAsync()
    {
        var database = Open();
        if (!_created)
        {
            await using var admin = NpgsqlDataSource.Create(fixture.ConnectionString);
            await using (var create = admin.CreateCommand($"CREATE SCHEMA {_schema}"))
            {
                await create.ExecuteNonQueryAsync(Cancellation);
            }

            await PostgresSchema.EnsureAsync(database.DataSource, includeOrleans: false, Cancellation);
            _created = true;
        }

        return OpenStore.Of(new PostgresCaseStore(database), database.DisposeAsync, new PostgresAttachmentContents(database.DataSource));
    }

    protected override string DatabaseSystem => "postgresql";

    protected override async ValueTask DeleteStorageAsync()
    {
        foreach (var database in _extra)
        {
            await database.DisposeAsync();
        }

        await using var admin = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>With sequential scans off: a handful of test rows would otherwise be read whole, index or not.</summary>
    protected override async Task<string> CallerHistoryPlanAsync(bool byPhone, bool byAccountNo)
    {
        var statement = ((RelationalCaseStore)Store.Ledger).EarlierCasesStatement(byPhone, byAccountNo);
        await using var source = NpgsqlDataSource.Create(ConnectionString);
        await using var connection = await source.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync("SET enable_seqscan = off");
        var plan = await connection.QueryAsync<string>("EXPLAIN " + statement, new { tenant = TenantA, phone = "13900001111", accountNo = "FY-0042", limit = 10 });
        return string.Join('\n', plan);
    }

    [Fact]
    public async Task Two_hosts_stores_on_one_database_let_exactly_one_writer_win_a_case_and_an_intake()
    {
        var database = Open();
        _extra.Add(database);
        var other = new PostgresCaseStore(database);
        await Append(NewCase(NumberOf(1)));

        var appends = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? Store.Events : other).AppendAsync(Next(NumberOf(1), 1, [Event(2, "supervised", $"writer-{i}")]), Cancellation)));
        appends.Count(r => r.Status == AppendStatus.Appended).ShouldBe(1);
        appends.Count(r => r.Status == AppendStatus.Conflict).ShouldBe(19);
        (await Store.Events.ReadAsync(TenantA, NumberOf(1), Cancellation)).Count.ShouldBe(2);

        var intakes = await Task.WhenAll(Enumerable.Range(10, 20).Select(i =>
            (i % 2 == 0 ? Store.Events : other).AppendAsync(NewCase(NumberOf(i), externalId: "12345-GD-7"), Cancellation)));
        var winner = intakes.Select((r, i) => (r, Number: NumberOf(i + 10))).Single(x => x.r.Status == AppendStatus.Appended).Number;
        intakes.Where(r => r.Status != AppendStatus.Appended).ShouldAllBe(r => r.Status == AppendStatus.DuplicateIntake && r.ExistingNumber == winner);

        var reservations = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? Store.Numbers : other).ReserveAsync(TenantA, 2026, 50, Cancellation)));
        reservations.Order().ShouldBe(Enumerable.Range(0, 40).Select(i => 1L + (i * 50)));
    }

    [Fact]
    public async Task Two_hosts_producing_the_same_period_keep_one_snapshot_and_the_database_refuses_to_change_it()
    {
        var database = Open();
        _extra.Add(database);
        var other = new PostgresCaseStore(database);
        var period = new DateOnly(2026, 11, 29);

        var added = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? Store.ReportSnapshots : other).AddSnapshotAsync(Snapshot(TenantA, "daily", period, period, $"{{\"host\":{i}}}", (byte)i), [], Cancellation)));

        added.Count(a => a).ShouldBe(1);
        var kept = await Store.ReportSnapshots.SnapshotContentAsync(TenantA, "daily-2026-11-29", Cancellation);
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using (var update = dataSource.CreateCommand("UPDATE report_snapshots SET content = '{}'"))
        {
            (await Should.ThrowAsync<PostgresException>(() => update.ExecuteNonQueryAsync(Cancellation))).MessageText.ShouldBe("report snapshots are immutable");
        }

        await using (var delete = dataSource.CreateCommand("DELETE FROM report_snapshots"))
        {
            await Should.ThrowAsync<PostgresException>(() => delete.ExecuteNonQueryAsync(Cancellation));
        }

        (await Store.ReportSnapshots.SnapshotContentAsync(TenantA, "daily-2026-11-29", Cancellation)).ShouldBe(kept);
    }

    [Fact]
    public async Task The_schema_scripts_apply_once_and_report_nothing_to_do_the_second_time()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);

        (await PostgresSchema.MissingAsync(dataSource, includeOrleans: true, Cancellation)).ShouldBe(PostgresSchema.OrleansScripts);
        var applied = await Task.WhenAll(PostgresSchema.EnsureAsync(dataSource, true, Cancellation), PostgresSchema.EnsureAsync(dataSource, true, Cancellation));

        applied.SelectMany(a => a).ShouldBe(PostgresSchema.OrleansScripts, ignoreOrder: true);
        (await PostgresSchema.MissingAsync(dataSource, includeOrleans: true, Cancellation)).ShouldBeEmpty();
        (await PostgresSchema.EnsureAsync(dataSource, true, Cancellation)).ShouldBeEmpty();

        // Orleans' providers find every query they ask for, the defunct-silo clean-up included.
        await using var keys = dataSource.CreateCommand("SELECT querykey FROM orleansquery ORDER BY querykey");
        var found = new List<string>();
        await using (var reader = await keys.ExecuteReaderAsync(Cancellation))
        {
            while (await reader.ReadAsync(Cancellation))
            {
                found.Add(reader.GetString(0));
            }
        }

        found.ShouldBe(
            [
                "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
                "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey",
                "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey",
                "UpdateMembershipKey", "UpsertReminderRowKey",
            ]);
    }

    [Fact]
    public async Task Migration_0010_gives_the_cases_of_a_version_9_database_their_warning_and_extension_request_from_their_history()
    {
        var schema = _schema + "_v9";
        await using var admin = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using (var create = admin.CreateCommand($"CREATE SCHEMA {schema}"))
        {
            await create.ExecuteNonQueryAsync(Cancellation);
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { SearchPath = schema }.ConnectionString);
            var version9 = PostgresSchema.PlatformScripts.Take(9).Select((name, i) => new SchemaScript(i + 1, name, PostgresSchema.Read(name))).ToList();
            version9[^1].Name.ShouldBe("Schema.0009-report-covering-index.sql");
            await PostgresSchema.EnsureAsync(dataSource, version9, Cancellation);
            await using (var connection = await dataSource.OpenConnectionAsync(Cancellation))
            {
                // Written as the version-9 store wrote them: a row per case, the history as ISO 8601 times and JSON.
                string[] events =
                [
                    "('FY-2026-000001', 1, 'clock-started', '2026-11-30T08:00:00+08:00', '{\"name\":\"resolution\",\"startedAt\":\"2026-11-30T08:00:00+08:00\",\"warnAt\":\"2026-11-30T09:00:00+08:00\",\"dueAt\":\"2026-11-30T10:00:00+08:00\"}')",
                    "('FY-2026-000001', 2, 'clock-warned', '2026-11-30T09:00:00+08:00', '{\"name\":\"resolution\",\"dueAt\":\"2026-11-30T10:00:00+08:00\"}')",
                    "('FY-2026-000001', 3, 'extension-requested', '2026-11-30T09:10:00.123+08:00', '{\"until\":\"2026-12-03T10:00:00+08:00\",\"reason\":\"等待配件\"}')",
                    "('FY-2026-000002', 1, 'clock-started', '2026-11-30T08:00:00+08:00', '{\"name\":\"resolution\",\"startedAt\":\"2026-11-30T08:00:00+08:00\",\"warnAt\":\"2026-11-30T09:00:00+08:00\",\"dueAt\":\"2026-11-30T10:00:00+08:00\"}')",
                    "('FY-2026-000002', 2, 'clock-warned', '2026-11-30T09:00:00+08:00', '{\"name\":\"resolution\",\"dueAt\":\"2026-11-30T10:00:00+08:00\"}')",
                    "('FY-2026-000002', 3, 'extension-requested', '2026-11-30T09:10:00+08:00', '{\"until\":\"2026-12-03T10:00:00+08:00\",\"reason\":\"等待配件\"}')",
                    "('FY-2026-000002', 4, 'extension-decided', '2026-11-30T09:20:00+08:00', '{\"approved\":true,\"until\":\"2026-12-03T10:00:00+08:00\"}')",
                    "('FY-2026-000002', 5, 'clock-rescheduled', '2026-11-30T09:20:00+08:00', '{\"name\":\"resolution\",\"warnAt\":\"2026-12-03T08:00:00+08:00\",\"dueAt\":\"2026-12-03T10:00:00+08:00\"}')",
                    "('FY-2026-000003', 1, 'clock-started', '2026-11-30T08:00:00+08:00', '{\"name\":\"resolution\",\"startedAt\":\"2026-11-30T08:00:00+08:00\",\"warnAt\":\"2026-11-30T09:00:00+08:00\",\"dueAt\":\"2026-11-30T10:00:00+08:00\"}')",
                    "('FY-2026-000003', 2, 'clock-warned', '2026-11-30T09:00:00+08:00', '{\"name\":\"resolution\",\"dueAt\":\"2026-11-30T10:00:00+08:00\"}')",
                    "('FY-2026-000003', 3, 'clock-breached', '2026-11-30T10:00:00+08:00', '{\"name\":\"resolution\",\"dueAt\":\"2026-11-30T10:00:00+08:00\",\"points\":1,\"fine\":0}')",
                ];
                foreach (var e in events)
                {
                    await connection.ExecuteAsync(
                        "INSERT INTO case_events (tenant, number, seq, type, at, actor, data) SELECT @tenant, number, seq, type, at, 'system', data FROM (VALUES " + e + ") AS v(number, seq, type, at, data)",
                        new { tenant = TenantA });
                }

                await connection.ExecuteAsync(
                    """
                    INSERT INTO cases (tenant, number, last_seq, channel, kind, status, content, received_at, registered_at, updated_at)
                    SELECT @tenant, number, MAX(seq), 'hotline', 'complaint', 'in-progress', '停水', now(), now(), now() FROM case_events GROUP BY number
                    """,
                    new { tenant = TenantA });
            }

            (await PostgresSchema.EnsureAsync(dataSource, includeOrleans: false, Cancellation)).ShouldContain("Schema.0010-ledger-for-queues.sql");

            await using var read = await dataSource.OpenConnectionAsync(Cancellation);
            var rows = (await read.QueryAsync<(string Number, bool Warned, DateTime? ExtensionRequestedAt)>(
                "SELECT number, warned, extension_requested_at FROM cases ORDER BY number")).ToList();
            rows.ShouldBe(
            [
                ("FY-2026-000001", true, new DateTime(2026, 11, 30, 1, 10, 0, 123, DateTimeKind.Utc)), // warned, the request waits
                ("FY-2026-000002", false, null), // decided; the new deadline's warning is days ahead
                ("FY-2026-000003", false, null), // breached: red, not orange
            ]);
        }
        finally
        {
            await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
            await drop.ExecuteNonQueryAsync(Cancellation);
        }
    }

    [Fact]
    public async Task Hosts_starting_at_once_apply_a_new_script_exactly_once_under_the_lock()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        var upgrade = Upgrade(new SchemaScript(3, "Schema.9001-future-table.sql", "CREATE TABLE future_table (id text PRIMARY KEY); INSERT INTO future_table VALUES ('only-once');"));

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSchema.EnsureAsync(dataSource, upgrade, Cancellation)));

        applied.SelectMany(a => a).ShouldBe(["Schema.9001-future-table.sql"]);
        (await Scalar<long>(dataSource, "SELECT COUNT(*) FROM platform_schema WHERE script = 'Schema.9001-future-table.sql'")).ShouldBe(1);
        (await Scalar<long>(dataSource, "SELECT COUNT(*) FROM future_table")).ShouldBe(1);
        (await PostgresSchema.EnsureAsync(dataSource, upgrade, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failing_schema_script_leaves_the_database_as_it_was()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await Append(NewCase(NumberOf(1)));
        var upgrade = Upgrade(
            new SchemaScript(3, "Schema.9001-future-table.sql", "CREATE TABLE future_table (id text PRIMARY KEY); ALTER TABLE cases ADD COLUMN withdrawn_at timestamptz;"),
            new SchemaScript(4, "Schema.9002-broken.sql", "ALTER TABLE no_such_table ADD COLUMN x integer;"));

        await Should.ThrowAsync<PostgresException>(() => PostgresSchema.EnsureAsync(dataSource, upgrade, Cancellation));

        (await Scalar<bool>(dataSource, "SELECT to_regclass('future_table') IS NULL")).ShouldBeTrue();
        (await Scalar<long>(dataSource, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'cases' AND column_name = 'withdrawn_at'")).ShouldBe(0);
        (await Scalar<long>(dataSource, "SELECT COUNT(*) FROM platform_schema WHERE script LIKE 'Schema.900%'")).ShouldBe(0);
        (await PostgresSchema.MissingAsync(dataSource, includeOrleans: false, Cancellation)).ShouldBeEmpty();
        (await Store.Events.ReadAsync(TenantA, NumberOf(1), Cancellation)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Writes_queued_before_disposing_are_committed_and_later_writes_are_refused()
    {
        var database = Open();
        var store = new PostgresCaseStore(database);
        var pending = Enumerable.Range(1, 200).Select(i => store.AppendAsync(NewCase(NumberOf(i)), Cancellation)).ToArray();

        await database.DisposeAsync();

        (await Task.WhenAll(pending)).ShouldAllBe(r => r.Status == AppendStatus.Appended);
        Should.Throw<ObjectDisposedException>(() => database.WriteAsync((_, _) => Task.FromResult(0)));
        (await Store.Ledger.QueryAsync(new LedgerQuery { Tenant = TenantA, PageSize = 1 }, Cancellation)).Total.ShouldBe(200);
    }

    [Fact]
    public async Task In_one_batch_a_failing_unit_faults_alone_and_a_transient_failure_is_tried_up_to_three_times()
    {
        var (database, blocker, release) = await OneWriterHeldAsync();

        int transientTries = 0, deadlockTries = 0;
        var good = Insert(database, "good");
        var failing = database.WriteAsync<int>(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO number_blocks (tenant, year, next) VALUES ('failing', 2026, 1)", transaction: t);
            throw new InvalidOperationException("unit of work failed");
        });
        var transient = database.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO number_blocks (tenant, year, next) VALUES ('transient', 2026, 1)", transaction: t);
            if (++transientTries < 3)
            {
                await c.ExecuteAsync("DO $$ BEGIN RAISE EXCEPTION 'serialization' USING ERRCODE = '40001'; END $$", transaction: t);
            }

            return transientTries;
        });
        var deadlocked = database.WriteAsync<int>(async (c, t) =>
        {
            deadlockTries++;
            await c.ExecuteAsync("INSERT INTO number_blocks (tenant, year, next) VALUES ('deadlocked', 2026, 1)", transaction: t);
            return await c.ExecuteAsync("DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = '40P01'; END $$", transaction: t);
        });
        var good2 = Insert(database, "good2");
        release.SetResult();

        (await blocker.WaitAsync(Patience, Cancellation)).ShouldBe(0);
        (await good.WaitAsync(Patience, Cancellation)).ShouldBe(1);
        (await good2.WaitAsync(Patience, Cancellation)).ShouldBe(1);
        (await transient.WaitAsync(Patience, Cancellation)).ShouldBe(3);
        (await Should.ThrowAsync<InvalidOperationException>(failing.WaitAsync(Patience, Cancellation))).Message.ShouldBe("unit of work failed");
        (await Should.ThrowAsync<PostgresException>(deadlocked.WaitAsync(Patience, Cancellation))).SqlState.ShouldBe("40P01");
        deadlockTries.ShouldBe(3);

        await using var connection = await database.DataSource.OpenConnectionAsync(Cancellation);
        (await connection.QueryAsync<string>("SELECT tenant FROM number_blocks ORDER BY tenant")).ShouldBe(["good", "good2", "transient"]);

        static Task<int> Insert(PostgresDatabase database, string tenant) => database.WriteAsync((c, t) =>
            c.ExecuteAsync("INSERT INTO number_blocks (tenant, year, next) VALUES (@tenant, 2026, 1)", new { tenant }, t));
    }

    [Fact]
    public async Task A_transient_failure_in_a_batch_run_without_savepoints_counts_as_the_first_of_three_tries()
    {
        // A batch runs without savepoints first; the deadlock rolls it back, and the batch runs again with them.
        var (database, blocker, release) = await OneWriterHeldAsync();

        var before = database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO number_blocks (tenant, year, next) VALUES ('before', 2026, 1)", transaction: t));
        var tries = 0;
        var deadlocked = database.WriteAsync<int>(async (c, t) =>
        {
            tries++;
            await c.ExecuteAsync("INSERT INTO number_blocks (tenant, year, next) VALUES ('deadlocked', 2026, 1)", transaction: t);
            return await c.ExecuteAsync("DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = '40P01'; END $$", transaction: t);
        });
        var after = database.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO number_blocks (tenant, year, next) VALUES ('after', 2026, 1)", transaction: t));
        release.SetResult();

        await blocker.WaitAsync(Patience, Cancellation);
        (await before.WaitAsync(Patience, Cancellation)).ShouldBe(1);
        (await after.WaitAsync(Patience, Cancellation)).ShouldBe(1);
        (await Should.ThrowAsync<PostgresException>(deadlocked.WaitAsync(Patience, Cancellation))).SqlState.ShouldBe("40P01");
        tries.ShouldBe(3);

        await using var connection = await database.DataSource.OpenConnectionAsync(Cancellation);
        (await connection.QueryAsync<string>("SELECT tenant FROM number_blocks ORDER BY tenant")).ShouldBe(["after", "before"]);
    }

    /// <summary>
    /// A database with one writer loop, held inside a unit (<c>blocker</c>) until <c>release</c> is set: the units queued
    /// meanwhile all land in the next batch.
    /// </summary>
    private async Task<(PostgresDatabase Database, Task<int> Blocker, TaskCompletionSource Release)> OneWriterHeldAsync()
    {
        var database = Open(writers: 1);
        _extra.Add(database);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = database.WriteAsync(async (_, _) =>
        {
            running.TrySetResult();
            await release.Task;
            return 0;
        });
        await running.Task.WaitAsync(Patience, Cancellation);
        return (database, blocker, release);
    }

    /// <summary>This build's platform scripts and then <paramref name="more"/>, as a later release would ship them.</summary>
    private static SchemaScript[] Upgrade(params SchemaScript[] more) =>
        [.. PostgresSchema.PlatformScripts.Select((name, i) => new SchemaScript(i + 1, name, PostgresSchema.Read(name))), .. more];

    private static async Task<T> Scalar<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    private PostgresDatabase Open(int writers = 2) => new(
        NpgsqlDataSource.Create(ConnectionString),
        new PostgresDatabaseOptions { Writers = writers, MaxBatch = 64 },
        NullLogger<PostgresDatabase>.Instance,
        ownsDataSource: true);
}
