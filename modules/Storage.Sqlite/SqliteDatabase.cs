using System.Diagnostics;
using System.Threading.Channels;
using Complaints.Storage.Relational;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Complaints.Storage.Sqlite;

/// <summary>
/// One SQLite file in WAL mode. Reads use pooled connections and run side by side; writes go through a
/// single writer that groups whatever work is waiting into one transaction (group commit), so each
/// caller's write is durable when its task completes while the disk sees one sync per batch, not per write.
/// Each unit of work runs under its own savepoint: one failing unit does not spoil the batch.
/// A background task checkpoints the WAL every second, so the commit that crosses SQLite's auto-checkpoint
/// threshold finds little left to copy and keeps its batch waiting only briefly. The writer's own auto-checkpoint
/// stays on: a checkpoint run beside a busy writer never completes, and only a completed one lets the WAL start
/// again from its beginning instead of growing without end.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<WriteWork> _queue = Channel.CreateUnbounded<WriteWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private readonly Task _writer;
    private readonly CancellationTokenSource _stopping = new(); // never disposed: it has no timer or registration to free
    private readonly Task _checkpointer;

    public SqliteDatabase(string path, ILogger<SqliteDatabase> logger)
    {
        _logger = logger;
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
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

        _writer = Task.Factory.StartNew(WriteLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        _checkpointer = CheckpointLoopAsync(_stopping.Token);
    }

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>An open connection for reading (or for start-up DDL). Dispose it to return it to the pool.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=30000;");
        return connection;
    }

    /// <summary>Queues a unit of work; completes after the transaction holding it has committed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default)
    {
        var pending = new WriteWork<T>(work);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteDatabase));
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
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

    private async Task WriteLoopAsync()
    {
        using var connection = Open();
        // FULL: the WAL is synced at every commit, so an acknowledged write survives power loss, not just a crash.
        Execute(connection, "PRAGMA synchronous=FULL;");
        var batch = new List<WriteWork>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var work))
            {
                batch.Add(work);
            }

            CommitBatch(connection, batch);
        }
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
    /// Commits a batch; every unit gets an answer. A unit that fails alone is rolled back to its savepoint. A unit
    /// whose error ends the whole transaction (disk full, I/O error) fails, and the units that had succeeded are
    /// run again in a fresh transaction with those still waiting.
    /// </summary>
    private void CommitBatch(SqliteConnection connection, List<WriteWork> batch)
    {
        var remaining = batch;
        var startedAt = Stopwatch.GetTimestamp();
        while (remaining.Count > 0)
        {
            var succeeded = new List<WriteWork>(remaining.Count);
            List<WriteWork>? redo = null;
            SqliteTransaction? transaction = null;
            try
            {
                transaction = connection.BeginTransaction();
                for (var i = 0; i < remaining.Count && redo is null; i++)
                {
                    var work = remaining[i];
                    Execute(connection, "SAVEPOINT unit;", transaction);
                    try
                    {
                        work.Run(connection, transaction);
                        Execute(connection, "RELEASE unit;", transaction);
                        succeeded.Add(work);
                    }
                    catch (Exception exception)
                    {
                        work.Fail(exception);
                        if (InTransaction(connection))
                        {
                            Execute(connection, "ROLLBACK TO unit; RELEASE unit;", transaction);
                        }
                        else
                        {
                            redo = [.. succeeded, .. remaining.Skip(i + 1)];
                        }
                    }
                }

                if (redo is null)
                {
                    transaction.Commit();
                    StorageMetrics.Committed(SqliteDialect.Instance.MetricsTag, batch.Count, startedAt);
                    foreach (var work in succeeded)
                    {
                        work.Complete();
                    }

                    return;
                }
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "A write batch of {Count} units failed to commit", remaining.Count);
                foreach (var work in remaining)
                {
                    work.Fail(exception); // a unit already answered keeps its answer
                }

                return;
            }
            finally
            {
                DisposeQuietly(transaction);
            }

            remaining = redo;
        }
    }

    /// <summary>False once SQLite has ended the transaction on its own (it is back in autocommit mode).</summary>
    private static bool InTransaction(SqliteConnection connection) => SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0;

    private void DisposeQuietly(SqliteTransaction? transaction)
    {
        try
        {
            transaction?.Dispose();
        }
        catch (SqliteException exception)
        {
            // Rolling back a transaction SQLite already ended fails; there is nothing left to undo.
            _logger.LogDebug(exception, "Disposing an ended transaction");
        }
    }

    private abstract class WriteWork
    {
        public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class WriteWork<T>(Func<SqliteConnection, SqliteTransaction, T> work) : WriteWork
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(SqliteConnection connection, SqliteTransaction transaction) => _result = work(connection, transaction);

        public override void Complete() => Completion.TrySetResult(_result!);

        public override void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
