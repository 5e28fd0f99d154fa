using System.Text.Json;
using System.Text.Json.Serialization;

namespace Complaints.Cases;

/// <summary>Names and JSON of case events, as stored and as shown in a case's history.</summary>
public static class EventCodec
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(Registered)] = "registered",
        [typeof(Accepted)] = "accepted",
        [typeof(Rejected)] = "rejected",
        [typeof(Answered)] = "answered",
        [typeof(Dispatched)] = "dispatched",
        [typeof(DispatchApproved)] = "dispatch-approved",
        [typeof(Signed)] = "signed",
        [typeof(Returned)] = "returned",
        [typeof(ExtensionRequested)] = "extension-requested",
        [typeof(ExtensionDecided)] = "extension-decided",
        [typeof(ResultReported)] = "result-reported",
        [typeof(CallbackRecorded)] = "callback-recorded",
        [typeof(Redispatched)] = "redispatched",
        [typeof(Closed)] = "closed",
        [typeof(Supervised)] = "supervised",
        [typeof(ContactViewed)] = "contact-viewed",
        [typeof(Recomplained)] = "recomplained",
        [typeof(ClockStarted)] = "clock-started",
        [typeof(ClockRescheduled)] = "clock-rescheduled",
        [typeof(ClockWarned)] = "clock-warned",
        [typeof(ClockBreached)] = "clock-breached",
        [typeof(ClockStopped)] = "clock-stopped",
    };

    private static readonly Dictionary<string, Type> Types = Names.ToDictionary(p => p.Value, p => p.Key);

    public static string NameOf(CaseEvent e) => Names[e.GetType()];

    public static string Serialize(CaseEvent e) => JsonSerializer.Serialize(e, e.GetType(), Json);

    public static CaseEvent Deserialize(string type, DateTimeOffset at, string actor, string data)
    {
        if (!Types.TryGetValue(type, out var clrType))
        {
            throw new InvalidDataException($"Unknown case event type '{type}'.");
        }

        var e = (CaseEvent)(JsonSerializer.Deserialize(data, clrType, Json) ?? throw new InvalidDataException($"Empty '{type}' event."));
        return e with { At = at, Actor = actor };
    }
}
