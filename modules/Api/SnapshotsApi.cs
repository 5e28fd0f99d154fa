using System.Security.Claims;
using Complaints.Grains;
using Complaints.Reports;
using Complaints.Storage;
using Complaints.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Complaints.Api;

/// <summary>A kept report snapshot in a list: what it is and when the schedule produced it.</summary>
public sealed record SnapshotEntryResponse(string Id, string Kind, DateOnly From, DateOnly To, DateTimeOffset ProducedAt);

/// <summary>
/// The scheduled report snapshots (docs/reports.md, "Scheduled snapshots"): listed, and downloaded exactly as produced.
/// A snapshot holds the whole tenant, so supervisors, leaders and administrators read it; a department's handler is
/// refused (403) rather than handed a filtered copy of something that was never filtered.
/// </summary>
internal static class SnapshotsApi
{
    public static void MapSnapshotsApi(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/reports/snapshots", List)
            .WithTags("reports")
            .Produces<IReadOnlyList<SnapshotEntryResponse>>()
            .WithSummary("The report snapshots the schedule produced (daily lists, monthly and quarterly reports), newest period first; kind= one kind.");

        tenant.MapGet("/reports/snapshots/{id}", Get)
            .RequireAuthorization(ApiModule.PageLinkPolicy)
            .WithTags("reports")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: SpreadsheetResult.ContentType)
            .WithSummary("One report snapshot exactly as produced: its JSON { kind, from, to, producedAt, sections }, or with format=xlsx its workbook.");

        tenant.MapGet("/reports/snapshots/{id}.xlsx", Workbook)
            .RequireAuthorization(ApiModule.PageLinkPolicy)
            .WithTags("reports")
            .Produces(StatusCodes.Status200OK, contentType: SpreadsheetResult.ContentType)
            .WithSummary("One report snapshot's workbook exactly as produced (a cover sheet, then each section's sheets).");
    }

    private static async Task<IResult> List(string tenant, ClaimsPrincipal user, IReportSnapshots snapshots, string? kind, CancellationToken cancellationToken)
    {
        if (Refused(user) is { } refused)
        {
            return refused;
        }

        if (kind is not null && !SnapshotKinds.TryParse(kind, out _))
        {
            return ApiResults.Invalid("kind", new Text(TextKeys.Snapshots.KindOneOf));
        }

        var entries = await snapshots.SnapshotsAsync(tenant, kind, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SnapshotEntryResponse>>([.. entries.Select(e => new SnapshotEntryResponse(e.Id, e.Kind, e.From, e.To, e.ProducedAt))]);
    }

    private static async Task<IResult> Get(string tenant, string id, ClaimsPrincipal user, IReportSnapshots snapshots, string? format, CancellationToken cancellationToken)
    {
        if ((Refused(user) ?? Invalid(id)) is { } refused)
        {
            return refused;
        }

        switch (format)
        {
            case null or "json":
                return await snapshots.SnapshotContentAsync(tenant, id, cancellationToken) is { } content
                    ? TypedResults.Text(content, "application/json; charset=utf-8")
                    : NotFound(id);
            case "xlsx":
                return await WorkbookOf(tenant, id, snapshots, cancellationToken);
            default:
                return ApiResults.Invalid("format", new Text(TextKeys.Snapshots.FormatOneOf));
        }
    }

    private static async Task<IResult> Workbook(string tenant, string id, ClaimsPrincipal user, IReportSnapshots snapshots, CancellationToken cancellationToken) =>
        Refused(user) ?? Invalid(id) ?? await WorkbookOf(tenant, id, snapshots, cancellationToken);

    private static async Task<IResult> WorkbookOf(string tenant, string id, IReportSnapshots snapshots, CancellationToken cancellationToken)
    {
        if (await snapshots.SnapshotWorkbookAsync(tenant, id, cancellationToken) is not { } workbook)
        {
            return NotFound(id);
        }

        // The file is named for the people who file it: 月度报表-monthly-2026-11.xlsx.
        var word = SnapshotKinds.All.FirstOrDefault(k => id.StartsWith(SnapshotKinds.Name(k) + "-", StringComparison.Ordinal));
        var name = new Text(SnapshotKinds.WordKey(word)).In(ReportSnapshotProducer.Culture) + "-" + id + ".xlsx";
        return new SpreadsheetResult(name, (body, ct) => body.WriteAsync(workbook, ct).AsTask());
    }

    /// <summary>A snapshot holds the whole tenant: supervisors, leaders and administrators only.</summary>
    private static IResult? Refused(ClaimsPrincipal user)
    {
        return ReportReaders.MayReadSnapshots(user)
            ? null
            : ApiResults.Problem(StatusCodes.Status403Forbidden, new Text(TextKeys.Refusals.Role, Roles.Word(user.Actor().Role)));
    }

    private static IResult? Invalid(string id) =>
        InputText.Problem(id, InputLimits.Identifier) is { } problem ? ApiResults.Invalid("id", problem) : null;

    private static IResult NotFound(string id) =>
        ApiResults.Problem(StatusCodes.Status404NotFound, new Text(TextKeys.Snapshots.NotFound, id));
}
