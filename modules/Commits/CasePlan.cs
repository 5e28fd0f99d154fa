using Complaints.Cases;
using Complaints.Sla;
using Complaints.Storage;

namespace Complaints.Commits;

/// <summary>
/// One change of a case as it is written: the events (a command's with the clock events they cause, or the warnings
/// and breaches that fell due), the state they lead to, and the append that stores them in one transaction.
/// </summary>
public sealed record CaseCommit(IReadOnlyList<CaseEvent> Events, CaseState Next, CaseAppend Append);

/// <summary>
/// The commit plan, pure: decide → clocks → ledger row → notices → breaches → outbox. The grain loads, appends and
/// arms reminders around it; tests drive cases through it exactly as the grain does.
/// </summary>
public static class CasePlan
{
    /// <summary>
    /// Decides <paramref name="command"/> on <paramref name="state"/> (null before registration) and, when allowed,
    /// plans its commit. <paramref name="version"/> is the number of events stored so far; <paramref name="replyTo"/>
    /// is where the source channel answers the customer, saved with the registration only.
    /// </summary>
    public static (CaseCommit? Commit, Refusal? Refusal) Decide(
        CaseState? state,
        int version,
        CaseCommand command,
        DecisionContext context,
        CaseClockEngine? engine,
        string? replyTo = null,
        IReadOnlySet<string>? smsDepartments = null)
    {
        var decision = CaseDecider.Decide(state, command, context);
        if (decision.Refusal is { } refusal)
        {
            return (null, refusal);
        }

        var events = engine?.WithClocks(state, decision.Events) ?? decision.Events;
        return (Commit(state, version, events, replyTo, smsDepartments), null);
    }

    /// <summary>The warnings and breaches due at <paramref name="now"/>, planned as one commit; null when nothing is due.</summary>
    public static CaseCommit? CatchUp(CaseState state, int version, DateTimeOffset now, CaseClockEngine? engine, IReadOnlySet<string>? smsDepartments = null)
    {
        var due = engine?.Due(state, now) ?? [];
        return due.Count == 0 ? null : Commit(state, version, due, smsDepartments: smsDepartments);
    }

    /// <summary>
    /// What <paramref name="events"/> write when appended after <paramref name="version"/> stored events;
    /// <paramref name="smsDepartments"/>: the departments whose duty phone gets staff SMS (<see cref="StaffSms"/>).
    /// </summary>
    public static CaseCommit Commit(CaseState? state, int version, IReadOnlyList<CaseEvent> events, string? replyTo = null, IReadOnlySet<string>? smsDepartments = null)
    {
        var notifications = new List<Notification>();
        var next = state;
        foreach (var e in events)
        {
            var before = next;
            next = CaseState.Apply(next, e);
            notifications.AddRange(CaseNotices.For(before, e, next));
        }

        if (next is null)
        {
            throw new ArgumentException("A commit needs a registered case or a registration.", nameof(events));
        }

        var stored = events
            .Select((e, i) => new StoredEvent(version + i + 1, EventCodec.NameOf(e), e.At, e.Actor, EventCodec.Serialize(e)))
            .ToList();
        var append = new CaseAppend(next.Tenant, next.Number, version, stored, LedgerRows.Of(next))
        {
            Notifications = notifications,
            Breaches = [.. events.OfType<ClockBreached>().Select(b => new BreachRecord(next.Tenant, next.Number, b.Name, b.Department, b.DueAt, b.At, b.Points, b.Fine) { Person = b.Person })],
            Outbox = [.. ChannelMoments.For(next, events, state), .. StaffSms.For(next, events, smsDepartments)],
            Attachments = [.. events.OfType<AttachmentAdded>().Select(a => new AttachmentRecord(next.Tenant, next.Number, a.Id, a.Name, a.ContentType, a.Size, a.Sha256, a.At, a.Actor))],
            ReplyAddress = events.OfType<Registered>().Any() && !string.IsNullOrWhiteSpace(replyTo)
                ? new ReplyAddress(next.Channel, replyTo.Trim())
                : null,
        };
        return new CaseCommit(events, next, append);
    }
}
