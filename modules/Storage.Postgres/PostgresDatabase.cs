using System.Diagnostics;
using System.Threading.Channels;
using Complaints.Storage.Relational;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Complaints.Storage.Postgres;

/// <summary>
/// One PostgreSQL database through a pooled <see cref="NpgsqlDataSource"/>. Reads open a pooled connection each;
/// writes are queued and a few writer loops (<see cref="PostgresDatabaseOptions.Writers"/>) each commit whatever is
/// waiting in one short transaction (group commit), so each caller's write is durable when its task completes while
/// the server sees one commit per batch, not per write. Each unit of work runs under its own savepoint: one failing
/// unit does not spoil the batch; a unit hit by a deadlock or serialization failure is run again.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private const int MaxTransientRetries = 3;

    private readonly Channel<WriteWork> _queue = Channel.CreateUnbounded<WriteWork>();
    private readonly ILogger _logger;
    private readonly bool _ownsDataSource;
    private readonly int _maxBatch;
    private readonly Task[] _writers;

    public PostgresDatabase(NpgsqlDataSource dataSource, PostgresDatabaseOptions options, ILogger<PostgresDatabase> logger, bool ownsDataSource = false)
    {
        DataSource = dataSource;
        _logger = logger;
        _ownsDataSource = ownsDataSource;
        _maxBatch = Math.Max(1, options.MaxBatch);
        _writers = [.. Enumerable.Range(0, Math.Max(1, options.Writers)).Select(_ => Task.Run(WriteLoopAsync))];
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Queues a unit of work; completes after the transaction holding it has committed.</summary>
    public Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var pending = new WriteWork<T>(work);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(PostgresDatabase));
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking writes, commits what is queued, then closes (and disposes the data source if it owns it).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
        if (_ownsDataSource)
        {
            await DataSource.DisposeAsync();
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<WriteWork>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var work))
            {
                batch.Add(work);
            }

            if (batch.Count > 0)
            {
                await CommitBatchAsync(batch);
            }
        }
    }

    /// <summary>
    /// Commits a batch; every unit gets an answer. A unit that fails is rolled back to its savepoint and fails alone
    /// (after up to three tries when the failure is transient). If the transaction itself cannot go on or commit
    /// (the connection broke, the server went away), every unit not yet answered fails: nothing is acknowledged that
    /// was not committed.
    /// </summary>
    private async Task CommitBatchAsync(List<WriteWork> batch)
    {
        var succeeded = new List<WriteWork>(batch.Count);
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var work in batch)
            {
                for (var attempt = 1; ; attempt++)
                {
                    await transaction.SaveAsync("unit");
                    try
                    {
                        await work.RunAsync(connection, transaction);
                        await transaction.ReleaseAsync("unit");
                        succeeded.Add(work);
                        break;
                    }
                    catch (Exception exception)
                    {
                        // If the connection itself is gone this throws, and the whole batch fails below.
                        await transaction.RollbackAsync("unit");
                        if (exception is PostgresException { IsTransient: true } && attempt < MaxTransientRetries)
                        {
                            _logger.LogDebug(exception, "A write hit a transient failure; trying it again");
                            continue;
                        }

                        work.Fail(exception);
                        break;
                    }
                }
            }

            await transaction.CommitAsync();
            StorageMetrics.Committed(PostgresDialect.Instance.MetricsTag, batch.Count, startedAt);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "A write batch of {Count} units failed to commit", batch.Count);
            foreach (var work in batch)
            {
                work.Fail(exception); // a unit already answered keeps its answer
            }

            return;
        }

        foreach (var work in succeeded)
        {
            work.Complete();
        }
    }

    private abstract class WriteWork
    {
        public abstract Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class WriteWork<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work) : WriteWork
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction) => _result = await work(connection, transaction);

        public override void Complete() => Completion.TrySetResult(_result!);

        public override void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}

/// <summary>How the PostgreSQL store writes (<c>Storage:Postgres:*</c>).</summary>
public sealed class PostgresDatabaseOptions
{
    /// <summary>Writer loops, each with its own connection and transaction at a time.</summary>
    public int Writers { get; set; } = 4;

    /// <summary>The most units of work one transaction commits.</summary>
    public int MaxBatch { get; set; } = 256;
}
