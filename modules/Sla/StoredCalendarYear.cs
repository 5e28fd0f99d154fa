using System.Text.Json;

namespace Complaints.Sla;

/// <summary>
/// A loaded year as stored: its schedule and the notices it was taken from (<c>papers</c>, the State Council
/// notice's address in the holiday-cn file), so an administrator can see where a year came from.
/// </summary>
public sealed record StoredCalendarYear(IReadOnlyList<ScheduleDay> Days, IReadOnlyList<string> Papers)
{
    /// <summary>The stored form's JSON options (web: camelCase names, dates as yyyy-MM-dd).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The stored form. Without papers it is the bare list of days, the form earlier releases stored and read, so a
    /// year loaded without a source stays readable by them; with papers, <c>{ days, papers }</c>.
    /// </summary>
    public string Serialize() =>
        Papers.Count == 0 ? JsonSerializer.Serialize(Days, Json) : JsonSerializer.Serialize(this, Json);

    /// <summary>Reads either stored form (<see cref="Serialize"/>).</summary>
    public static StoredCalendarYear Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.TrimStart().StartsWith('[')
            ? new StoredCalendarYear(JsonSerializer.Deserialize<List<ScheduleDay>>(json, Json)!, [])
            : JsonSerializer.Deserialize<StoredCalendarYear>(json, Json)!;
    }
}
