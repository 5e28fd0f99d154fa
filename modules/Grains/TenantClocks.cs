using System.Collections.Concurrent;
using Complaints.Sla;
using Complaints.Tenants;
using Microsoft.Extensions.Configuration;

namespace Complaints.Grains;

/// <summary>Each tenant's clock engine: its policy (<c>Tenants:{tenant}:Policy</c>) over the shared calendar.</summary>
public sealed class TenantClocks(TenantDirectory tenants, WorkingDayCalendar calendar)
{
    private readonly ConcurrentDictionary<string, CaseClockEngine?> _engines = new(StringComparer.Ordinal);

    /// <summary>The calendar every tenant's clocks count on.</summary>
    public WorkingDayCalendar Calendar => calendar;

    /// <summary>Null when the tenant has no policy: its cases run no clocks.</summary>
    public CaseClockEngine? For(string tenantId) => _engines.GetOrAdd(tenantId, id =>
    {
        var tenant = tenants.Find(id);
        var policy = tenant?.Configuration.GetSection("Policy").Get<SlaPolicy>();
        return policy is null || policy.Clocks.Count == 0 ? null : new CaseClockEngine(new SlaPolicyEvaluator(policy), calendar, tenant!.WorkdayEnd);
    });

    /// <summary>Checks every tenant's policy at start-up, so a bad policy stops the host instead of a case.</summary>
    public void Validate()
    {
        foreach (var tenant in tenants.All)
        {
            _ = For(tenant.Id);
        }
    }
}
