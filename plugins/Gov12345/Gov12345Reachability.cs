using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Complaints.Channels.Gov12345;

/// <summary>What a poll's outcome changed about a tenant's platform: nothing, it went down, or it came back.</summary>
internal enum ReachabilityChange
{
    None,
    Down,
    Up,
}

/// <summary>
/// Whether each tenant's 12345 platform answered its last poll. A change (down, up again) is what the poller logs —
/// one line each, not one per poll — and the health entry reads the platforms down now (degraded while any is).
/// </summary>
internal sealed class Gov12345Reachability(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Since, string Reason)> _down = new(StringComparer.Ordinal);

    /// <summary>A failed poll: <see cref="ReachabilityChange.Down"/> the first time, then nothing until it answers again.</summary>
    public ReachabilityChange Failed(string tenant, string reason) =>
        _down.TryAdd(tenant, (time.GetUtcNow(), reason)) ? ReachabilityChange.Down : ReachabilityChange.None;

    /// <summary>A poll the platform answered: <see cref="ReachabilityChange.Up"/> when it was down.</summary>
    public ReachabilityChange Answered(string tenant) =>
        _down.TryRemove(tenant, out _) ? ReachabilityChange.Up : ReachabilityChange.None;

    /// <summary>The tenants whose platform is down, since when and why.</summary>
    public IReadOnlyDictionary<string, (DateTimeOffset Since, string Reason)> Down => _down;
}

/// <summary>The <c>gov-12345</c> entry of the host's <c>/health</c>: degraded (a warning, still 200) while a tenant's platform does not answer.</summary>
internal sealed class Gov12345HealthCheck(Gov12345Reachability reachability) : IHealthCheck
{
    public const string Name = "gov-12345";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var down = reachability.Down.OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        return Task.FromResult(down.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(string.Join(" ", down.Select(d => $"The 12345 platform of tenant {d.Key} has not answered since {d.Value.Since:yyyy-MM-dd HH:mm:ss}Z ({d.Value.Reason}).")),
                data: down.ToDictionary(d => d.Key, d => (object)d.Value.Since)));
    }
}
