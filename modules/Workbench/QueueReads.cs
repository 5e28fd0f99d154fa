using System.ComponentModel;
using Complaints.Reports;
using Complaints.Storage;
using Microsoft.Extensions.Caching.Hybrid;

namespace Complaints.Workbench;

/// <summary>
/// The queues and the supervisor's overdue board as the open pages of this host re-read them on their ticks: one ledger
/// read per distinct queue per second, shared by every page that shows it, so 300 agents' pages cost a handful of reads
/// a second, not 900. The host's HybridCache keeps each result briefly and lets pages that ask at once wait for the one
/// read in flight. A page's first render reads the ledger itself (what it shows when opened is current).
/// </summary>
public sealed class QueueReads(HybridCache cache, IOpenCases openCases, OverdueList overdueList)
{
    /// <summary>How old a shared queue may be: with the page's one-second tick, a change shows within two seconds.</summary>
    public static readonly TimeSpan QueueFreshness = TimeSpan.FromSeconds(1);

    /// <summary>How old the shared overdue board may be (it is re-read every ten ticks anyway).</summary>
    public static readonly TimeSpan BoardFreshness = TimeSpan.FromSeconds(10);

    public async ValueTask<IReadOnlyList<LedgerRow>> QueueAsync(QueueQuery query, CancellationToken cancellationToken)
    {
        var key = $"workbench:queue:{query.Tenant}:{query.Department}:{string.Join(',', query.Statuses)}:{query.OverdueOnly}:{query.ExtensionRequestedOnly}:{query.Limit}";
        var shared = await cache.GetOrCreateAsync(
            key,
            (openCases, query),
            static async (state, token) => new SharedRows(await state.openCases.QueueAsync(state.query, token)),
            Kept(QueueFreshness),
            cancellationToken: cancellationToken);
        return shared.Rows;
    }

    public async ValueTask<OverdueReport> BoardAsync(string tenant, DateOnly day, string? department, CancellationToken cancellationToken)
    {
        var shared = await cache.GetOrCreateAsync(
            $"workbench:board:{tenant}:{department}:{day:yyyy-MM-dd}",
            (overdueList, tenant, day, department),
            static async (state, token) => new SharedBoard(await state.overdueList.BuildAsync(state.tenant, state.day, state.day, state.department, token)),
            Kept(BoardFreshness),
            cancellationToken: cancellationToken);
        return shared.Report;
    }

    /// <summary>In this host's memory only: a queue is a moment's view, not worth a distributed cache.</summary>
    private static HybridCacheEntryOptions Kept(TimeSpan freshness) => new()
    {
        Expiration = freshness,
        LocalCacheExpiration = freshness,
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    /// <summary>Immutable, so the cache hands every page the same instance instead of a copy.</summary>
    [ImmutableObject(true)]
    private sealed record SharedRows(IReadOnlyList<LedgerRow> Rows);

    [ImmutableObject(true)]
    private sealed record SharedBoard(OverdueReport Report);
}
