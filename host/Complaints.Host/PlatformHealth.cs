using System.Text.Json;
using Complaints.Grains;
using Complaints.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Complaints.Host;

internal static class PlatformHealth
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void AddPlatformHealth(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<PlatformHealthCheck>("platform")
            .AddCheck<CalendarHealthCheck>("calendar");

    /// <summary>
    /// <c>GET /health</c>: 200 when the host can take work, 503 otherwise (storage or silo). The body is JSON:
    /// <c>{ status, warnings: [{ check, year?, message }], errors: [{ check, message }] }</c>; a missing calendar year
    /// is a warning (status <c>Degraded</c>, still 200): the host works, its deadlines there are provisional.
    /// </summary>
    public static void MapPlatformHealth(this WebApplication app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var warnings = new List<object>();
        var errors = new List<object>();
        foreach (var (name, entry) in report.Entries)
        {
            if (entry.Status == HealthStatus.Unhealthy)
            {
                errors.Add(new { check = name, message = entry.Description });
            }
            else if (entry.Status == HealthStatus.Degraded)
            {
                if (entry.Data.TryGetValue(CalendarHealthCheck.MissingYears, out var years) && years is IReadOnlyList<int> missing)
                {
                    warnings.AddRange(missing.Select(year => new { check = name, year = (int?)year, message = CalendarWatch.Warning(year).In() }));
                }
                else
                {
                    warnings.Add(new { check = name, year = (int?)null, message = entry.Description });
                }
            }
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString(), warnings, errors }, Json));
    }
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

/// <summary>Degraded (a warning, still 200) while a year deadlines reach into has no official schedule.</summary>
internal sealed class CalendarHealthCheck(CalendarWatch watch) : IHealthCheck
{
    public const string MissingYears = "missingYears";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = watch.MissingYears();
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(
                string.Join(" ", missing.Select(year => CalendarWatch.Warning(year).In())),
                data: new Dictionary<string, object> { [MissingYears] = missing }));
    }
}
