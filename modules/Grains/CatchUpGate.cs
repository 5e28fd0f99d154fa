using Microsoft.Extensions.Configuration;

namespace Complaints.Grains;

/// <summary>
/// Admission control for clock catch-up, one per host: a case woken by its reminder, by the clock sweep or by an
/// activation reads its events and records what fell due only inside one of <c>Clocks:CatchUpConcurrency</c>
/// slots. When 100,000 deadlines fall due in a minute, the ticks beyond that wait
/// here (an awaited task, no thread), so the scheduler's queues and the store's writer never hold more than that many
/// catch-ups' work, and a registration — several hops, each of which would otherwise queue behind thousands of
/// catch-ups — finds the host with room. A user's own command on a case catches that case up without the gate: it is
/// the user's request.
/// <para>
/// A slot given back goes first to a case known to have a deadline passed (its breach is what the ledger, the
/// overdue list and the scorecards count, and what its department must hear of at once), then to the rest — warnings,
/// and cases not read yet — each in the order they came, so the earliest go first. A warning a few seconds late still
/// comes long before its deadline.
/// </para>
/// </summary>
public sealed class CatchUpGate
{
    /// <summary>
    /// A catch-up holds its slot for a read and one group commit, mostly waiting, so the gate lets through about
    /// slots ÷ that round trip a second. Under a storm with intake running the round trip is about two batches
    /// (~55 ms on the benchmark's 2 cores): 64 slots let through about 1,150 breaches a second, fewer than the storm's
    /// 1,700, and the backlog made deadlines half a minute late; 128 let through about 2,300 and kept them on time.
    /// Intake does not pay for the larger gate at the writer: the clocks' writes wait in their own lane
    /// (<see cref="Complaints.Storage.WriteLane.Clocks"/>), a bounded share per batch.
    /// </summary>
    public const int DefaultConcurrency = 128;

    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource> _deadlines = new();
    private readonly LinkedList<TaskCompletionSource> _others = new();
    private int _free;

    public CatchUpGate(IConfiguration configuration)
        : this(configuration.GetValue("Clocks:CatchUpConcurrency", DefaultConcurrency))
    {
    }

    public CatchUpGate(int concurrency)
    {
        if (concurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(concurrency), concurrency, "Clocks:CatchUpConcurrency must be at least 1.");
        }

        Concurrency = concurrency;
        _free = concurrency;
    }

    public int Concurrency { get; }

    /// <summary>Catch-ups waiting for a slot right now.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _deadlines.Count + _others.Count;
            }
        }
    }

    /// <summary>
    /// Waits for a slot — ahead of every other waiter when <paramref name="deadlinePassed"/> (see the class); dispose
    /// the admission to give it back.
    /// </summary>
    public async Task<Admission> EnterAsync(bool deadlinePassed = false, CancellationToken cancellationToken = default)
    {
        await TakeAsync(deadlinePassed ? _deadlines : _others, cancellationToken);
        return new Admission(this);
    }

    /// <summary>
    /// Takes every slot until the returned handle is disposed: no catch-up starts meanwhile (the ones running finish).
    /// The grain tests hold a storm's catch-ups with it while intake goes on.
    /// </summary>
    public async Task<IAsyncDisposable> PauseAsync(CancellationToken cancellationToken = default)
    {
        var taken = 0;
        try
        {
            for (; taken < Concurrency; taken++)
            {
                await TakeAsync(_others, cancellationToken);
            }
        }
        catch
        {
            Release(taken);
            throw;
        }

        return new Pause(this, Concurrency);
    }

    private async Task TakeAsync(LinkedList<TaskCompletionSource> queue, CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource> waiter;
        lock (_lock)
        {
            if (_free > 0)
            {
                _free--;
                return;
            }

            waiter = queue.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        GrainsMetrics.CatchUpWaiting(1);
        try
        {
            using (cancellationToken.Register(() => Cancel(waiter, cancellationToken)))
            {
                await waiter.Value.Task;
            }
        }
        finally
        {
            GrainsMetrics.CatchUpWaiting(-1);
        }
    }

    /// <summary>A waiter that gives up before it was admitted leaves its queue; one admitted meanwhile keeps its slot.</summary>
    private void Cancel(LinkedListNode<TaskCompletionSource> waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (waiter.List is not { } queue)
            {
                return;
            }

            queue.Remove(waiter);
        }

        waiter.Value.TrySetCanceled(cancellationToken);
    }

    /// <summary>Hands <paramref name="slots"/> to the waiters, deadlines first, and keeps the rest free.</summary>
    private void Release(int slots)
    {
        List<TaskCompletionSource>? admitted = null;
        lock (_lock)
        {
            for (; slots > 0; slots--)
            {
                var queue = _deadlines.Count > 0 ? _deadlines : _others.Count > 0 ? _others : null;
                if (queue is null)
                {
                    _free += slots;
                    break;
                }

                (admitted ??= []).Add(queue.First!.Value);
                queue.RemoveFirst();
            }
        }

        // Outside the lock: the admitted continue on their own schedulers (RunContinuationsAsynchronously).
        admitted?.ForEach(w => w.SetResult());
    }

    /// <summary>One slot, given back once.</summary>
    public sealed class Admission : IDisposable
    {
        private CatchUpGate? _gate;

        internal Admission(CatchUpGate gate) => _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release(1);
    }

    private sealed class Pause(CatchUpGate gate, int count) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release(count);
            }

            return ValueTask.CompletedTask;
        }
    }
}
