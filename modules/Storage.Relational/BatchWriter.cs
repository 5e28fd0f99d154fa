using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;

namespace Complaints.Storage.Relational;

/// <summary>
/// The commit loop both stores share (group commit): callers queue units of work; each writer loop takes whatever is
/// waiting (up to <see cref="MaxBatch"/> units), runs every unit under its own savepoint in one transaction, commits
/// once and only then acknowledges. Every unit is answered exactly once. A unit that fails is rolled back to its
/// savepoint and fails alone (after up to three tries when its failure is transient). If
/// the database ended the transaction on its own, the failing unit fails and the units that had succeeded are run again
/// in a fresh transaction with those still waiting. If the transaction cannot go on or commit, every unit not yet
/// answered fails: nothing is acknowledged that was not committed.
/// A database supplies the small differences through the hooks below; their defaults use System.Data.Common, so this
/// core names no driver.
/// <para>
/// A database where a savepoint costs a round trip (PostgreSQL) runs each batch first without them
/// (<see cref="SavepointsOnFailureOnly"/>): if every unit succeeds, as nearly always, the batch commits as it is; if one
/// fails, the whole transaction is rolled back, that unit fails (or, when its failure is transient, counts that as its
/// first try) and the others are run again with a savepoint per unit. Units must therefore be safe to run again, as
/// they already are for SQLite.
/// </para>
/// <para>
/// Units wait in two lanes (<see cref="WriteLane"/>). A batch takes every waiting request first, then at most
/// <see cref="ClocksPerBatch"/> units of the clocks' work: during a deadline storm a registration waits for at most one
/// batch with that bounded share of catch-up ahead of it, however long the clocks' queue has grown.
/// </para>
/// </summary>
public abstract class BatchWriter<TConnection, TTransaction> : IAsyncDisposable
    where TConnection : DbConnection
    where TTransaction : DbTransaction
{
    private const int MaxTransientRetries = 3;

    protected const string Savepoint = "unit";

    private readonly Channel<WriteWork> _requests;
    private readonly Channel<WriteWork> _clocks;
    private readonly KeyValuePair<string, object?> _database;
    private readonly int _writers;
    private readonly Lock _turns = new();
    private long _nextTurn;
    private Task[] _loops = [];

    /// <param name="database">The metrics tag of the database (<see cref="StorageMetrics.Database"/>).</param>
    /// <param name="writers">How many writer loops run side by side, each with its own transaction at a time.</param>
    /// <param name="maxBatch">The most units one transaction commits.</param>
    protected BatchWriter(KeyValuePair<string, object?> database, int writers, int maxBatch)
    {
        _database = database;
        _writers = Math.Max(1, writers);
        MaxBatch = Math.Max(1, maxBatch);
        ClocksPerBatch = Math.Max(1, MaxBatch / 4);
        _requests = Channel.CreateUnbounded<WriteWork>(new UnboundedChannelOptions { SingleReader = _writers == 1 });
        _clocks = Channel.CreateUnbounded<WriteWork>(new UnboundedChannelOptions { SingleReader = _writers == 1 });
    }

    public int MaxBatch { get; }

    /// <summary>
    /// The most units of the clocks' lane one batch takes: a quarter of a batch, so a request that arrives while a
    /// batch commits waits for that quarter at most (tens of milliseconds), and the clocks still get whole batches
    /// whenever requests leave room.
    /// </summary>
    public int ClocksPerBatch { get; }

    /// <summary>
    /// True where a savepoint costs a round trip to the database: a batch is run without savepoints first and only
    /// run again with them when one of its units fails. False: every unit always runs under its own savepoint.
    /// </summary>
    protected virtual bool SavepointsOnFailureOnly => false;

    /// <summary>
    /// The least time between the starts of two batches, over all loops (zero: none). Each commit costs both the host
    /// and the database a round trip, a transaction and a WAL flush whatever it holds; under a steady load the units
    /// that arrive during the interval share one. A writer that has been idle that long is not held back.
    /// </summary>
    protected virtual TimeSpan CommitInterval => TimeSpan.Zero;

    /// <summary>Queues a unit that runs synchronously; completes after the transaction holding it has committed.</summary>
    public Task<T> Write<T>(Func<TConnection, TTransaction, T> work, WriteLane lane = WriteLane.Requests, CancellationToken cancellationToken = default) =>
        Enqueue(new SyncWork<T>(work), lane, cancellationToken);

    /// <summary>Queues a unit that runs asynchronously; completes after the transaction holding it has committed.</summary>
    public Task<T> WriteAsync<T>(Func<TConnection, TTransaction, Task<T>> work, WriteLane lane = WriteLane.Requests, CancellationToken cancellationToken = default) =>
        Enqueue(new AsyncWork<T>(work), lane, cancellationToken);

    /// <summary>Stops taking writes and commits what is queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        _clocks.Writer.TryComplete();
        await Task.WhenAll(_loops);
        await StoppedAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the writer loops; called by the database once it is ready to open connections.</summary>
    protected void Start() => _loops = [.. Enumerable.Range(0, _writers).Select(_ => StartLoop(WriteLoopAsync))];

    /// <summary>Starts one writer loop (by default on the thread pool).</summary>
    protected virtual Task StartLoop(Func<Task> loop) => Task.Run(loop);

    /// <summary>The connection a batch runs on.</summary>
    protected abstract ValueTask<TConnection> OpenAsync();

    /// <summary>Gives back the connection a batch ran on (by default: closes it, returning it to its pool).</summary>
    protected virtual ValueTask ReturnAsync(TConnection connection) => connection.DisposeAsync();

    /// <summary>Runs once after every writer loop has stopped.</summary>
    protected virtual ValueTask StoppedAsync() => ValueTask.CompletedTask;

    protected virtual async ValueTask<TTransaction> BeginAsync(TConnection connection) => (TTransaction)await connection.BeginTransactionAsync();

    protected virtual ValueTask SaveAsync(TTransaction transaction) => new(transaction.SaveAsync(Savepoint));

    protected virtual ValueTask ReleaseAsync(TTransaction transaction) => new(transaction.ReleaseAsync(Savepoint));

    /// <summary>Undoes a failed unit: back to its savepoint.</summary>
    protected virtual ValueTask RollBackUnitAsync(TTransaction transaction) => new(transaction.RollbackAsync(Savepoint));

    protected virtual ValueTask CommitAsync(TTransaction transaction) => new(transaction.CommitAsync());

    /// <summary>False once the database has ended the transaction on its own (the savepoints went with it).</summary>
    protected virtual bool InTransaction(TConnection connection) => true;

    /// <summary>True when the failure may pass if the unit is simply run again (a deadlock, a serialization failure).</summary>
    protected virtual bool IsTransient(Exception exception) => false;

    protected virtual void OnRetrying(Exception exception)
    {
    }

    /// <summary>A unit failed in a batch run without savepoints: the batch is rolled back and run again with them.</summary>
    protected virtual void OnRunningWithSavepoints(Exception exception)
    {
    }

    protected virtual void OnBatchFailed(Exception exception, int units)
    {
    }

    /// <summary>Disposing a transaction the database already ended fails; there is nothing left to undo.</summary>
    protected virtual void OnEndedTransactionNotDisposed(Exception exception)
    {
    }

    private Task<T> Enqueue<T>(WriteWork<T> pending, WriteLane lane, CancellationToken cancellationToken)
    {
        if (!(lane == WriteLane.Clocks ? _clocks : _requests).Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(GetType().Name);
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<WriteWork>(MaxBatch);
        while (await WaitForWorkAsync())
        {
            await WaitForTurnAsync();
            batch.Clear();
            while (batch.Count < MaxBatch && _requests.Reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            var clocks = Math.Min(ClocksPerBatch, MaxBatch - batch.Count);
            while (clocks-- > 0 && _clocks.Reader.TryRead(out var clock))
            {
                batch.Add(clock);
            }

            if (batch.Count > 0)
            {
                await CommitBatchAsync(batch);
            }
        }
    }

    /// <summary>
    /// Group commit under a steady load: batches of all loops start at least <see cref="CommitInterval"/> apart, so what
    /// arrives meanwhile shares a commit. After a quiet spell a batch starts at once; under a heavy load, batches longer
    /// than the interval still overlap on several loops.
    /// </summary>
    private async ValueTask WaitForTurnAsync()
    {
        if (CommitInterval <= TimeSpan.Zero)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        long turn;
        lock (_turns)
        {
            turn = Math.Max(now, _nextTurn);
            _nextTurn = turn + (long)(CommitInterval.TotalSeconds * Stopwatch.Frequency);
        }

        if (turn > now)
        {
            // Task.Delay counts whole milliseconds and returns at once for less than one: round up.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(Stopwatch.GetElapsedTime(now, turn).TotalMilliseconds)));
        }
    }

    /// <summary>True once either lane has work; false when both are closed and empty.</summary>
    private async ValueTask<bool> WaitForWorkAsync()
    {
        if (_requests.Reader.TryPeek(out _) || _clocks.Reader.TryPeek(out _))
        {
            return true;
        }

        var requests = _requests.Reader.WaitToReadAsync().AsTask();
        var clocks = _clocks.Reader.WaitToReadAsync().AsTask();
        var first = await Task.WhenAny(requests, clocks);

        // A lane answers false only when it is closed and empty for good: then only the other one can still bring work.
        return await first || await (first == requests ? clocks : requests);
    }

    private async Task CommitBatchAsync(List<WriteWork> batch)
    {
        var startedAt = Stopwatch.GetTimestamp();
        TConnection? connection = null;
        try
        {
            connection = await OpenAsync();
            var remaining = await CommitOnceAsync(connection, batch, batch.Count, startedAt, savepoints: !SavepointsOnFailureOnly);
            while (remaining is not null)
            {
                remaining = await CommitOnceAsync(connection, remaining, batch.Count, startedAt, savepoints: true);
            }
        }
        catch (Exception exception)
        {
            OnBatchFailed(exception, batch.Count);
            foreach (var work in batch)
            {
                work.Fail(exception); // a unit already answered keeps its answer
            }
        }
        finally
        {
            if (connection is not null)
            {
                await ReturnAsync(connection);
            }
        }
    }

    /// <summary>
    /// One transaction over <paramref name="units"/>; null once committed, else the units to run again (with savepoints)
    /// in a fresh transaction: when the database ended this one, or, without <paramref name="savepoints"/>, when a unit
    /// failed and the whole transaction was rolled back — then all of them after a transient failure, all but the failed
    /// unit (answered with its failure) otherwise.
    /// </summary>
    private async ValueTask<List<WriteWork>?> CommitOnceAsync(TConnection connection, List<WriteWork> units, int batchSize, long startedAt, bool savepoints)
    {
        var succeeded = new List<WriteWork>(units.Count);
        TTransaction? transaction = null;
        try
        {
            transaction = await BeginAsync(connection);
            for (var i = 0; i < units.Count; i++)
            {
                var work = units[i];
                for (var attempt = work.Tries + 1; ; attempt++)
                {
                    if (savepoints)
                    {
                        await SaveAsync(transaction);
                    }

                    try
                    {
                        var running = work.Run(connection, transaction);
                        if (running is not null)
                        {
                            await running;
                        }

                        if (savepoints)
                        {
                            await ReleaseAsync(transaction);
                        }

                        succeeded.Add(work);
                        break;
                    }
                    catch (Exception exception) when (!savepoints)
                    {
                        // If the connection itself is gone this throws, and every unanswered unit fails.
                        OnRunningWithSavepoints(exception);
                        await transaction.RollbackAsync();
                        work.Tries = 1;
                        if (IsTransient(exception))
                        {
                            return units;
                        }

                        work.Fail(exception);
                        return units.Count == 1 ? null : [.. units.Where(other => other != work)];
                    }
                    catch (Exception exception)
                    {
                        if (!InTransaction(connection))
                        {
                            work.Fail(exception);
                            return [.. succeeded, .. units.Skip(i + 1)];
                        }

                        // If the connection itself is gone this throws, and every unanswered unit fails.
                        await RollBackUnitAsync(transaction);
                        if (attempt < MaxTransientRetries && IsTransient(exception))
                        {
                            OnRetrying(exception);
                            continue;
                        }

                        work.Fail(exception);
                        break;
                    }
                }
            }

            await CommitAsync(transaction);
            StorageMetrics.Committed(_database, batchSize, startedAt);
            foreach (var work in succeeded)
            {
                work.Complete();
            }

            return null;
        }
        finally
        {
            await DisposeQuietlyAsync(transaction);
        }
    }

    private async ValueTask DisposeQuietlyAsync(TTransaction? transaction)
    {
        if (transaction is null)
        {
            return;
        }

        try
        {
            await transaction.DisposeAsync();
        }
        catch (DbException exception)
        {
            OnEndedTransactionNotDisposed(exception);
        }
    }

    private abstract class WriteWork
    {
        /// <summary>Tries already spent in a batch run without savepoints.</summary>
        public int Tries { get; set; }

        /// <summary>Runs the unit; null when it ran synchronously (no task per unit), else the task to await.</summary>
        public abstract Task? Run(TConnection connection, TTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private abstract class WriteWork<T> : WriteWork
    {
        protected T? Result { get; set; }

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Complete() => Completion.TrySetResult(Result!);

        public override void Fail(Exception exception) => Completion.TrySetException(exception);
    }

    private sealed class SyncWork<T>(Func<TConnection, TTransaction, T> work) : WriteWork<T>
    {
        public override Task? Run(TConnection connection, TTransaction transaction)
        {
            Result = work(connection, transaction);
            return null;
        }
    }

    private sealed class AsyncWork<T>(Func<TConnection, TTransaction, Task<T>> work) : WriteWork<T>
    {
        public override Task? Run(TConnection connection, TTransaction transaction) => RunAsync(connection, transaction);

        private async Task RunAsync(TConnection connection, TTransaction transaction) => Result = await work(connection, transaction);
    }
}
