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
        years.MapGet("/{year:int}", (int year, CalendarYearLoader loader) => TypedResults.Ok(loader.View(year)))
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

        if (InputDates.Problem(start) is { } early)
        {
            return ApiResults.Invalid("from", early);
        }

        if (InputDates.Problem(end) is { } late)
        {
            return ApiResults.Invalid("to", late);
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

        if (InputDates.Problem(start) is { } outside)
        {
            return ApiResults.Invalid("from", outside);
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

    private static Task<IResult> LoadYear(int year, HttpRequest request, CalendarYearLoader loader, IOptions<JsonOptions> json) =>
        LoadAsync(year, yearRequired: false, request, loader, json);

    /// <summary>The holiday-cn file names its year, so the import requires it; otherwise it is the PUT.</summary>
    private static Task<IResult> ImportYear(int year, HttpRequest request, CalendarYearLoader loader, IOptions<JsonOptions> json) =>
        LoadAsync(year, yearRequired: true, request, loader, json);

    private static async Task<IResult> LoadAsync(int year, bool yearRequired, HttpRequest request, CalendarYearLoader loader, IOptions<JsonOptions> json)
    {
        var (body, error) = await ApiResults.ReadBodyAsync<CalendarYearInput>(request, json.Value.SerializerOptions);
        if (error is not null)
        {
            return error;
        }

        var load = await loader.LoadAsync(year, yearRequired, body!, request.HttpContext.RequestAborted);
        return load.Year is { } loaded ? TypedResults.Ok(loaded) : ApiResults.Invalid(load.Field!, load.Message!);
    }

    internal static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
