using System.Reflection;
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

    /// <summary>
    /// Each event type under the constant of <see cref="CaseEventTypes"/> or <see cref="ClockEventTypes"/> named like
    /// the type: the names are declared once, beside the events.
    /// </summary>
    private static readonly Dictionary<Type, string> Names = NamesOf([typeof(CaseEventTypes), typeof(ClockEventTypes)]);

    private static readonly Dictionary<string, Type> Types = Names.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Every event type with its stored name.</summary>
    public static IReadOnlyDictionary<Type, string> All => Names;

    public static string NameOf(CaseEvent e) => NameOf(e.GetType());

    /// <summary>A static class's string constants, name → value, in declaration order.</summary>
    public static IReadOnlyDictionary<string, string> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .OrderBy(f => f.MetadataToken)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

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

    private static Dictionary<Type, string> NamesOf(Type[] owners)
    {
        var names = owners.SelectMany(o => ConstantsOf(o)).ToDictionary(p => p.Key, p => p.Value);
        return typeof(CaseEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CaseEvent)) && !t.IsAbstract && names.ContainsKey(t.Name))
            .ToDictionary(t => t, t => names[t.Name]);
    }
}
