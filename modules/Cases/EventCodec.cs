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
        [typeof(Registered)] = CaseEventTypes.Registered,
        [typeof(Accepted)] = CaseEventTypes.Accepted,
        [typeof(Rejected)] = CaseEventTypes.Rejected,
        [typeof(Answered)] = CaseEventTypes.Answered,
        [typeof(Dispatched)] = CaseEventTypes.Dispatched,
        [typeof(DispatchApproved)] = CaseEventTypes.DispatchApproved,
        [typeof(Signed)] = CaseEventTypes.Signed,
        [typeof(Returned)] = CaseEventTypes.Returned,
        [typeof(ExtensionRequested)] = CaseEventTypes.ExtensionRequested,
        [typeof(ExtensionDecided)] = CaseEventTypes.ExtensionDecided,
        [typeof(ResultReported)] = CaseEventTypes.ResultReported,
        [typeof(CallbackRecorded)] = CaseEventTypes.CallbackRecorded,
        [typeof(Redispatched)] = CaseEventTypes.Redispatched,
        [typeof(Closed)] = CaseEventTypes.Closed,
        [typeof(Supervised)] = CaseEventTypes.Supervised,
        [typeof(ContactViewed)] = CaseEventTypes.ContactViewed,
        [typeof(Recomplained)] = CaseEventTypes.Recomplained,
        [typeof(ClockStarted)] = "clock-started",
        [typeof(ClockRescheduled)] = "clock-rescheduled",
        [typeof(ClockWarned)] = "clock-warned",
        [typeof(ClockBreached)] = "clock-breached",
        [typeof(ClockStopped)] = "clock-stopped",
    };

    private static readonly Dictionary<string, Type> Types = Names.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Every event type with its stored name.</summary>
    public static IReadOnlyDictionary<Type, string> All => Names;

    public static string NameOf(CaseEvent e) => NameOf(e.GetType());

    public static string NameOf(Type eventType) =>
        Names.TryGetValue(eventType, out var name) ? name : throw new InvalidOperationException($"'{eventType.Name}' has no name in {nameof(EventCodec)}.");

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
