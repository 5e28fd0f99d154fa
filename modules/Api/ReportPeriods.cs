using System.Globalization;
using Complaints.Texts;
using Microsoft.AspNetCore.Http;

namespace Complaints.Api;

/// <summary>
/// The period a report covers as the query string gives it (statistics, scorecards, hot spots read it alike): both
/// China dates required, in the date window, <c>to</c> not before <c>from</c>, at most a year; refused naming the field.
/// </summary>
internal static class ReportPeriods
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

        problem = last < first ? ApiResults.Invalid("to", new Text(TextKeys.Statistics.ToBeforeFrom, to!, from!))
            : last.DayNumber - first.DayNumber + 1 > MaxDays ? ApiResults.Invalid("to", new Text(TextKeys.Statistics.TooLong, MaxDays))
            : null;
        return problem is null;
    }

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
