using Complaints.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Complaints.Grains;

/// <summary>
/// At start, activates the number holder of every tenant-year whose numbers are recorded as held: after a crash its
/// holder is gone, and the new activation records the numbers no case has as a gap (<see cref="CaseNumberGrain"/>),
/// so the audit list shows it without waiting for the next registration. A holder alive on another host is simply
/// called.
/// </summary>
internal sealed class CaseNumberRecovery(IHostApplicationLifetime lifetime, ICaseNumberBlocks blocks, IGrainFactory grains, ILogger<CaseNumberRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            var held = await blocks.HeldAsync(stoppingToken);
            await Task.WhenAll(held.Select(h => grains.GetGrain<ICaseNumberGrain>(CaseKey.Of(h.Tenant, h.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))).Open()));
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // Not lost: the holder's next activation (the next registration of that year) records the gap.
            logger.LogWarning(exception, "Looking for case numbers a crashed host left behind failed");
        }
    }
}
