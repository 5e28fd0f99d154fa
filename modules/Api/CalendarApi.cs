using System.Globalization;
using System.Text.Json;
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

public sealed record CalendarDayResponse(string Date, bool Workday, string? Note);

public sealed record DeadlineResponse(DateTimeOffset From, string Duration, DateTimeOffset DueAt);

public sealed record ScheduleDayInput(string? Name, string? Date, bool? IsOffDay);

/// <summary>A year's official schedule (国务院办公厅 holiday notice): days off and make-up workdays.</summary>
public sealed record CalendarYearInput(int? Year, List<ScheduleDayInput>? Days);

public sealed record CalendarYearResponse(int Year, bool Official, IReadOnlyList<ScheduleDay> Days);

internal static class CalendarApi
{
    private const int MaxDays = 3 * 366;

    public static void MapCalendarApi(this RouteGroupBuilder tenant, IEndpointRouteBuilder app)
    {
        var calendar = tenant.MapGroup("/calendar").WithTags("calendar");
        calendar.MapGet("/days", Days)
            .Produces<IReadOnlyList<CalendarDayResponse>>()
            .WithSummary("One entry per date: working day or not, and why (holiday name, weekend, make-up workday).");
        calendar.MapGet("/deadline", Deadline)
            .Produces<DeadlineResponse>()
            .WithSummary("The deadline the clocks would compute: from + workingDays | hours | minutes | days.");

        var years = app.MapGroup("/api/v1/calendar/years").WithTags("calendar").RequireAuthorization(ApiModule.AdminPolicy);
        years.MapPut("/{year:int}", LoadYear)
            .Accepts<CalendarYearInput>("application/json")
            .Produces<CalendarYearResponse>()
            .ProducesValidationProblem()
            .WithSummary("Load a new year's official schedule without a release (admin).");
        years.MapGet("/{year:int}", (int year, WorkingDayCalendar cal) =>
            TypedResults.Ok(new CalendarYearResponse(year, cal.IsOfficial(year), cal.ScheduleOf(year))))
            .WithSummary("The schedule in force for a year (admin).");
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

        return TypedResults.Ok(calendar.Days(start, end).Select(d => new CalendarDayResponse(d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Workday, d.Note)).ToList());
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
        return TypedResults.Ok(new DeadlineResponse(start, duration.ToString(), due));
    }

    private static async Task<IResult> LoadYear(int year, HttpRequest request, WorkingDayCalendar calendar, ICalendarYears years, IOptions<JsonOptions> json)
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

        if (year is < 2000 or > 2100)
        {
            return ApiResults.Invalid("year", new Text(TextKeys.Calendar.Year, 2000, 2100));
        }

        if (body.Days is not { Count: > 0 } input)
        {
            return ApiResults.Invalid("days", new Text(TextKeys.Calendar.Days));
        }

        var days = new List<ScheduleDay>(input.Count);
        for (var i = 0; i < input.Count; i++)
        {
            var d = input[i];
            if (string.IsNullOrWhiteSpace(d.Name))
            {
                return ApiResults.Invalid($"days[{i}].name", new Text(TextKeys.Calendar.HolidayName));
            }

            if (!TryDate(d.Date, out var date))
            {
                return ApiResults.Invalid($"days[{i}].date", new Text(TextKeys.Input.Date, "2027-02-06"));
            }

            if (d.IsOffDay is not { } off)
            {
                return ApiResults.Invalid($"days[{i}].isOffDay", new Text(TextKeys.Calendar.IsOffDay));
            }

            days.Add(new ScheduleDay(d.Name.Trim(), date, off));
        }

        try
        {
            WorkingDayCalendar.WeekendsOnly().LoadYear(year, days); // checks the whole year before anything changes
        }
        catch (ArgumentException exception)
        {
            return ApiResults.Invalid("days", new Text(TextKeys.Calendar.Schedule, exception.Message));
        }

        await years.SaveAsync(year, JsonSerializer.Serialize(days, CalendarJson), request.HttpContext.RequestAborted);
        calendar.LoadYear(year, days);
        return TypedResults.Ok(new CalendarYearResponse(year, true, calendar.ScheduleOf(year)));
    }

    /// <summary>The stored form of a loaded year; the grains' calendar reads the same form at start-up.</summary>
    private static readonly JsonSerializerOptions CalendarJson = new(JsonSerializerDefaults.Web);

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
