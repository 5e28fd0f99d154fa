using System.Globalization;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Complaints.Api;

/// <param name="Provisional">True in a year without an official schedule: counted as weekends only until it is loaded.</param>
public sealed record CalendarDayResponse(string Date, bool Workday, string? Note, bool Provisional);

/// <param name="Provisional">True when working days were counted in a year without an official schedule.</param>
public sealed record DeadlineResponse(DateTimeOffset From, string Duration, DateTimeOffset DueAt, bool Provisional);

public sealed record ScheduleDayInput(string? Name, string? Date, bool? IsOffDay);

/// <summary>
/// A year's official schedule (国务院办公厅 holiday notice): days off and make-up workdays. It is also the holiday-cn
/// file's shape (<c>{ "$schema", "$id", "year", "papers", "days" }</c>): other properties are ignored, and
/// <c>papers</c>, the notices' addresses, are kept as the year's source.
/// </summary>
public sealed record CalendarYearInput(int? Year, List<ScheduleDayInput?>? Days, List<string?>? Papers);

/// <param name="Papers">The notices the schedule was taken from, as loaded; empty for a built-in year or none given.</param>
public sealed record CalendarYearResponse(int Year, bool Official, IReadOnlyList<ScheduleDay> Days, IReadOnlyList<string> Papers);

internal static class CalendarApi
{
    private const int MaxDays = 3 * 366;
    private const int MaxNameLength = 100;
    private const int MaxPapers = 20;
    private const int MaxPaperLength = 500;

    public static void MapCalendarApi(this RouteGroupBuilder tenant, IEndpointRouteBuilder app)
    {
        var calendar = tenant.MapGroup("/calendar").WithTags("calendar");
        calendar.MapGet("/days", Days)
            .Produces<IReadOnlyList<CalendarDayResponse>>()
            .WithSummary("One entry per date: working day or not, and why (holiday name, weekend, make-up workday).");
        calendar.MapGet("/deadline", Deadline)
            .Produces<DeadlineResponse>()
            .WithSummary("The deadline the clocks would compute: from + workingDays | hours | minutes | days.");

        // Platform-wide: a year's schedule moves every tenant's deadlines, so only the platform operator loads one.
        var years = app.MapGroup("/api/v1/calendar/years").WithTags("calendar").RequireAuthorization(ApiModule.OperatorPolicy);
        years.MapPut("/{year:int}", LoadYear)
            .Accepts<CalendarYearInput>("application/json")
            .Produces<CalendarYearResponse>()
            .ProducesValidationProblem()
            .WithSummary("Load a new year's official schedule without a release (operator).");
        years.MapPost("/{year:int}/import", ImportYear)
            .Accepts<CalendarYearInput>("application/json")
            .Produces<CalendarYearResponse>()
            .ProducesValidationProblem()
            .WithSummary("Load a year from the holiday-cn file as published ({ $schema, $id, year, papers, days }), sent as the JSON body (operator).");
        years.MapGet("/{year:int}", (int year, WorkingDayCalendar cal, ICalendarYears stored) =>
            TypedResults.Ok(new CalendarYearResponse(
                year,
                cal.IsOfficial(year),
                cal.ScheduleOf(year),
                stored.Load().TryGetValue(year, out var json) ? StoredCalendarYear.Parse(json).Papers : [])))
            .WithSummary("The schedule in force for a year and the notices it came from (operator).");
    }

    private static IResult Days(string? from, string? to, WorkingDayCalendar calendar)
    {
        if (!TryDate(from, out var start))
        {
            return ApiResults.Invalid("from", new Text(TextKeys.Input.Date, "2026-01-01"));
        }

        if (!TryDate(to, out var end))
        {
            return ApiResults.Invalid("to", new Text(TextKeys.Input.Date, "2026-12-31"));
        }

        if (end < start || end.DayNumber - start.DayNumber >= MaxDays)
        {
            return ApiResults.Invalid("to", new Text(TextKeys.Calendar.Range, MaxDays));
        }

        return TypedResults.Ok(calendar.Days(start, end)
            .Select(d => new CalendarDayResponse(d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Workday, d.Note, CalendarCoverage.IsProvisional(calendar, d.Date)))
            .ToList());
    }

    private static IResult Deadline(string tenant, string? from, string? workingDays, string? hours, string? minutes, string? days, WorkingDayCalendar calendar, TenantDirectory tenants)
    {
        if (from is null || !DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return ApiResults.Invalid("from", new Text(TextKeys.Input.DateTimeWithOffset, "2026-09-30T16:00:00+08:00"));
        }

        var given = new (string Name, string? Value, DurationUnit Unit)[]
        {
            ("workingDays", workingDays, DurationUnit.WorkingDays), ("hours", hours, DurationUnit.Hours), ("minutes", minutes, DurationUnit.Minutes), ("days", days, DurationUnit.Days),
        }.Where(g => g.Value is not null).ToList();
        if (given.Count != 1)
        {
            return ApiResults.Invalid("workingDays", new Text(TextKeys.Calendar.OneDuration));
        }

        var (name, value, unit) = given[0];
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount is < 1 or > 10_000)
        {
            return ApiResults.Invalid(name, new Text(TextKeys.Input.WholeNumberBetween, 1, 10_000));
        }

