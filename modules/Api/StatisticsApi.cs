using System.Globalization;
using System.Security.Claims;
using Complaints.Reports;
using Complaints.Storage;
using Complaints.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Complaints.Api;

/// <summary>
/// <c>GET …/reports/statistics</c>: a period's figures by category, channel, department, kind, target or month, with the
/// previous period beside them, as JSON or .xlsx (docs/reports.md "Statistics"). A handler gets its own department's.
/// </summary>
internal static class StatisticsApi
{
    private static readonly string[] Formats = ["json", "xlsx"];

    public static void MapStatisticsApi(this RouteGroupBuilder tenant) =>
        tenant.MapGet("/reports/statistics", Statistics)
            .RequireAuthorization(ApiModule.PageLinkPolicy)
            .WithTags("reports")
            .Produces<StatisticsReport>()
            .Produces(StatusCodes.Status200OK, contentType: SpreadsheetResult.ContentType)
            .ProducesValidationProblem()
            .WithSummary("Statistics of the cases registered in [from, to] (China dates) by category, channel, department, kind, target or month, with the previous period; format=xlsx for Excel.");

    private static async Task<IResult> Statistics(
        string tenant, ClaimsPrincipal user, StatisticsReports reports, string? from, string? to, string? by, string? format, CancellationToken cancellationToken)
    {
        if (!ReportPeriods.TryRead(from, to, out var first, out var last, out var problem))
        {
            return problem!;
        }

        by ??= "category";
        if (InputText.Problem(by, InputLimits.Identifier) is { } byText)
        {
            return ApiResults.Invalid("by", byText);
        }

        if (!StatisticsReports.TryDimension(by, out var dimension))
        {
            return ApiResults.Invalid("by", new Text(TextKeys.Input.Unknown, by, string.Join(", ", StatisticsReports.Dimensions)));
        }

        format ??= "json";
        if (InputText.Problem(format, InputLimits.Identifier) is { } formatText)
        {
            return ApiResults.Invalid("format", formatText);
        }

        if (!Formats.Contains(format))
        {
            return ApiResults.Invalid("format", new Text(TextKeys.Input.Unknown, format, string.Join(", ", Formats)));
        }

        // A department handler reads its own department's figures only.
        var department = ReportReaders.Scope(user);
        var culture = ApiResults.Reader;
        var report = await reports.BuildAsync(tenant, new StatisticsPeriod(first, last), dimension, department, culture, cancellationToken);
        if (format == "json")
        {
            return TypedResults.Ok(report);
        }

        var fileName = $"{new Text(TextKeys.Statistics.FileName).In(culture)}_{report.From}_{report.To}_{report.By}.xlsx";
        return new SpreadsheetResult(fileName, async (stream, token) =>
        {
            await using var workbook = await Workbook.CreateAsync(stream, token);
            await StatisticsWorkbook.WriteAsync(workbook, report, culture, token);
            await workbook.FinishAsync(token);
        });
    }

}
