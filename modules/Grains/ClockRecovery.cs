using Complaints.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Reminders;
using Orleans.Runtime;

namespace Complaints.Grains;

/// <summary>
/// Wakes the cases whose warning or deadline has passed without the case hearing of it. Orleans skips missed reminder
/// ticks and would only come back at the next period (a minute later): after a start, every case that fell due while
/// the host was down; in a cluster, the cases whose reminders belonged to a host that died — its reminders move to a
/// survivor, which again skips what fell due in between. An activated grain records what fell due at once (each
/// warning and breach is an event, so nothing fires twice, whoever wakes it).
/// <para>
/// At start every host sweeps. Then, every <c>Clocks:SweepInterval</c> (<see cref="ClockSweep"/>; zero turns it off), one host (the active silo with the
/// lowest address) sweeps again at that interval for cases due longer ago than <c>Clocks:SweepGrace</c>: a case whose
/// reminder is alive catches up within milliseconds of its due time and never qualifies; a case whose reminder went
/// down with its host is woken within interval + grace of the survivors taking over.
/// </para>
/// </summary>
internal sealed class ClockRecovery(
    IHostApplicationLifetime lifetime,
    ILedger ledger,
    IGrainFactory grains,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IConfiguration configuration,
    [FromKeyedServices(ReminderTimeProviderNames.Reminders)] TimeProvider time,
    ILogger<ClockRecovery> logger) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var woken = await SweepSafelyAsync(time.GetUtcNow(), atStart: true, stoppingToken);
        if (woken > 0)
        {
            logger.LogInformation("Woke {Count} cases whose clocks fell due while the host was down", woken);
        }

        var (interval, grace) = ClockSweep.From(configuration);
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        // The wall clock paces the safety net; the cut-off is read from the clocks' own TimeProvider.
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!IsSweeper())
            {
                continue;
            }

            woken = await SweepSafelyAsync(time.GetUtcNow() - grace, atStart: false, stoppingToken);
            if (woken > 0)
            {
                logger.LogWarning("Woke {Count} cases whose clocks had fallen due unheard (a host went down?)", woken);
            }
        }
    }

    /// <summary>
    /// A sweep that fails — a grain call or a query timing out on an overloaded host (a timeout can surface as a
    /// cancellation) — is logged and tried again at the next interval; it must never stop the host, whose
    /// reminders go on working. Only the host's own stopping ends the loop.
    /// </summary>
    private async Task<int> SweepSafelyAsync(DateTimeOffset cutoff, bool atStart, CancellationToken stoppingToken)
    {
        try
        {
            var woken = await SweepAsync(cutoff, stoppingToken);
            GrainsMetrics.Swept(atStart, woken, failed: false);
            return woken;
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            GrainsMetrics.Swept(atStart, 0, failed: true);
            logger.LogWarning(exception, "The clock sweep failed; the next sweep tries again");
            return 0;
        }
    }

    /// <summary>The active silo with the lowest address sweeps, so the cluster sweeps once per interval.</summary>
    private bool IsSweeper()
    {
        var active = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .Order()
            .FirstOrDefault();
        return active is null || active.Equals(silo.SiloAddress);
    }

    private async Task<int> SweepAsync(DateTimeOffset cutoff, CancellationToken stoppingToken)
    {
        var woken = new HashSet<(string, string)>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = await ledger.DueForWakeUpAsync(cutoff, Batch, stoppingToken);
            // A case that could not catch up stays due; seeing only such cases again means the sweep is done.
            if (due.Count == 0 || due.All(woken.Contains))
            {
                break;
            }

            await Task.WhenAll(due.Select(c => grains.GetGrain<ICaseGrain>(CaseKey.Of(c.Tenant, c.Number)).Wake()));
            woken.UnionWith(due);
        }

        return woken.Count;
    }
}

/// <summary>
/// How often the clock sweep runs and how late a case must be to qualify. The defaults live here, not only in
/// appsettings.json, so a host configured some other way (environment only, a test, an embedding) keeps its safety net.
/// </summary>
public static class ClockSweep
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(5);

    public static (TimeSpan Interval, TimeSpan Grace) From(IConfiguration configuration) =>
        (configuration.GetValue("Clocks:SweepInterval", DefaultInterval), configuration.GetValue("Clocks:SweepGrace", DefaultGrace));
}
