using Complaints.Grains;
using Complaints.Sla;

namespace Complaints.Workbench;

/// <summary>
/// What an action's form holds, and the request of the case-actions table it becomes (the API's body, field for
/// field): the form decides nothing, the grain's mapping and the decider do, and their refusal names the field.
/// </summary>
public sealed class CaseActionForm
{
    /// <summary>Every action's fields, by route, as the API names them (a refusal naming one is shown beside it).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Fields { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["accept"] = ["category", "kind", "note"],
        ["reclassify"] = ["kind", "category", "note"],
        ["reject"] = ["reason"],
        ["answer"] = ["reply", "customerAccepted"],
        ["dispatch"] = ["department", "note"],
        ["approve-dispatch"] = ["approve", "department", "note"],
        ["sign"] = [],
        ["return"] = ["reason"],
        ["return-to-source"] = ["reason"],
        ["request-extension"] = ["until", "reason"],
        ["decide-extension"] = ["approve", "note"],
        ["report-result"] = ["result", "measures", "accountability", "compensation"],
        ["record-callback"] = ["outcome", "satisfaction", "redispatchTo", "escalate", "note"],
        ["supervise"] = ["note"],
        ["flag"] = ["flags", "responsible", "note"],
    };

    public string? Category { get; set; }
    public string? Kind { get; set; }
    public string? Note { get; set; }
    public string? Reason { get; set; }
    public string? Reply { get; set; }
    public bool CustomerAccepted { get; set; }
    public string? Department { get; set; }

    /// <summary>"true" or "false": a leader's or supervisor's decision.</summary>
    public string Approve { get; set; } = "true";

    /// <summary>China time, as the handler reads the clock.</summary>
    public DateTime? Until { get; set; }

    public string? Result { get; set; }
    public string? Measures { get; set; }
    public string? Accountability { get; set; }
    public string? Compensation { get; set; }
    public string Outcome { get; set; } = "reached";
    public string? Satisfaction { get; set; }
    public string? RedispatchTo { get; set; }
    public bool Escalate { get; set; }
    public bool Threat { get; set; }
    public string? Responsible { get; set; }

    /// <summary>The request of <paramref name="route"/>; null for a route this form does not know (a later table entry).</summary>
    public CaseActionRequest? ToRequest(string route) => route switch
    {
        "accept" => new AcceptRequest(Empty(Category), Empty(Note), Empty(Kind)),
        "reclassify" => new ReclassifyRequest(Empty(Kind), Empty(Category), Note: Empty(Note)),
        "reject" => new RejectRequest(Reason),
        "answer" => new AnswerRequest(Reply, CustomerAccepted),
        "dispatch" => new DispatchRequest(Empty(Department), Empty(Note)),
        "approve-dispatch" => new ApproveDispatchRequest(Empty(Note), Approve == "true") { Department = Empty(Department) },
        "sign" => new SignRequest(),
        "return" => new ReturnRequest(Reason),
        "return-to-source" => new ReturnToSourceRequest(Reason),
        "request-extension" => new RequestExtensionRequest(
            Until is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Unspecified), ChinaTime.Offset) : null, Reason),
        "decide-extension" => new DecideExtensionRequest(Approve == "true", Empty(Note)),
        "report-result" => new ReportResultRequest(Result, Empty(Measures), Empty(Accountability), Empty(Compensation)),
        "record-callback" => new RecordCallbackRequest(Empty(Satisfaction), Empty(Note))
        {
            Outcome = Outcome,
            RedispatchTo = Empty(RedispatchTo),
            Escalate = Escalate,
        },
        "supervise" => new SuperviseRequest(Note),
        "flag" => new FlagRequest(Threat ? ["threat"] : [], Empty(Responsible), Empty(Note)),
        _ => null,
    };

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
