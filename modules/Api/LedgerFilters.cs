using System.Globalization;
using System.Security.Claims;
using Complaints.Grains;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Texts;
using Microsoft.AspNetCore.Http;

namespace Complaints.Api;

/// <summary>
/// The ledger's filters as the query string gives them (the list and its Excel export read them the same way): each
/// checked and refused naming its field, and a department handler held to its own department.
/// </summary>
internal static class LedgerFilters
{
    public static bool TryRead(
        string tenant,
        ClaimsPrincipal user,
        string? status,
        string? department,
        string? category,
        string? channel,
        string? overdue,
        string? from,
        string? to,
        string? q,
        out LedgerQuery query,
        out IResult? problem)
    {
        query = new LedgerQuery { Tenant = tenant };
        problem = null;
        foreach (var (name, value, limit) in new[]
        {
            ("status", status, InputLimits.Identifier), ("department", department, InputLimits.Identifier), ("category", category, InputLimits.Identifier),
            ("channel", channel, InputLimits.Identifier), ("q", q, InputLimits.SearchText),
        })
        {
            if (InputText.Problem(value, limit) is { } text)
            {
                problem = ApiResults.Invalid(name, text);
                return false;
            }
        }

        if (status is not null && !CaseStatuses.All.Contains(status))
        {
            problem = ApiResults.Invalid("status", new Text(TextKeys.Input.Unknown, status, string.Join(", ", CaseStatuses.All)));
            return false;
        }

        bool? overdueFilter = null;
        if (overdue is not null)
        {
            if (!bool.TryParse(overdue, out var o))
            {
                problem = ApiResults.Invalid("overdue", new Text(TextKeys.Input.Boolean));
                return false;
            }

            overdueFilter = o;
        }

        if (!TryTime(from, out var fromTime))
        {
            problem = ApiResults.Invalid("from", new Text(TextKeys.Input.DateOrDateTime, "2026-10-01", "2026-10-01T08:00:00+08:00"));
            return false;
        }

        if (!TryTime(to, out var toTime))
        {
            problem = ApiResults.Invalid("to", new Text(TextKeys.Input.DateOrDateTime, "2026-10-31", "2026-10-31T18:00:00+08:00"));
            return false;
        }

        if (InputDates.Problem(fromTime) is { } early)
        {
            problem = ApiResults.Invalid("from", early);
            return false;
        }

        if (InputDates.Problem(toTime) is { } late)
        {
            problem = ApiResults.Invalid("to", late);
            return false;
        }

        // A department handler sees only its own department's cases.
        if (user.IsHandler())
        {
            department = user.Actor().Department;
        }

        query = new LedgerQuery
        {
            Tenant = tenant,
            Status = status,
            Department = department,
            Category = category,
            Channel = channel,
            Overdue = overdueFilter,
            From = fromTime,
            To = toTime is { } t && to is { Length: 10 } ? t.AddDays(1) : toTime,
            Text = q,
        };
        return true;
    }

    /// <summary>A bare date means that day in China Standard Time.</summary>
    private static bool TryTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // Outside the window the day may not even have a start at +08:00 (0001-01-01); refused below by the window.
            value = InputDates.InWindow(date) ? ChinaTime.StartOf(date) : DateTimeOffset.MinValue;
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            value = time;
            return true;
        }

        return false;
    }
}
