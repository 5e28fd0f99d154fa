using System.Globalization;
using Complaints.Cases;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Texts;
using static Complaints.Texts.TextKeys;

namespace Complaints.Commits;

/// <summary>
/// Who is told what when a case changes (docs/domain.md, notifications): the one who must act on a warning or a breach,
/// and on a breach the supervision chain too; the holding department of a supervision (督办); the leaders when a
/// dispatch waits for their approval or a result includes compensation (seed 004 工作要求 2); supervisors and leaders at
/// once for a threat of extreme behaviour (seed 003 art. 9). Each notice is a text key with its arguments, rendered in
/// the reader's language when read.
/// </summary>
public static class CaseNotices
{
#pragma warning disable CS1591 // the names say it all
    public const string ClockWarnedType = "clock-warned";
    public const string ClockBreachedType = "clock-breached";
    public const string SupervisedType = "supervised";
    public const string ApprovalRequestedType = "approval-requested";
    public const string CompensationType = "compensation";
    public const string ThreatType = "threat";
#pragma warning restore CS1591

    private static readonly string ThreatFlag = Cases.Words.Of(CaseFlag.Threat);

    private static readonly string Desk = RoleRecipient(Role.Agent);
    private static readonly string Supervisors = RoleRecipient(Role.Supervisor);
    private static readonly string Leaders = RoleRecipient(Role.Leader);

    /// <summary>
    /// The notifications <paramref name="e"/> causes, taking the case from <paramref name="before"/> (null before
    /// registration) to <paramref name="after"/>.
    /// </summary>
    public static IEnumerable<Notification> For(CaseState? before, CaseEvent e, CaseState after)
    {
        var number = after.Number;
        switch (e)
        {
            case ClockWarned w:
                return Clock(after, ClockWarnedType, Notifications.ClockWarned, w.Name, w.DueAt, w.At, [Holder(w.Department)]);
            case ClockBreached b:
                // A late resolution is the leaders' business too (seed 001 §8 charges it to the department).
                IEnumerable<string> told = b.Name == ClockNames.Resolution ? [Holder(b.Department), Supervisors, Leaders] : [Holder(b.Department), Supervisors];
                return Clock(after, ClockBreachedType, Notifications.ClockBreached, b.Name, b.DueAt, b.At, told);
            case Supervised s:
                // The owner (首问负责人) is told as well once cases carry one: add Recipient = $"user:{owner}" here.
                return Notices(after, SupervisedType, e.At, new TextRef(Notifications.Supervised, [number, s.Note]), [Holder(after.Department)]);
            case ResultReported r when !string.IsNullOrWhiteSpace(r.Compensation):
                return Notices(after, CompensationType, e.At, new TextRef(Notifications.Compensation, [number, r.Compensation.Trim()]), [Leaders]);

            case Flagged f when f.Flags.Contains(ThreatFlag) && before?.Flags.Contains(ThreatFlag) != true:
                return Threat(after, f.Responsible, f.Note, e.At);
            default:
                break;
        }

        // Whatever the event (dispatch now, re-dispatch to the leader later), a case that comes to wait for a leader's
        // approval tells the leaders.
        if (after.Status == CaseStatus.PendingApproval && before?.Status != CaseStatus.PendingApproval)
        {
            return Notices(after, ApprovalRequestedType, e.At, new TextRef(Notifications.ApprovalRequested, [number, after.Department ?? "-"]), [Leaders]);
        }

        return [];
    }

    /// <summary>A case flagged for a threat of extreme behaviour: supervisors and leaders, at once.</summary>
    public static IEnumerable<Notification> Threat(CaseState after, string? responsible, string? note, DateTimeOffset at) =>
        Notices(
            after,
            ThreatType,
            at,
            new TextRef(Notifications.Threat, [after.Number, string.IsNullOrWhiteSpace(responsible) ? "-" : responsible.Trim(), note?.Trim() ?? ""]),
            [Supervisors, Leaders]);

    private static IEnumerable<Notification> Clock(CaseState after, string type, string key, string clock, DateTimeOffset due, DateTimeOffset at, IEnumerable<string> recipients)
    {
        var dueText = ChinaTime.ToChina(due).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var text = new TextRef(key, [after.Number, ClockWord(clock), dueText]);
        return Notices(after, type, at, text, recipients, clock, due);
    }

    private static IEnumerable<Notification> Notices(
        CaseState after, string type, DateTimeOffset at, TextRef text, IEnumerable<string> recipients, string? clock = null, DateTimeOffset? due = null) =>
        recipients.Distinct(StringComparer.Ordinal).Select(recipient =>
            new Notification(Guid.NewGuid().ToString("N"), after.Tenant, recipient, after.Number, type, clock, due, at, text.Key) { Text = text });

    /// <summary>Whoever holds the case: its department, or the desk (agents) while it has none.</summary>
    private static string Holder(string? department) => department is null ? Desk : $"department:{department}";

    /// <summary>The clock's word as a key, or its name as written for a clock a tenant added without a word.</summary>
    private static TextArg ClockWord(string clock) =>
        ClockNames.Text(clock) is { IsUntranslated: false } word ? TextArg.Word(word.Key) : new TextArg(clock);

    private static string RoleRecipient(Role role) => $"role:{Cases.Words.Of(role)}";
}
