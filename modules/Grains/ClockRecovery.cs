using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Complaints.Storage;
using Orleans.Reminders;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Grains;

/// <summary>
/// After a start, wakes every case whose warning or deadline passed while the host was down. Orleans skips
/// missed reminder ticks and would only come back at the next period; an activated grain records what fell
/// due at once (each warning and breach is an event, so nothing fires twice).
/// </summary>
internal sealed class ClockRecovery(
    IHostApplicationLifetime lifetime,
    ILedger ledger,
    IGrainFactory grains,
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

        var cutoff = time.GetUtcNow();
        var woken = new HashSet<(string, string)>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = await ledger.DueForWakeUpAsync(cutoff, Batch, stoppingToken);
            // A case that could not catch up stays due; seeing only such cases again means the sweep is done.
            if (due.Count == 0 || due.All(woken.Contains))
            {
                break;
            }

            await Task.WhenAll(due.Select(c => grains.GetGrain<IComplaintGrain>(ComplaintKey.Of(c.Tenant, c.Number)).Wake()));
            woken.UnionWith(due);
        }

        if (woken.Count > 0)
        {
            logger.LogInformation("Woke {Count} cases whose clocks fell due while the host was down", woken.Count);
        }
    }
}
