using Complaints.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Complaints.Host;

internal static class PlatformHealth
{
    public static void AddPlatformHealth(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<PlatformHealthCheck>("platform");

    /// <summary><c>GET /health</c>: 200 when the host can take work, 503 otherwise.</summary>
    public static void MapPlatformHealth(this WebApplication app) => app.MapHealthChecks("/health").AllowAnonymous();
}

internal sealed class PlatformHealthCheck(IStorageProbe storage, ISiloStatusOracle silo) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (silo.CurrentStatus != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"The silo is {silo.CurrentStatus}.");
        }

        try
        {
            await storage.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", exception);
        }
    }
}
