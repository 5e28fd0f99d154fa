using Complaints.Storage.Relational;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Complaints.Storage.Sqlite;

/// <summary>
/// One SQLite file in WAL mode. Reads use pooled connections and run side by side; writes go through a
/// single writer (the shared <see cref="BatchWriter{TConnection, TTransaction}"/> on one dedicated thread) that groups
/// whatever work is waiting into one transaction (group commit), so each caller's write is durable when its task
/// completes while the disk sees one sync per batch, not per write. Each unit of work runs under its own savepoint: one
/// failing unit does not spoil the batch.
/// A background task checkpoints the WAL every second, so the commit that crosses SQLite's auto-checkpoint
/// threshold finds little left to copy and keeps its batch waiting only briefly. The writer's own auto-checkpoint
/// stays on: a checkpoint run beside a busy writer never completes, and only a completed one lets the WAL start
/// again from its beginning instead of growing without end.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger;
    private readonly Writer _writer;
    private readonly CancellationTokenSource _stopping = new(); // never disposed: it has no timer or registration to free
    private readonly Task _checkpointer;

    public SqliteDatabase(string path, ILogger<SqliteDatabase> logger)
    {
        _logger = logger;
        Path = System.IO.Path.GetFullPath(path);
        // Private from the first byte: SQLite gives the -wal and -shm files the database file's own mode.
        PrivateFiles.EnsureDirectory(System.IO.Path.GetDirectoryName(Path)!);
        PrivateFiles.Create(Path);
        PrivateFiles.Tighten(Path + "-wal");
        PrivateFiles.Tighten(Path + "-shm");
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        using (var connection = Open())
        {
            Execute(connection, "PRAGMA journal_mode=WAL;");
        }

        _writer = new Writer(this);
        _checkpointer = CheckpointLoopAsync(_stopping.Token);
    }

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>The most units of the clocks' lane one batch takes (see <see cref="BatchWriter{TConnection, TTransaction}.ClocksPerBatch"/>).</summary>
    public int ClocksPerBatch => _writer.ClocksPerBatch;

    /// <summary>An open connection for reading (or for start-up DDL). Dispose it to return it to the pool.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=30000;");
        return connection;
    }

    /// <summary>Queues a unit of work; completes after the transaction holding it has committed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default) =>
        _writer.Write(work, WriteLane.Requests, cancellationToken);

    /// <summary>Queues a unit of work in <paramref name="lane"/>; completes after the transaction holding it has committed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, WriteLane lane, CancellationToken cancellationToken = default) =>
        _writer.Write(work, lane, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
            await _checkpointer;
        }
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Copies committed WAL pages into the main file every second (PASSIVE: it never waits for, nor blocks, the
    /// writer or readers).
    /// </summary>
    private async Task CheckpointLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(CheckpointInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await using var connection = Open();
                    Execute(connection, "PRAGMA wal_checkpoint(PASSIVE);");
                }
                catch (SqliteException exception)
                {
                    _logger.LogWarning(exception, "WAL checkpoint failed; it is tried again in {Interval}", CheckpointInterval);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    /// <summary>
    /// The one writer: a dedicated thread and one connection (synchronous=FULL) for its lifetime. Its hooks run
    /// synchronously, so a unit costs no task and no real await. When SQLite ends the transaction on its own (disk
    /// full, I/O error, INSERT OR ROLLBACK) the shared loop fails that unit and runs the succeeded ones again.
    /// </summary>
    private sealed class Writer : BatchWriter<SqliteConnection, SqliteTransaction>
    {
        private readonly SqliteDatabase _database;
        private SqliteConnection? _connection;

        public Writer(SqliteDatabase database)
            : base(SqliteDialect.Instance.MetricsTag, writers: 1, SqliteDatabase.MaxBatch)
        {
            _database = database;
            Start();
        }

        protected override Task StartLoop(Func<Task> loop) =>
            Task.Factory.StartNew(loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

        protected override ValueTask<SqliteConnection> OpenAsync()
        {
            if (_connection is null)
            {
                var connection = _database.Open();
                // FULL: the WAL is synced at every commit, so an acknowledged write survives power loss, not just a crash.
                Execute(connection, "PRAGMA synchronous=FULL;");
                // Each unit's savepoint copies the pages it changes into a sub-journal; in memory, not a temporary file
                // (a storm's batch of a hundred breaches spilled past SQLite's 64 KiB in-memory limit to disk).
                Execute(connection, "PRAGMA temp_store=MEMORY;");
                _connection = connection;
            }

            return ValueTask.FromResult(_connection);
        }

        protected override ValueTask ReturnAsync(SqliteConnection connection) => ValueTask.CompletedTask; // kept for the next batch

        protected override ValueTask StoppedAsync()
        {
            _connection?.Dispose();
            return ValueTask.CompletedTask;
        }

        protected override ValueTask<SqliteTransaction> BeginAsync(SqliteConnection connection) => ValueTask.FromResult(connection.BeginTransaction());

        protected override ValueTask SaveAsync(SqliteTransaction transaction)
        {
            WriterStatements.Command(transaction, "SAVEPOINT unit;").ExecuteNonQuery();
            return ValueTask.CompletedTask;
        }

        protected override ValueTask ReleaseAsync(SqliteTransaction transaction)
        {
            WriterStatements.Command(transaction, "RELEASE unit;").ExecuteNonQuery();
            return ValueTask.CompletedTask;
        }

        protected override ValueTask RollBackUnitAsync(SqliteTransaction transaction)
        {
            Execute(transaction.Connection!, "ROLLBACK TO unit; RELEASE unit;", transaction);
            return ValueTask.CompletedTask;
        }

        protected override ValueTask CommitAsync(SqliteTransaction transaction)
        {
            transaction.Commit();
            return ValueTask.CompletedTask;
        }

        /// <summary>False once SQLite has ended the transaction on its own (it is back in autocommit mode).</summary>
        protected override bool InTransaction(SqliteConnection connection) => SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0;

        protected override void OnBatchFailed(Exception exception, int units) =>
            _database._logger.LogError(exception, "A write batch of {Count} units failed to commit", units);

        protected override void OnEndedTransactionNotDisposed(Exception exception) =>
            _database._logger.LogDebug(exception, "Disposing an ended transaction");
    }
}
