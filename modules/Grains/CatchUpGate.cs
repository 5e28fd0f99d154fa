using Microsoft.Extensions.Configuration;

namespace Complaints.Grains;

/// <summary>
/// Admission control for clock catch-up, one per host: a case woken by its reminder, by the clock sweep or by an
/// activation reads its events and records what fell due only inside one of <c>Clocks:CatchUpConcurrency</c>
/// slots. When 100,000 deadlines fall due in a minute, the ticks beyond that wait
/// here (an awaited task, no thread), so the scheduler's queues and the store's writer never hold more than that many
/// catch-ups' work, and a registration — several hops, each of which would otherwise queue behind thousands of
/// catch-ups — finds the host with room. A user's own command on a case catches that case up without the gate: it is
/// the user's request. Waiters are admitted in the order they came, so the earliest deadlines go first.
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

    private readonly SemaphoreSlim _slots;
    private int _waiting;

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
        _slots = new SemaphoreSlim(concurrency, concurrency);
    }

    public int Concurrency { get; }

    /// <summary>Catch-ups waiting for a slot right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for a slot; dispose the admission to give it back.</summary>
    public async Task<Admission> EnterAsync(CancellationToken cancellationToken = default)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            Interlocked.Increment(ref _waiting);
            GrainsMetrics.CatchUpWaiting(1);
            try
            {
                await _slots.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
                GrainsMetrics.CatchUpWaiting(-1);
            }
        }

        return new Admission(_slots);
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
                await _slots.WaitAsync(cancellationToken);
            }
        }
        catch
        {
            if (taken > 0)
            {
                _slots.Release(taken);
            }

            throw;
        }

        return new Pause(_slots, Concurrency);
    }

    /// <summary>One slot, given back once.</summary>
    public sealed class Admission : IDisposable
    {
        private SemaphoreSlim? _slots;

        internal Admission(SemaphoreSlim slots) => _slots = slots;

        public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
    }

    private sealed class Pause(SemaphoreSlim slots, int count) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release(count);
            }

            return ValueTask.CompletedTask;
        }
    }
}
