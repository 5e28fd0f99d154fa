using Complaints.Storage;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Workbench.Components.Tests;

/// <summary>The open pages' ticks share one ledger read per queue (<see cref="QueueReads"/>), through the host's real HybridCache.</summary>
public sealed class QueueReadsTests
{
    private static readonly QueueQuery ToAccept = new() { Tenant = "fangyang-water", Statuses = ["registered"] };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Many_pages_asking_at_once_for_a_queue_wait_for_one_ledger_read()
    {
        var ledger = new HeldLedger();
        var reads = Reads(ledger);

        var pages = Enumerable.Range(0, 20).Select(_ => reads.QueueAsync(ToAccept with { Statuses = ["registered"] }, Cancellation).AsTask()).ToList();
        await ledger.Started.Task.WaitAsync(Cancellation);
        ledger.Release();
        var shown = await Task.WhenAll(pages);

        ledger.Reads.ShouldBe(1);
        shown.ShouldAllBe(rows => rows.Count == 1 && rows[0].Number == "FYW-2026-000001");
        (await reads.QueueAsync(ToAccept, Cancellation)).Count.ShouldBe(1);
        ledger.Reads.ShouldBe(1); // still fresh: the same read
    }

    [Fact]
    public async Task Another_department_or_another_queue_is_a_read_of_its_own()
    {
        var ledger = new HeldLedger();
        ledger.Release();
        var reads = Reads(ledger);

        await reads.QueueAsync(ToAccept, Cancellation);
        await reads.QueueAsync(ToAccept with { Department = "pipe-network" }, Cancellation);
        await reads.QueueAsync(ToAccept with { Department = "billing" }, Cancellation);
        await reads.QueueAsync(ToAccept with { Statuses = ["registered", "accepted"] }, Cancellation);
        await reads.QueueAsync(ToAccept with { OverdueOnly = true }, Cancellation);
        await reads.QueueAsync(ToAccept with { Tenant = "fuyang-gas" }, Cancellation);

        ledger.Reads.ShouldBe(6);
    }

    private static QueueReads Reads(IOpenCases ledger)
    {
        var services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        return new QueueReads(services.GetRequiredService<HybridCache>(), ledger, null!);
    }

    /// <summary>A ledger whose queue reads wait until released, and that counts them.</summary>
    private sealed class HeldLedger : IOpenCases
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reads => Volatile.Read(ref _reads);

        public void Release() => _release.TrySetResult();

        public async Task<IReadOnlyList<LedgerRow>> QueueAsync(QueueQuery query, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            Started.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
            return [new LedgerRow { Tenant = query.Tenant, Number = "FYW-2026-000001", Channel = "hotline", Kind = "complaint", Status = query.Statuses[0], Content = "停水", ReceivedAt = DateTimeOffset.UnixEpoch, RegisteredAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch }];
        }

        public Task<IReadOnlyList<LedgerRow>> OpenAsync(string tenant, string? department, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DateTimeOffset?> UpdatedAtAsync(string tenant, string number, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
