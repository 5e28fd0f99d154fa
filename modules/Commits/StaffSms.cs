using System.Globalization;
using System.Text.Json;
using Complaints.Cases;
using Complaints.Sla;
using Complaints.Storage;

namespace Complaints.Commits;

/// <summary>
/// SMS to a department's duty phone (seed 001 §3.3: 电话通知相关部门负责人) when a case is dispatched to it (or its
/// dispatch approved) and when one of its clocks is breached — for the departments the tenant gives a duty phone
/// (<c>Tenants:{t}:Notifications:Sms:DutyPhones:{department}</c>). Planned as outbox messages of the channel
/// <see cref="Channel"/>, written with the events that cause them (durable like the replies); the hotline plugin's SMS
/// gateway client sends them. The phone itself is not written here: the sender reads it from the settings when it
/// sends, so a changed duty phone applies to messages still waiting.
/// </summary>
public static class StaffSms
{
    /// <summary>The outbox channel of staff SMS (a copy lives in the hotline plugin, which sends them).</summary>
    public const string Channel = "staff-sms";

    public const string Dispatched = "dispatched";

    public const string Breached = "clock-breached";

    /// <param name="state">The case after <paramref name="events"/>.</param>
    /// <param name="events">The events of one commit.</param>
    /// <param name="departments">The departments the tenant gives a duty phone.</param>
    public static IEnumerable<OutboxMessage> For(CaseState state, IEnumerable<CaseEvent> events, IReadOnlySet<string>? departments)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (departments is not { Count: > 0 })
        {
            yield break;
        }

        foreach (var e in events)
        {
            var (moment, department, data) = e switch
            {
                Dispatched { AwaitingApproval: false } d => (Dispatched, d.Department, new Dictionary<string, string>()),
                DispatchApproved a => (Dispatched, a.Department, new Dictionary<string, string>()),
                ClockBreached b when b.Department is not null => (Breached, b.Department, new Dictionary<string, string>
                {
                    ["clock"] = b.Name,
                    ["dueAt"] = b.DueAt.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                }),
                _ => default,
            };
            if (moment is null || department is null || !departments.Contains(department))
            {
                continue;
            }

            data["number"] = state.Number;
            data["department"] = department;
            yield return new OutboxMessage(Guid.NewGuid().ToString("N"), state.Tenant, state.Number, Channel, null, moment, JsonSerializer.Serialize(data), e.At);
        }
    }
}
