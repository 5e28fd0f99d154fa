using System.Text.Json;
using Complaints.Sla;
using Complaints.Storage;

namespace Complaints.Grains;

/// <summary>The working-day calendar with the years an administrator loaded at run time (kept in storage).</summary>
public static class PlatformCalendar
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WorkingDayCalendar Load(ICalendarYears years)
    {
        var calendar = new WorkingDayCalendar();
        foreach (var (year, json) in years.Load())
        {
            calendar.LoadYear(year, JsonSerializer.Deserialize<List<ScheduleDay>>(json, Json)!);
        }

        return calendar;
    }
}
