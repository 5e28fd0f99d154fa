using Complaints.Tenants;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Complaints.Reports;

/// <summary>
/// Starts every tenant's report schedule when the host has started (its grain activates and registers its reminder,
/// then catches up what fell due while the platform was down). Every host does this; there is one grain per tenant in
/// the cluster. A tenant's <c>Reports:DailyAt</c> that is not a time of day stops the start.
/// </summary>
internal sealed class ReportScheduleStart(
    IHostApplicationLifetime lifetime,
    TenantDirectory tenants,
    IGrainFactory grains,
    ILogger<ReportScheduleStart> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in tenants.All)
        {
            _ = TenantReportSchedule.DailyAtOf(tenant);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        foreach (var tenant in tenants.All)
        {
            try
            {
                var run = await grains.GetGrain<IReportScheduleGrain>(tenant.Id).StartAsync();
                if (run.Produced.Count > 0)
                {
                    logger.LogInformation("Produced the reports {Snapshots} of tenant {Tenant} at start", run.Produced, tenant.Id);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The reminder, once registered, runs the schedule anyway; a tenant never started is started at the next host start.
                logger.LogWarning(exception, "The report schedule of tenant {Tenant} could not be started", tenant.Id);
            }
        }
    }
}
