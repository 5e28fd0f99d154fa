using System.Globalization;
using System.Text.Json;
using Complaints.Cases;
using Complaints.Sla;
using Complaints.Storage;

namespace Complaints.Commits;

/// <summary>
/// The moments at which the source channel answers the customer or reports to its platform, as outbox messages
/// written with the events that cause them (so a reply is never lost, and never made for an event not stored).
/// </summary>
public static class ChannelMoments
{
    /// <param name="state">The case after <paramref name="events"/>.</param>
    /// <param name="events">The events of one commit.</param>
    /// <param name="before">The case before them (an approved extension's reason is the request's).</param>
    public static IEnumerable<OutboxMessage> For(CaseState state, IEnumerable<CaseEvent> events, CaseState? before = null)
    {
        foreach (var e in events.Where(ReplyMoments.IsMoment))
        {
            var data = e switch
            {
                Accepted a => new() { ["category"] = a.Category, ["dueAt"] = Time(state.Clock(CaseDecider.ResolutionClock)?.DueAt) },
                Rejected r => new() { ["reason"] = r.Reason },
                Answered a => new() { ["reply"] = a.Reply },
                Signed s => new() { ["department"] = s.Department },
                Returned r => new() { ["department"] = r.Department, ["reason"] = r.Reason },
                ReturnedToSource r => new() { ["reason"] = r.Reason },
                ExtensionDecided x => new() { ["until"] = Time(x.Until), ["reason"] = before?.PendingExtension?.Reason, ["note"] = x.Note },
                ResultReported r => new() { ["result"] = r.Result, ["measures"] = r.Measures, ["department"] = state.Department },
                Closed => new Dictionary<string, string?> { ["satisfaction"] = state.Satisfaction is { } s ? Words.Of(s) : null },
                _ => throw new InvalidOperationException($"The reply moment '{EventCodec.NameOf(e)}' has no data here."),
            };
            data["number"] = state.Number;
            yield return new OutboxMessage(
                Guid.NewGuid().ToString("N"),
                state.Tenant,
                state.Number,
                state.Channel,
                state.ExternalId,
                EventCodec.NameOf(e),
                JsonSerializer.Serialize(data.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value)),
                e.At);
        }
    }

    private static string? Time(DateTimeOffset? time) =>
        time?.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
