using Complaints.Cases;
using Complaints.Sla;
using Complaints.Storage;

namespace Complaints.Commits;

/// <summary>Who hears of a warning or a breach: the one who must act, and on a breach the supervision chain too.</summary>
public static class ClockNotices
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

        var owner = n.Department is null ? $"role:{Words.Of(Role.Agent)}" : $"department:{n.Department}";
        var text = n.Breach
            ? $"{number}: the {n.Clock} deadline {ChinaTime.ToChina(n.Due):yyyy-MM-dd HH:mm} has passed."
            : $"{number}: the {n.Clock} deadline {ChinaTime.ToChina(n.Due):yyyy-MM-dd HH:mm} is near.";
        IEnumerable<string> recipients = n.Breach ? [owner, $"role:{Words.Of(Role.Supervisor)}"] : [owner];
        if (n.Breach && n.Clock == ClockNames.Resolution)
        {
            recipients = recipients.Append($"role:{Words.Of(Role.Leader)}");
        }

        foreach (var recipient in recipients)
        {
            yield return new Notification(Guid.NewGuid().ToString("N"), tenant, recipient, number, n.Type, n.Clock, n.Due, e.At, text);
        }
    }
}
