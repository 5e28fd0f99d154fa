using System.Globalization;
using System.Security.Claims;
using Complaints.Reports;
using Complaints.Reports.HotSpots;
using Complaints.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Complaints.Api;

/// <summary>The hot spots report (热点问题, seed 002) over HTTP: the period and thresholds read and checked here, the report built in Reports.</summary>
internal static class HotSpotsApi
{
    public static void MapHotSpotsApi(this RouteGroupBuilder tenant) =>
        tenant.MapGet("/reports/hotspots", HotSpots)
            .RequireAuthorization(ApiModule.PageLinkPolicy)
            .WithTags("reports")
            .Produces<HotSpotReport>()
            .Produces(StatusCodes.Status200OK, contentType: SpreadsheetResult.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Hot spots of a period: the same category at the same place within the window, repeat complainants (phones masked), the top terms of the contents; each with its cases. format=xlsx for Excel.");

    private static async Task<IResult> HotSpots(
        string tenant,
        ClaimsPrincipal user,
        HotSpotReports reports,
        string? from,
        string? to,
        string? minCases,
        string? window,
        string? terms,
        string? format,
        CancellationToken cancellationToken)
    {
        if (!ReportPeriods.TryRead(from, to, out var first, out var last, out var problem))
        {
            return problem!;
        }

        if (!TryNumber("minCases", minCases, HotSpotOptions.DefaultMinCases, 2, 1000, out var least, out problem)
            || !TryNumber("window", window, HotSpotOptions.DefaultWindowDays, 1, ReportPeriods.MaxDays, out var days, out problem)
            || !TryNumber("terms", terms, HotSpotOptions.DefaultTerms, 1, 100, out var top, out problem))
        {
            return problem!;
        }

        if (InputText.Problem(format, InputLimits.Identifier) is { } unreadable)
        {
            return ApiResults.Invalid("format", unreadable);
        }

        if (format is not (null or "json" or "xlsx"))
        {
            return ApiResults.Invalid("format", new Text(TextKeys.Input.Unknown, format, "json, xlsx"));
        }

        // A department's handler sees its own department's cases; the desk and management the whole tenant.
        var department = ReportReaders.Scope(user);
        var report = await reports.BuildAsync(tenant, first, last, department, new HotSpotOptions(least, days, top), cancellationToken);
        if (format != "xlsx")
        {
            return TypedResults.Ok(report);
        }

        var culture = ApiResults.Reader;
        var name = $"{new Text(TextKeys.HotSpots.File).In(culture)}-{report.From}-{report.To}.xlsx";
        return new SpreadsheetResult(name, async (stream, token) =>
        {
            await using var workbook = await Workbook.CreateAsync(stream, token);
            await HotSpotReports.WriteSheetsAsync(workbook, report, culture, token);
            await workbook.FinishAsync(token);
        });
    }

    private static bool TryNumber(string field, string? text, int fallback, int min, int max, out int value, out IResult? problem)
    {
        problem = null;
        value = fallback;
        if (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < min || value > max))
        {
            problem = ApiResults.Invalid(field, new Text(TextKeys.Input.WholeNumberBetween, min, max));
        }

        return problem is null;
    }
}
