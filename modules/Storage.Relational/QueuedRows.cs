using System.Collections.Concurrent;

namespace Complaints.Storage.Relational;

/// <summary>
/// Small writes that wait for the store's writer together: every row queued while no unit is waiting starts one unit,
/// and that unit writes all rows waiting when it runs. A row costs the writer a statement, not a unit of its own, and
/// each row's caller is answered only after the transaction holding it has committed. Both reminder tables write their
/// rows this way, in the clocks' lane.
/// </summary>
/// <typeparam name="TRow">What one row's write needs.</typeparam>
public sealed class QueuedRows<TRow>
{
    private readonly ConcurrentQueue<QueuedRow<TRow>> _waiting = new();
    private readonly Func<Func<IReadOnlyList<QueuedRow<TRow>>>, Task> _writeUnit;
    private int _unitQueued;

    /// <param name="writeUnit">
    /// Queues one writer unit and returns the task that completes after its commit. The unit calls the function it is
    /// given to take the rows to write, and sets each row's <see cref="QueuedRow{TRow}.Changed"/>. A unit the writer runs
    /// again (the database ended its transaction) takes the same rows again, with any queued since.
    /// </param>
    public QueuedRows(Func<Func<IReadOnlyList<QueuedRow<TRow>>>, Task> writeUnit) => _writeUnit = writeUnit;

    /// <summary>Queues one row's write; completes with the rows it changed once the transaction holding it has committed.</summary>
    public Task<int> WriteAsync(TRow row)
    {
        var queued = new QueuedRow<TRow>(row);
        _waiting.Enqueue(queued);
        if (Interlocked.Exchange(ref _unitQueued, 1) == 0)
        {
            _ = WriteWaitingAsync();
        }

        return queued.Done.Task;
    }

    private async Task WriteWaitingAsync()
    {
        var rows = new List<QueuedRow<TRow>>();
        Task written;
        try
        {
            written = _writeUnit(() =>
            {
                // From here on a newly queued row needs a unit of its own: this one may already have drained the queue.
                Volatile.Write(ref _unitQueued, 0);
                while (_waiting.TryDequeue(out var row))
                {
                    rows.Add(row);
                }

                return rows;
            });
        }
        catch (ObjectDisposedException closed)
        {
            // The database is closing and takes no more units: none of the waiting rows will be written.
            Volatile.Write(ref _unitQueued, 0);
            while (_waiting.TryDequeue(out var row))
            {
                row.Done.TrySetException(closed);
            }

            return;
        }

        try
        {
            await written;
        }
        catch (Exception exception)
        {
            foreach (var row in rows)
            {
                row.Done.TrySetException(exception);
            }

            return;
        }

        foreach (var row in rows)
        {
            row.Done.TrySetResult(row.Changed);
        }
    }
}

/// <summary>One row waiting for the writer; <see cref="Done"/> completes after its commit with <see cref="Changed"/>.</summary>
public sealed class QueuedRow<TRow>(TRow row)
{
    public TRow Row { get; } = row;

    /// <summary>What the write changed (rows affected, or a value the statement returned), set by the unit.</summary>
    public int Changed { get; set; }

    internal TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
