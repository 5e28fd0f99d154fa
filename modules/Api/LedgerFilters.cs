using System.Globalization;
using System.Security.Claims;
using Complaints.Grains;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Texts;
using Microsoft.AspNetCore.Http;

namespace Complaints.Api;

/// <summary>A filter refused: the field it names and why, in the reader's language when rendered.</summary>
public sealed record LedgerFilterRefusal(string Field, Text Message);

/// <summary>
/// The ledger's filters as the query string gives them (the list, its Excel export and the workbench's case list read
/// them the same way): each checked and refused naming its field, and a department handler held to its own department.
/// </summary>
public static class LedgerFilters
{
    internal static bool TryRead(
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
        var read = TryParse(tenant, user, status, department, category, channel, overdue, from, to, q, out query, out var refusal);
        problem = refusal is null ? null : ApiResults.Invalid(refusal.Field, refusal.Message);
        return read;
    }

    public static bool TryParse(
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
        out LedgerFilterRefusal? problem)
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
                problem = new LedgerFilterRefusal(name, text);
                return false;
            }
        }

        if (status is not null && !CaseStatuses.All.Contains(status))
        {
            problem = new LedgerFilterRefusal("status", new Text(TextKeys.Input.Unknown, status, string.Join(", ", CaseStatuses.All)));
            return false;
        }

        bool? overdueFilter = null;
        if (overdue is not null)
        {
            if (!bool.TryParse(overdue, out var o))
            {
                problem = new LedgerFilterRefusal("overdue", new Text(TextKeys.Input.Boolean));
                return false;
            }

            overdueFilter = o;
        }

        if (!TryTime(from, out var fromTime))
        {
            problem = new LedgerFilterRefusal("from", new Text(TextKeys.Input.DateOrDateTime, "2026-10-01", "2026-10-01T08:00:00+08:00"));
            return false;
        }

        if (!TryTime(to, out var toTime))
        {
            problem = new LedgerFilterRefusal("to", new Text(TextKeys.Input.DateOrDateTime, "2026-10-31", "2026-10-31T18:00:00+08:00"));
            return false;
        }

        if (InputDates.Problem(fromTime) is { } early)
        {
            problem = new LedgerFilterRefusal("from", early);
            return false;
        }

        if (InputDates.Problem(toTime) is { } late)
        {
            problem = new LedgerFilterRefusal("to", late);
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
