using Complaints.Sla;
using Complaints.Storage;
using Complaints.Texts;

namespace Complaints.Api;

/// <summary>A year's schedule loaded (<see cref="Year"/>), or refused: the field at fault and why.</summary>
public sealed record CalendarLoad(CalendarYearResponse? Year, string? Field = null, Text? Message = null);

/// <summary>
/// Loads and shows the official calendar years (platform-wide, the operator's): the one copy of the checks, read by
/// <c>/api/v1/calendar/years/*</c> and the workbench's <c>/admin/calendar</c> alike. A loaded year is stored, then put
/// into the calendar every clock counts working days with.
/// </summary>
public sealed class CalendarYearLoader(WorkingDayCalendar calendar, ICalendarYears years)
{
    private const int MaxPapers = 20;

    /// <summary>The schedule in force for <paramref name="year"/> and the notices it came from.</summary>
    public CalendarYearResponse View(int year) =>
        new(year, calendar.IsOfficial(year), calendar.ScheduleOf(year), years.Load().TryGetValue(year, out var json) ? StoredCalendarYear.Parse(json).Papers : []);

    /// <param name="yearRequired">The holiday-cn file names its year, so its import requires it.</param>
    public async Task<CalendarLoad> LoadAsync(int year, bool yearRequired, CalendarYearInput body, CancellationToken cancellationToken = default)
    {
        if (body.Year is { } bodyYear && bodyYear != year)
        {
            return Refuse("year", new Text(TextKeys.Calendar.YearMismatch, bodyYear, year));
        }

        if (yearRequired && body.Year is null)
        {
            return Refuse("year", new Text(TextKeys.Calendar.YearRequired, year));
        }

        if (!InputDates.InWindow(year))
        {
            return Refuse("year", new Text(TextKeys.Calendar.Year, InputDates.Earliest.Year, InputDates.Latest.Year));
        }

        var (days, invalid) = ScheduleOf(year, body.Days);
        if (invalid is not null)
        {
            return invalid;
        }

        var (papers, invalidPaper) = PapersOf(body.Papers);
        if (invalidPaper is not null)
        {
            return invalidPaper;
        }

        try
        {
            WorkingDayCalendar.WeekendsOnly().LoadYear(year, days!); // the calendar's own checks, before anything changes
        }
        catch (ArgumentException exception)
        {
            return Refuse("days", new Text(TextKeys.Calendar.Schedule, exception.Message));
        }

        await years.SaveAsync(year, new StoredCalendarYear(days!, papers!).Serialize(), cancellationToken);
        calendar.LoadYear(year, days!);
        return new CalendarLoad(new CalendarYearResponse(year, true, calendar.ScheduleOf(year), papers!));
    }

    private static CalendarLoad Refuse(string field, Text message) => new(null, field, message);

    /// <summary>The days as the calendar takes them, or a 400 naming the first entry's field at fault.</summary>
    private static (List<ScheduleDay>? Days, CalendarLoad? Error) ScheduleOf(int year, List<ScheduleDayInput?>? input)
    {
        if (input is not { Count: > 0 })
        {
            return (null, Refuse("days", new Text(TextKeys.Calendar.Days)));
        }

        if (input.Count > 366)
        {
            return (null, Refuse("days", new Text(TextKeys.Calendar.TooManyEntries, 366)));
        }

        var days = new List<ScheduleDay>(input.Count);
        var seen = new Dictionary<DateOnly, int>();
        for (var i = 0; i < input.Count; i++)
        {
            if (input[i] is not { } d)
            {
                return (null, Refuse($"days[{i}]", new Text(TextKeys.Calendar.EntryRequired)));
            }

            if (string.IsNullOrWhiteSpace(d.Name))
            {
                return (null, Refuse($"days[{i}].name", new Text(TextKeys.Calendar.HolidayName)));
            }

            var name = d.Name.Trim();
            if (InputText.Problem(name, InputLimits.HolidayName) is { } badName)
            {
                return (null, Refuse($"days[{i}].name", badName));
            }

            if (!CalendarApi.TryDate(d.Date, out var date))
            {
                return (null, Refuse($"days[{i}].date", new Text(TextKeys.Input.Date, $"{year}-02-06")));
            }

            if (date.Year != year)
            {
                return (null, Refuse($"days[{i}].date", new Text(TextKeys.Calendar.DateOutsideYear, d.Date, year)));
            }

            if (seen.TryGetValue(date, out var first))
            {
                return (null, Refuse($"days[{i}].date", new Text(TextKeys.Calendar.DateRepeated, d.Date, $"days[{first}]")));
            }

            if (d.IsOffDay is not { } off)
            {
                return (null, Refuse($"days[{i}].isOffDay", new Text(TextKeys.Calendar.IsOffDay)));
            }

            seen[date] = i;
            days.Add(new ScheduleDay(name, date, off));
        }

        return (days, null);
    }

    /// <summary>The notices' addresses (absolute http or https), or a 400 naming the entry at fault.</summary>
    private static (List<string>? Papers, CalendarLoad? Error) PapersOf(List<string?>? input)
    {
        if (input is null)
        {
            return ([], null);
        }

        if (input.Count > MaxPapers)
        {
            return (null, Refuse("papers", new Text(TextKeys.Calendar.TooManyEntries, MaxPapers)));
        }

        var papers = new List<string>(input.Count);
        for (var i = 0; i < input.Count; i++)
        {
            if (InputText.Problem(input[i], InputLimits.PaperAddress) is { } badPaper)
            {
                return (null, Refuse($"papers[{i}]", badPaper));
            }

            var paper = input[i]?.Trim();
            if (paper is not { Length: > 0 }
                || !Uri.TryCreate(paper, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return (null, Refuse($"papers[{i}]", new Text(TextKeys.Calendar.PaperAddress, InputLimits.PaperAddress.MaxLength)));
            }

            papers.Add(paper);
        }

        return (papers, null);
    }
}
