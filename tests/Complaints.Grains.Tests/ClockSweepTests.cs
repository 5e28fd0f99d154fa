using Complaints.Storage;
using Complaints.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Grains.Tests;

/// <summary>The clock sweep, the safety net under the reminders, must not itself bring a host down.</summary>
public sealed class ClockSweepTests
{
    [Fact]
    public async Task A_sweep_that_times_out_is_tried_again_and_the_host_keeps_running()
    {
        var ledger = (TimingOutLedger?)null;
        await using var cluster = await ComplaintCluster.StartAsync((services, configuration) =>
        {
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Clocks:SweepInterval"] = "00:00:00.200" });
            services.AddSingleton<ILedger>(sp => ledger = new TimingOutLedger(sp.GetRequiredService<SqliteCaseStore>()));
        });

        // The start-up sweep and the periodic ones all time out (an overloaded host); the sweeping goes on.
        await ComplaintCluster.EventuallyAsync(() => Task.FromResult(ledger is { Sweeps: >= 3 }));

        var registered = await cluster.Case("FYW-2026-900301").Register(
            new RegisterComplaintRequest { Channel = "hotline", Kind = "complaint", Content = "夜里水压很低" },
            new ActorInfo("agent@fangyang-water", "agent"));
        registered.Kind.ShouldBe(OutcomeKind.Created);
    }

    /// <summary>The real ledger, except that looking for cases to wake times out, as a grain call or query can under load.</summary>
    private sealed class TimingOutLedger(ILedger inner) : ILedger
    {
        private int _sweeps;

        public int Sweeps => Volatile.Read(ref _sweeps);

        public Task<LedgerPage> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public Task<string?> FindByExternalIdAsync(string tenant, string channel, string externalId, CancellationToken cancellationToken = default) =>
            inner.FindByExternalIdAsync(tenant, channel, externalId, cancellationToken);

        public IAsyncEnumerable<LedgerRow> StreamAsync(LedgerQuery query, CancellationToken cancellationToken = default) => inner.StreamAsync(query, cancellationToken);

        public Task<IReadOnlyList<(string Tenant, string Number)>> DueForWakeUpAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _sweeps);
            return Task.FromException<IReadOnlyList<(string Tenant, string Number)>>(new TaskCanceledException("A task was canceled."));
        }
    }
}
