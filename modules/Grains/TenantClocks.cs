using System.Collections.Concurrent;
using System.Text.Json;
using Complaints.Cases;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Tenants;
using Microsoft.Extensions.Configuration;

namespace Complaints.Grains;

/// <summary>Each tenant's clock engine: its policy (<c>Tenants:{tenant}:Policy</c>) over the shared calendar.</summary>
public sealed class TenantClocks(TenantDirectory tenants, WorkingDayCalendar calendar)
{
    private readonly ConcurrentDictionary<string, CaseClockEngine?> _engines = new(StringComparer.Ordinal);

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

/// <summary>The working-day calendar with the years an administrator loaded at run time (kept in storage).</summary>
public static class PlatformCalendar
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WorkingDayCalendar Load(ICalendarYears years)
    {
        var calendar = new WorkingDayCalendar();
        foreach (var (year, json) in years.Load())
        {
            calendar.LoadYear(year, JsonSerializer.Deserialize<List<ScheduleDay>>(json, Json)!);
        }

        return calendar;
    }
}

/// <summary>Checks every tenant's policy before the silo starts, so a bad policy stops the host, not a case.</summary>
internal sealed class ClockPolicyCheck(TenantClocks clocks) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        clocks.Validate();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Who hears of a warning or a breach: the one who must act, and on a breach the supervision chain too.</summary>
internal static class ClockNotices
{
    public static IEnumerable<Notification> For(string tenant, string number, CaseEvent e)
    {
        (string Type, string Clock, DateTimeOffset Due, string? Department, bool Breach)? notice = e switch
        {
            ClockWarned w => ("clock-warned", w.Name, w.DueAt, w.Department, false),
            ClockBreached b => ("clock-breached", b.Name, b.DueAt, b.Department, true),
            _ => null,
        };
        if (notice is not { } n)
        {
            yield break;
        }

        var owner = n.Department is null ? "role:agent" : $"department:{n.Department}";
        var text = n.Breach
            ? $"{number}: the {n.Clock} deadline {ChinaTime.ToChina(n.Due):yyyy-MM-dd HH:mm} has passed."
            : $"{number}: the {n.Clock} deadline {ChinaTime.ToChina(n.Due):yyyy-MM-dd HH:mm} is near.";
        IEnumerable<string> recipients = n.Breach ? [owner, "role:supervisor"] : [owner];
        if (n.Breach && n.Clock == ClockNames.Resolution)
        {
            recipients = recipients.Append("role:leader");
        }

        foreach (var recipient in recipients)
        {
            yield return new Notification(Guid.NewGuid().ToString("N"), tenant, recipient, number, n.Type, n.Clock, n.Due, e.At, text);
        }
    }
}
