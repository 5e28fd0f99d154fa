using System.Text.Json;
using Complaints.Sla;
using Complaints.Storage;

namespace Complaints.Grains;

/// <summary>The working-day calendar with the years an administrator loaded at run time (kept in storage).</summary>
public static class PlatformCalendar
{
    /// <summary>The JSON options of the stored form (<see cref="StoredCalendarYear"/>).</summary>
    public static JsonSerializerOptions Json => StoredCalendarYear.Json;

    public static WorkingDayCalendar Load(ICalendarYears years)
    {
        var calendar = new WorkingDayCalendar();
        foreach (var (year, json) in years.Load())
        {
            calendar.LoadYear(year, StoredCalendarYear.Parse(json).Days);
        }

        return calendar;
    }
}