        var duration = new SlaDuration(unit, amount);
        var due = Deadlines.DueAt(start, duration, calendar, tenants.Find(tenant)?.WorkdayEnd);
        return TypedResults.Ok(new DeadlineResponse(start, duration.ToString(), due, CalendarCoverage.IsProvisional(calendar, start, duration, due)));
    }

    private static Task<IResult> LoadYear(int year, HttpRequest request, WorkingDayCalendar calendar, ICalendarYears years, IOptions<JsonOptions> json) =>
        LoadAsync(year, yearRequired: false, request, calendar, years, json);

    /// <summary>The holiday-cn file names its year, so the import requires it; otherwise it is the PUT.</summary>
    private static Task<IResult> ImportYear(int year, HttpRequest request, WorkingDayCalendar calendar, ICalendarYears years, IOptions<JsonOptions> json) =>
        LoadAsync(year, yearRequired: true, request, calendar, years, json);

    private static async Task<IResult> LoadAsync(int year, bool yearRequired, HttpRequest request, WorkingDayCalendar calendar, ICalendarYears years, IOptions<JsonOptions> json)
    {
        var (body, error) = await ApiResults.ReadBodyAsync<CalendarYearInput>(request, json.Value.SerializerOptions);
        if (error is not null)
        {
            return error;
        }

        if (body!.Year is { } bodyYear && bodyYear != year)
        {
            return ApiResults.Invalid("year", new Text(TextKeys.Calendar.YearMismatch, bodyYear, year));
        }

        if (yearRequired && body.Year is null)
        {
            return ApiResults.Invalid("year", new Text(TextKeys.Calendar.YearRequired, year));
        }

        if (year is < 2000 or > 2100)
        {
            return ApiResults.Invalid("year", new Text(TextKeys.Calendar.Year, 2000, 2100));
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
            return ApiResults.Invalid("days", new Text(TextKeys.Calendar.Schedule, exception.Message));
        }

        await years.SaveAsync(year, new StoredCalendarYear(days!, papers!).Serialize(), request.HttpContext.RequestAborted);
        calendar.LoadYear(year, days!);
        return TypedResults.Ok(new CalendarYearResponse(year, true, calendar.ScheduleOf(year), papers!));
    }

    /// <summary>The days as the calendar takes them, or a 400 naming the first entry's field at fault.</summary>
    private static (List<ScheduleDay>? Days, IResult? Error) ScheduleOf(int year, List<ScheduleDayInput?>? input)
    {
        if (input is not { Count: > 0 })
        {
            return (null, ApiResults.Invalid("days", new Text(TextKeys.Calendar.Days)));
        }

        if (input.Count > 366)
        {
            return (null, ApiResults.Invalid("days", new Text(TextKeys.Calendar.TooManyEntries, 366)));
        }

        var days = new List<ScheduleDay>(input.Count);
        var seen = new Dictionary<DateOnly, int>();
        for (var i = 0; i < input.Count; i++)
        {
            if (input[i] is not { } d)
            {
                return (null, ApiResults.Invalid($"days[{i}]", new Text(TextKeys.Calendar.EntryRequired)));
            }

            if (string.IsNullOrWhiteSpace(d.Name))
            {
                return (null, ApiResults.Invalid($"days[{i}].name", new Text(TextKeys.Calendar.HolidayName)));
            }

            var name = d.Name.Trim();
            if (name.Length > MaxNameLength)
            {
                return (null, ApiResults.Invalid($"days[{i}].name", new Text(TextKeys.Input.TooLong, MaxNameLength)));
            }

            if (name.Any(char.IsControl))
            {
                return (null, ApiResults.Invalid($"days[{i}].name", new Text(TextKeys.Calendar.NoControlCharacters)));
            }

            if (!TryDate(d.Date, out var date))
            {
                return (null, ApiResults.Invalid($"days[{i}].date", new Text(TextKeys.Input.Date, $"{year}-02-06")));
            }

            if (date.Year != year)
            {
                return (null, ApiResults.Invalid($"days[{i}].date", new Text(TextKeys.Calendar.DateOutsideYear, d.Date, year)));
            }

            if (seen.TryGetValue(date, out var first))
            {
                return (null, ApiResults.Invalid($"days[{i}].date", new Text(TextKeys.Calendar.DateRepeated, d.Date, $"days[{first}]")));
            }

            if (d.IsOffDay is not { } off)
            {
                return (null, ApiResults.Invalid($"days[{i}].isOffDay", new Text(TextKeys.Calendar.IsOffDay)));
            }

            seen[date] = i;
            days.Add(new ScheduleDay(name, date, off));
        }

        return (days, null);
    }

    /// <summary>The notices' addresses (absolute http or https), or a 400 naming the entry at fault.</summary>
    private static (List<string>? Papers, IResult? Error) PapersOf(List<string?>? input)
    {
        if (input is null)
        {
            return ([], null);
        }

        if (input.Count > MaxPapers)
        {
            return (null, ApiResults.Invalid("papers", new Text(TextKeys.Calendar.TooManyEntries, MaxPapers)));
        }

        var papers = new List<string>(input.Count);
        for (var i = 0; i < input.Count; i++)
        {
            var paper = input[i]?.Trim();
            if (paper is not { Length: > 0 and <= MaxPaperLength }
                || paper.Any(char.IsControl)
                || !Uri.TryCreate(paper, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return (null, ApiResults.Invalid($"papers[{i}]", new Text(TextKeys.Calendar.PaperAddress, MaxPaperLength)));
            }

            papers.Add(paper);
        }

        return (papers, null);
    }

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
