using System.Globalization;
using Complaints.Texts;
using Microsoft.AspNetCore.Http;

namespace Complaints.Api;

/// <summary>
/// The period a report covers as the query string gives it (statistics, scorecards, hot spots read it alike): both
/// China dates required, in the date window, <c>to</c> not before <c>from</c>, at most a year; refused naming the field.
/// The workbench's report pages check their period picker's dates with the same rule (<see cref="Problem"/>).
/// </summary>
public static class ReportPeriods
{
    /// <summary>The longest period: a year, leap years included.</summary>
    public const int MaxDays = 366;

    public static bool TryRead(string? from, string? to, out DateOnly first, out DateOnly last, out IResult? problem)
    {
        last = default;
        if (!TryDate("from", from, "2026-11-01", out first, out problem) || !TryDate("to", to, "2026-11-30", out last, out problem))
        {
            return false;
        }

        problem = Problem(first, last) is { } refused ? ApiResults.Invalid(refused.Field, refused.Text) : null;
        return problem is null;
    }

    /// <summary>What is wrong with the period [<paramref name="first"/>, <paramref name="last"/>] and which field says it, or null.</summary>
    public static (string Field, Text Text)? Problem(DateOnly first, DateOnly last) =>
        InputDates.Problem(first) is { } early ? ("from", early)
            : InputDates.Problem(last) is { } late ? ("to", late)
            : last < first ? ("to", new Text(TextKeys.Statistics.ToBeforeFrom, Day(last), Day(first)))
            : last.DayNumber - first.DayNumber + 1 > MaxDays ? ("to", new Text(TextKeys.Statistics.TooLong, MaxDays))
            : null;

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryDate(string field, string? text, string example, out DateOnly date, out IResult? problem)
    {
        date = default;
        problem = text is null
            ? ApiResults.Invalid(field, new Text(TextKeys.Input.Required))
            : !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
                ? ApiResults.Invalid(field, new Text(TextKeys.Input.Date, example))
                : InputDates.Problem(date) is { } outside ? ApiResults.Invalid(field, outside) : null;
        return problem is null;
    }
}
