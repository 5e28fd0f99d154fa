using System.Globalization;
using System.Security.Claims;
using Complaints.Grains;
using Complaints.Reports;
using Complaints.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Complaints.Api;

/// <summary>The scorecards (考核表) over HTTP: JSON, or <c>format=xlsx</c>; the logic is in Reports' <see cref="ScorecardReporter"/>.</summary>
internal static class ScorecardsApi
{
    public static void MapScorecardsApi(this RouteGroupBuilder tenant) =>
        tenant.MapGet("/reports/scorecards", Scorecards)
            .RequireAuthorization(ApiModule.PageLinkPolicy)
            .WithTags("reports")
            .Produces<ScorecardReport>()
            .Produces(StatusCodes.Status200OK, contentType: SpreadsheetResult.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Department and person scorecards of a period (points, fines, rates, targets, the same-breach flag); a handler gets its own department's.");

    private static async Task<IResult> Scorecards(
        string tenant, ClaimsPrincipal user, ScorecardReporter reporter, string? from, string? to, string? format, CancellationToken cancellationToken)
    {
        var actor = user.Actor();
        // Management reads the whole tenant, a department its own cards; the desk's agents are not scored here and do not read others' fines.
        if (!ReportReaders.MayReadScorecards(user))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, new Text(TextKeys.Refusals.Role, Roles.Word(actor.Role)));
        }

        if (!ReportPeriods.TryRead(from, to, out var first, out var last, out var problem))
        {
            return problem!;
        }

        if (format is not (null or "json" or "xlsx"))
        {
            return ApiResults.Invalid("format", new Text(TextKeys.Input.Unknown, format, "json, xlsx"));
        }

        var department = ReportReaders.Scope(user) ?? (actor.Role == Roles.Handler ? "" : null);
        var report = await reporter.ProduceAsync(tenant, first, last, department, cancellationToken);
        if (format != "xlsx")
        {
            return TypedResults.Ok(report);
        }

        var culture = ApiResults.Reader;
        return new SpreadsheetResult(ScorecardReporter.FileName(first, last, culture), async (stream, token) =>
        {
            await using var workbook = await Workbook.CreateAsync(stream, token);
            await ScorecardReporter.WriteAsync(workbook, report, culture, token);
            await workbook.FinishAsync(token);
        });
    }

}
