using System.Text.Json;
using Complaints.Grains;
using Complaints.Sla;

namespace Complaints.Reports;

/// <summary>One step of a case as a printed form names it: when, who, and what was written.</summary>
public sealed record CaseStep(DateTimeOffset At, string Actor, string? Text = null);

/// <summary>The result as the department reported it (or the desk's answer or refusal when the case ended there).</summary>
public sealed record ResultStep(DateTimeOffset At, string Actor, string Text, string? Measures, string? Accountability, string? Compensation);

/// <summary>The latest callback that reached the customer.</summary>
public sealed record CallbackStep(DateTimeOffset At, string Actor, string Satisfaction, string? Note);

/// <summary>
/// What the printed forms read from a case beyond its view: who did what and when, taken from the case's history
/// (the same masked history the case's GET shows). The latest round wins where a case went round again (re-dispatch
/// after an unsatisfied callback); the first dispatch is the 派单时间, as in the ledger.
/// </summary>
public sealed record CaseRecord(
    CaseView Case,
    CaseStep? Accepted,
    DateTimeOffset? FirstDispatchedAt,
    CaseStep? Signed,
    ResultStep? Result,
    CallbackStep? Callback,
    DateTimeOffset? ResolutionDueAt)
{
    // The stored names of the history's events (they never change: the history holds them).
    private const string AcceptedType = "accepted";
    private const string DispatchedType = "dispatched";
    private const string SignedType = "signed";
    private const string ResultReportedType = "result-reported";
    private const string AnsweredType = "answered";
    private const string RejectedType = "rejected";
    private const string ReturnedToSourceType = "returned-to-source";
    private const string CallbackRecordedType = "callback-recorded";

    public static CaseRecord Of(CaseView view)
    {
        CaseStep? accepted = null, signed = null;
        DateTimeOffset? dispatched = null;
        ResultStep? result = null;
        CallbackStep? callback = null;
        foreach (var entry in view.History)
        {
            using var data = JsonDocument.Parse(entry.Data);
            var d = data.RootElement;
            switch (entry.Type)
            {
                case AcceptedType:
                    accepted = new CaseStep(entry.At, entry.Actor, Str(d, "note"));
                    break;
                case DispatchedType:
                    dispatched ??= entry.At;
                    break;
                case SignedType:
                    signed = new CaseStep(entry.At, entry.Actor);
                    break;
                case ResultReportedType:
                    result = new ResultStep(entry.At, entry.Actor, Str(d, "result") ?? "", Str(d, "measures"), Str(d, "accountability"), Str(d, "compensation"));
                    break;
                case AnsweredType:
                    result = new ResultStep(entry.At, entry.Actor, Str(d, "reply") ?? "", null, null, null);
                    break;
                case RejectedType or ReturnedToSourceType:
                    result = new ResultStep(entry.At, entry.Actor, Str(d, "reason") ?? "", null, null, null);
                    break;
                case CallbackRecordedType:
                    callback = new CallbackStep(entry.At, entry.Actor, Str(d, "satisfaction") ?? "", Str(d, "note"));
                    break;
            }
        }

        var resolution = view.Clocks.Where(c => c.Name == ClockNames.Resolution).OrderBy(c => c.StartedAt).LastOrDefault();
        return new CaseRecord(view, accepted, dispatched, signed, result, callback, resolution?.DueAt);
    }

    private static string? Str(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
