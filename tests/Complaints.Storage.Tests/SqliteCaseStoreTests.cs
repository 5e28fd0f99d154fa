using Complaints.Storage.Relational;
using Complaints.Storage.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Storage.Tests;

/// <summary>
/// The storage contract on a real SQLite file in a temporary folder, plus what only the embedded store has: the
/// single writer that group-commits queued units of work, each under its own savepoint.
/// </summary>
public sealed class SqliteCaseStoreTests : CaseStoreContract
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "complaints-storage-" + Guid.NewGuid().ToString("N"));

    /// <summary>The database under the current <see cref="CaseStoreContract.Store"/>.</summary>
    private SqliteDatabase _database = null!;

    private string FilePath => Path.Combine(_folder, "complaints.db");

    protected override Task<OpenStore> OpenStoreAsync()
    {
        var database = new SqliteDatabase(FilePath, NullLogger<SqliteDatabase>.Instance);
        SqliteSchema.Migrate(database);
        _database = database;
        return Task.FromResult(OpenStore.Of(new SqliteCaseStore(database), database.DisposeAsync, new DiskAttachmentContents(Path.Combine(_folder, "attachments"))));
    }

    protected override string DatabaseSystem => "sqlite";

    protected override ValueTask DeleteStorageAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task<string> CallerHistoryPlanAsync(bool byPhone, bool byAccountNo)
    {
        var statement = ((RelationalCaseStore)Store.Ledger).EarlierCasesStatement(byPhone, byAccountNo);
        await using var connection = _database.Open();
        var plan = await connection.QueryAsync("EXPLAIN QUERY PLAN " + statement, new { tenant = TenantA, phone = "13900001111", accountNo = "FY-0042", limit = 10 });
        return string.Join('\n', plan.Select(step => (string)step.detail));
    }

    [Fact]
    public async Task The_file_refuses_to_change_or_delete_a_report_snapshot()
    {
        var period = new DateOnly(2026, 11, 29);
        await Store.ReportSnapshots.AddSnapshotAsync(Snapshot(TenantA, "daily", period, period, """{"kept":true}""", 1), [], Cancellation);

        await using (var connection = _database.Open())
        {
            Should.Throw<SqliteException>(() => connection.Execute("UPDATE report_snapshots SET content = '{}'")).Message.ShouldContain("report snapshots are immutable");
            Should.Throw<SqliteException>(() => connection.Execute("DELETE FROM report_snapshots")).Message.ShouldContain("report snapshots are immutable");
        }

        (await Store.ReportSnapshots.SnapshotContentAsync(TenantA, "daily-2026-11-29", Cancellation)).ShouldBe("""{"kept":true}""");
    }

    [Fact]
    public async Task The_file_is_in_wal_mode_and_migrating_it_again_does_nothing()
    {
        File.Exists(FilePath).ShouldBeTrue();
        await using (var connection = _database.Open())
        {
            (await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode")).ShouldBe("wal");
        }

        var again = SqliteSchema.Migrate(_database);
        again.Applied.ShouldBeEmpty();
        again.To.ShouldBe(SqliteSchema.LatestVersion);
        (await Append(NewCase("FY-2026-000001"))).Status.ShouldBe(AppendStatus.Appended);
    }

    [Fact]
    public async Task Failing_units_in_one_batch_fault_alone_while_the_good_ones_commit()
    {
        Task<AppendResult> good1 = null!, good2 = null!, badLedger = null!;
        Task<long> goodNumbers = null!;
        Task<int> throwing = null!, notNull = null!, goodRaw = null!;

        await InOneBatchAsync(() =>
        {
            good1 = Append(NewCase("FY-2026-000001"));
            // The events go in first, then the ledger row fails: the savepoint must take the events back out.
            badLedger = Append(NewCase("FY-2026-000002") with { Ledger = Ledger("FY-2026-000002") with { Status = null! } });
            throwing = _database.WriteAsync<int>((connection, transaction) =>
            {
                connection.Execute("INSERT INTO number_blocks (tenant, year, next) VALUES ('thrower', 2026, 5)", transaction: transaction);
                throw new InvalidOperationException("unit of work failed");
            });
            goodNumbers = Store.Numbers.ReserveAsync(TenantA, 2026, 10, Cancellation);
            notNull = _database.WriteAsync((connection, transaction) =>
                connection.Execute("INSERT INTO number_blocks (tenant, year, next) VALUES ('null', 2026, NULL)", transaction: transaction));
            goodRaw = _database.WriteAsync((connection, transaction) =>
                connection.Execute("INSERT INTO number_blocks (tenant, year, next) VALUES ('raw', 2026, 7)", transaction: transaction));
            good2 = Append(NewCase("FY-2026-000003"));
        });

        (await good1.WaitAsync(Patience)).Status.ShouldBe(AppendStatus.Appended);
        (await good2.WaitAsync(Patience)).Status.ShouldBe(AppendStatus.Appended);
        (await goodNumbers.WaitAsync(Patience)).ShouldBe(1);
        (await goodRaw.WaitAsync(Patience)).ShouldBe(1);
        await Should.ThrowAsync<Exception>(badLedger.WaitAsync(Patience));
        (await Should.ThrowAsync<InvalidOperationException>(throwing.WaitAsync(Patience))).Message.ShouldBe("unit of work failed");
        (await Should.ThrowAsync<SqliteException>(notNull.WaitAsync(Patience))).SqliteErrorCode.ShouldBe(19); // SQLITE_CONSTRAINT

        (await Store.Events.ReadAsync(TenantA, "FY-2026-000002", Cancellation)).ShouldBeEmpty();
        (await Rows(new LedgerQuery { Tenant = TenantA })).Select(r => r.Number).ShouldBe(["FY-2026-000003", "FY-2026-000001"]);
        (await NumberBlockTenantsAsync()).ShouldBe([TenantA, "raw"]);
    }

    [Fact]
    public async Task A_unit_that_rolls_back_the_whole_transaction_leaves_no_caller_waiting_and_the_writer_working()
    {
        // "INSERT OR ROLLBACK" hitting a constraint ends the whole transaction, savepoints and all (SQLite does the
        // same on SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM…). Every caller must still get an answer, and an answer
        // must be the truth: what completed is committed, what faulted wrote nothing.
        Task<AppendResult> before = null!, after = null!;
        Task<int> rollsBack = null!;

        await InOneBatchAsync(() =>
        {
            before = Append(NewCase("FY-2026-000001"));
            rollsBack = _database.WriteAsync((connection, transaction) =>
                connection.Execute(
                    "INSERT OR ROLLBACK INTO number_blocks (tenant, year, next) VALUES ('x', 2026, 1), ('x', 2026, 2)",
                    transaction: transaction));
            after = Append(NewCase("FY-2026-000002"));
        });

        (await UnansweredAsync(("before", before), ("rollsBack", rollsBack), ("after", after))).ShouldBeEmpty("units never answered");
        await Should.ThrowAsync<SqliteException>(rollsBack);
        await AnsweredTruthfullyAsync(before, "FY-2026-000001");
        await AnsweredTruthfullyAsync(after, "FY-2026-000002");

        (await Append(NewCase("FY-2026-000003")).WaitAsync(Patience)).Status.ShouldBe(AppendStatus.Appended);
        (await Store.Events.ReadAsync(TenantA, "FY-2026-000003", Cancellation)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_unit_that_rolls_back_the_whole_transaction_does_not_spoil_the_good_units_of_its_batch()
    {
        // The class promises "one failing unit does not spoil the batch": the good units around it still commit.
        Task<AppendResult> before = null!, after = null!;
        Task<int> rollsBack = null!;

        await InOneBatchAsync(() =>
        {
            before = Append(NewCase("FY-2026-000001"));
            rollsBack = _database.WriteAsync((connection, transaction) =>
                connection.Execute(
                    "INSERT OR ROLLBACK INTO number_blocks (tenant, year, next) VALUES ('x', 2026, 1), ('x', 2026, 2)",
                    transaction: transaction));
            after = Append(NewCase("FY-2026-000002"));
        });

        await Should.ThrowAsync<SqliteException>(rollsBack.WaitAsync(Patience));
        (await before.WaitAsync(Patience)).Status.ShouldBe(AppendStatus.Appended);
        (await after.WaitAsync(Patience)).Status.ShouldBe(AppendStatus.Appended);
        (await Rows(new LedgerQuery { Tenant = TenantA })).Select(r => r.Number).ShouldBe(["FY-2026-000002", "FY-2026-000001"]);
        (await NumberBlockTenantsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Writes_queued_before_disposing_are_committed_and_durable_and_later_writes_are_refused()
    {
        var database = _database;
        var pending = Enumerable.Range(1, 100).Select(i => Append(NewCase(NumberOf(i)))).ToArray();

        await database.DisposeAsync();

        (await Task.WhenAll(pending).WaitAsync(Patience)).ShouldAllBe(r => r.Status == AppendStatus.Appended);
        Should.Throw<ObjectDisposedException>(() => database.WriteAsync((_, _) => 0));

        await ReopenAsync();
        (await Store.Ledger.QueryAsync(new LedgerQuery { Tenant = TenantA, PageSize = 1 }, Cancellation)).Total.ShouldBe(100);
    }

    [Fact]
    public async Task A_request_waits_behind_one_bounded_share_of_the_clocks_work_however_much_of_it_is_queued()
    {
        await _database.WriteAsync((c, t) => c.Execute("CREATE TABLE lane_order (lane TEXT NOT NULL)", transaction: t));
        Task<long>? request = null;

        // A storm's catch-up: a thousand units in the clocks' lane. While the first of them runs, a registration arrives.
        var clocks = Enumerable.Range(0, 1_000).Select(i => _database.WriteAsync(
            (c, t) =>
            {
                if (i == 0)
                {
                    request = _database.WriteAsync((rc, rt) =>
                    {
                        var ahead = rc.ExecuteScalar<long>("SELECT COUNT(*) FROM lane_order", transaction: rt);
                        rc.Execute("INSERT INTO lane_order (lane) VALUES ('request')", transaction: rt);
                        return ahead;
                    });
                }

                return c.Execute("INSERT INTO lane_order (lane) VALUES ('clock')", transaction: t);
            },
            WriteLane.Clocks)).ToArray();

        (await Task.WhenAll(clocks).WaitAsync(Patience * 10)).ShouldAllBe(changed => changed == 1);

        // It ran in the next batch, ahead of everything else that waited: only the batch it arrived during was before it.
        var clockUnitsBefore = await request!.WaitAsync(Patience);
        clockUnitsBefore.ShouldBeInRange(1, _database.ClocksPerBatch);
        clockUnitsBefore.ShouldBeLessThan(1_000 / 4);
        await using var reader = _database.Open();
        (await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM lane_order WHERE lane = 'clock'")).ShouldBe(1_000);
    }

    [Fact]
    public async Task Two_databases_on_one_file_see_each_others_commits()
    {
        // A second process (an admin tool, a backup) on the same file must neither corrupt nor miss writes.
        await using var second = new SqliteDatabase(FilePath, NullLogger<SqliteDatabase>.Instance);
        SqliteSchema.Migrate(second);
        var other = new SqliteCaseStore(second);

        var results = await Task.WhenAll(Enumerable.Range(1, 100)
            .Select(i => (i % 2 == 0 ? Store.Events : other).AppendAsync(NewCase(NumberOf(i)), Cancellation)));

        results.ShouldAllBe(r => r.Status == AppendStatus.Appended);
        (await other.QueryAsync(new LedgerQuery { Tenant = TenantA, PageSize = 1 }, Cancellation)).Total.ShouldBe(100);
        (await Store.Ledger.QueryAsync(new LedgerQuery { Tenant = TenantA, PageSize = 1 }, Cancellation)).Total.ShouldBe(100);
    }

    [Fact]
    public async Task Committed_pages_reach_the_main_file_in_the_background_even_below_sqlites_own_threshold()
    {
        await _database.WriteAsync((c, t) => c.Execute("CREATE TABLE IF NOT EXISTS scratch (body BLOB NOT NULL)", transaction: t));
        var mainFileBefore = new FileInfo(FilePath).Length;

        // ~2 MiB through the WAL: half of SQLite's auto-checkpoint threshold (1,000 pages), so only the background checkpoint copies it.
        await WriteScratchAsync(count: 125, bytes: 16 * 1024);

        await EventuallyAsync(() => new FileInfo(FilePath).Length > mainFileBefore + (3L << 19));
        await using var reader = _database.Open();
        (await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM scratch")).ShouldBe(125);
    }

    [Fact]
    public async Task The_wal_stays_small_under_writes_that_never_pause()
    {
        await _database.WriteAsync((c, t) => c.Execute("CREATE TABLE IF NOT EXISTS scratch (body BLOB NOT NULL)", transaction: t));

        // ~100 MiB in 64 KiB units, always several queued: the background checkpoint never finds the writer idle,
        // so only the writer's own (completing) checkpoints let the WAL start again from its beginning.
        await WriteScratchAsync(count: 1600, bytes: 64 * 1024, inFlight: 8);

        new FileInfo(FilePath + "-wal").Length.ShouldBeLessThan(32L << 20, "the WAL restarts from its beginning instead of growing with every write");
    }

    private async Task WriteScratchAsync(int count, int bytes, int inFlight = 64)
    {
        var body = new byte[bytes];
        using var slots = new SemaphoreSlim(inFlight);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await slots.WaitAsync(Cancellation);
            try
            {
                await _database.WriteAsync((c, t) => c.Execute("INSERT INTO scratch (body) VALUES (@body)", new { body }, t));
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await poll.WaitForNextTickAsync(Cancellation);
        }

        condition().ShouldBeTrue("not within 10 s");
    }

    /// <summary>
    /// Holds the single writer inside a unit of work while <paramref name="queue"/> queues more, so that everything
    /// queued lands in the same batch (one transaction) when the writer is released.
    /// </summary>
    private async Task InOneBatchAsync(Action queue)
    {
        using var running = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        var blocker = _database.WriteAsync((_, _) =>
        {
            running.Release();
            release.Wait(Patience);
            return 0;
        });
        try
        {
            (await running.WaitAsync(Patience)).ShouldBeTrue("the writer never ran the blocking unit");
            queue();
        }
        finally
        {
            release.Set();
        }

        // The blocker itself may be caught up in what the batch does; only its having run matters.
        await Task.WhenAny(blocker, Task.Delay(Patience));
    }

    /// <summary>The names of the tasks still unfinished after waiting <see cref="Patience"/> for them all.</summary>
    private static async Task<IReadOnlyList<string>> UnansweredAsync(params (string Name, Task Task)[] units)
    {
        await Task.WhenAny(Task.WhenAll(units.Select(u => u.Task)), Task.Delay(Patience));
        return [.. units.Where(u => !u.Task.IsCompleted).Select(u => u.Name)];
    }

    private async Task AnsweredTruthfullyAsync(Task<AppendResult> append, string number)
    {
        var events = await Store.Events.ReadAsync(TenantA, number, Cancellation);
        if (append.IsCompletedSuccessfully)
        {
            append.Result.Status.ShouldBe(AppendStatus.Appended);
            events.Count.ShouldBe(1, $"{number} was acknowledged but is not there");
        }
        else
        {
            events.ShouldBeEmpty($"{number} failed but was written");
        }
    }

    private async Task<IReadOnlyList<string>> NumberBlockTenantsAsync()
    {
        await using var connection = _database.Open();
        return [.. await connection.QueryAsync<string>("SELECT tenant FROM number_blocks ORDER BY tenant")];
    }
}
