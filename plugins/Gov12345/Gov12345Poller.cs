using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Complaints.Channels.Gov12345;

/// <summary>
/// Pulls new orders from every tenant's platform that has a <c>PollInterval</c>: one loop per tenant, the first
/// poll at start-up, at most <c>MaxPerPoll</c> orders per poll, each poll bounded by the request timeout and
/// stopped with the host. A registered order is acknowledged so the platform stops listing it; an order that
/// fails stays unacknowledged and comes back at the next poll (intake is idempotent on the order number), and so does
/// one whose file the platform does not serve for now (see <see cref="Gov12345Platforms.SubmitAsync"/>).
/// While a platform does not answer, the poller says so once (a warning without a stack trace), polls on quietly
/// (debug lines only) and says once when it answers again; the health entry is degraded meanwhile.
/// </summary>
internal sealed partial class Gov12345Poller(Gov12345Platforms platforms, Gov12345Reachability reachability, TimeProvider time, ILogger<Gov12345Poller> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(platforms.All.Values.Where(s => s.PollInterval > TimeSpan.Zero).Select(s => LoopAsync(s, stoppingToken)));

    private async Task LoopAsync(Gov12345Settings settings, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        do
        {
            try
            {
                var registered = await PollOnceAsync(settings, stoppingToken).ConfigureAwait(false);
                if (reachability.Answered(settings.Tenant) == ReachabilityChange.Up)
                {
                    LogReachableAgain(settings.Tenant);
                }

                if (registered > 0)
                {
                    LogPolled(settings.Tenant, registered);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The whole exception only at debug level: a platform down for a night is one warning, not 600 stack traces.
                var reason = $"{ex.GetType().Name}: {ex.Message}";
                if (reachability.Failed(settings.Tenant, reason) == ReachabilityChange.Down)
                {
                    LogUnreachable(settings.Tenant, reason);
                }

                LogPollFailed(ex, settings.Tenant);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One poll: list, register each order, acknowledge those registered. Returns how many were registered.</summary>
    internal async Task<int> PollOnceAsync(Gov12345Settings settings, CancellationToken cancellationToken)
    {
        var api = platforms.Api(settings);
        var answer = await api.ListAsync(settings.Paths["List"], cancellationToken).ConfigureAwait(false);
        if (!Gov12345Platforms.Succeeded(settings, answer))
        {
            LogListRefused(settings.Tenant, answer.ToJsonString());
            return 0;
        }

        var registered = 0;
        foreach (var order in Gov12345Platforms.Orders(settings, answer).Take(settings.MaxPerPoll))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (number, receipt) = await platforms.SubmitAsync(settings, order, mayWait: true, cancellationToken).ConfigureAwait(false);
            if (receipt is not { Accepted: true } || number is null)
            {
                continue;
            }

            registered++;
            var ack = new JsonObject { [settings.Field("Number")] = number };
            var acked = await api.PostAsync(settings.Paths["Ack"], ack, cancellationToken).ConfigureAwait(false);
            if (!Gov12345Platforms.Succeeded(settings, acked))
            {
                LogAckRefused(settings.Tenant, number);
            }
        }

        return registered;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "12345 poll for tenant {Tenant}: {Count} order(s) registered")]
    private partial void LogPolled(string tenant, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "12345 poll for tenant {Tenant} failed; trying again at the next interval")]
    private partial void LogPollFailed(Exception ex, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "12345 platform of tenant {Tenant} is unreachable ({Reason}); polling on quietly until it answers")]
    private partial void LogUnreachable(string tenant, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "12345 platform of tenant {Tenant} answers again")]
    private partial void LogReachableAgain(string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "12345 list for tenant {Tenant} refused: {Answer}")]
    private partial void LogListRefused(string tenant, string answer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "12345 acknowledgement of order {Order} (tenant {Tenant}) refused; it will be listed again")]
    private partial void LogAckRefused(string tenant, string order);
}
