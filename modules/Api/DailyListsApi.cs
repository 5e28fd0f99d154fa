using System.Globalization;
using System.Security.Claims;
using Complaints.Grains;
using Complaints.Reports;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Complaints.Api;

/// <summary>
/// The ledger as Excel and the daily lists (seed 001 §6.2) over HTTP: the overdue list and the callback register as
/// JSON, .xlsx or a printable page. What they hold is built in the Reports module; here the input is checked and the
/// reader's scope applied (a department handler gets its own department only).
/// </summary>
internal static class DailyListsApi
{
    private const string Json = "json";
    private const string Xlsx = "xlsx";
    private const string Html = "html";
    private const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>The ledger export's phones: masked (the default), or in full for roles that may read contacts.</summary>
    private const string MaskedContacts = "masked";
    private const string FullContacts = "full";

    public static void MapDailyLists(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/ledger.xlsx", ExportLedger)
            .RequireAuthorization(ApiModule.PageLinkPolicy)
            .WithTags("reports")
            .Produces(StatusCodes.Status200OK, contentType: SpreadsheetResult.ContentType)
            .ProducesValidationProblem()
            .WithSummary("The ledger (台账) as .xlsx, streamed: the ledger list's filters, one row per case, Chinese headers; contacts=full gives unmasked phones (recorded in each case's history) to those who may read contacts, at most 500 rows.");

        tenant.MapGet("/reports/overdue", Overdue)
            .RequireAuthorization(ApiModule.PageLinkPolicy)
            .WithTags("reports")
            .Produces<OverdueReport>()
            .Produces(StatusCodes.Status200OK, contentType: SpreadsheetResult.ContentType)
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .WithSummary("The daily overdue report (逾期未处理明细表): every breach recorded that day (China time), by department, with points and fines; format=xlsx or html (printable).");

        tenant.MapGet("/reports/callbacks", Callbacks)
            .RequireAuthorization(ApiModule.PageLinkPolicy)
            .WithTags("reports")
            .Produces<CallbackRegisterReport>()
            .Produces(StatusCodes.Status200OK, contentType: SpreadsheetResult.ContentType)
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .WithSummary("The daily callback register (回访登记表): the callbacks recorded that day and the cases awaiting one; format=xlsx or html (printable).");
    }

    private static async Task<IResult> ExportLedger(
        string tenant,
        ClaimsPrincipal user,
        ILedger ledger,
        LedgerExport export,
        IGrainFactory grains,
        TimeProvider time,
        string? status,
        string? department,
        string? category,
        string? channel,
        string? overdue,
        string? from,
        string? to,
        string? q,
        string? contacts,
        CancellationToken cancellationToken)
    {
        if (!LedgerFilters.TryRead(tenant, user, status, department, category, channel, overdue, from, to, q, out var query, out var problem))
        {
            return problem!;
        }

        if (contacts is not (null or MaskedContacts or FullContacts))
        {
            return ApiResults.Invalid("contacts", new Text(TextKeys.Input.Unknown, contacts, $"{MaskedContacts}, {FullContacts}"));
        }

        var actor = user.Actor();
        Func<LedgerRow, CancellationToken, Task<string?>>? fullPhone = null;
        if (contacts == FullContacts)
        {
            // A role that may read the contact of a case of its own department (a handler) or of any (the desk).
            if (!Roles.MayReadContact(actor.Role, actor.Department, actor.Department))
            {
                return ApiResults.Problem(StatusCodes.Status403Forbidden, new Text(TextKeys.Ledger.ContactsRole, Roles.Word(actor.Role)));
            }

            // Every full contact is a recorded view of its case: an export may not quietly record thousands.
            var matching = await ledger.QueryAsync(query with { PageSize = 1 }, cancellationToken);
            if (matching.Total > LedgerExport.MostRowsWithFullContacts)
            {
                return ApiResults.Invalid("contacts", new Text(TextKeys.Ledger.TooManyContacts, LedgerExport.MostRowsWithFullContacts));
            }

            fullPhone = async (row, _) =>
            {
                var viewed = await grains.GetGrain<ICaseGrain>(CaseKey.Of(tenant, row.Number)).ViewContact(actor);
                return viewed.Kind == OutcomeKind.Ok ? viewed.Contact!.Phone : null;
            };
        }

        var culture = ApiResults.Reader;
        return new SpreadsheetResult(
            LedgerExport.FileName(ChinaTime.Today(time), culture),
            (body, token) => export.WriteAsync(body, query, culture, fullPhone, token));
    }

    private static async Task<IResult> Overdue(
        string tenant, ClaimsPrincipal user, OverdueList list, TimeProvider time, string? date, string? format, CancellationToken cancellationToken)
    {
        if (!TryReadDay(date, time, out var day, out var problem) || !TryReadFormat(format, out problem))
        {
            return problem!;
        }

        var report = await list.BuildAsync(tenant, day, day, ScopeOf(user), cancellationToken);
        var culture = ApiResults.Reader;
        return format switch
        {
            Xlsx => Spreadsheet(TextKeys.DailyLists.OverdueTitle, day, culture, (workbook, token) => list.WriteSheetsAsync(workbook, tenant, report, culture, token)),
            Html => TypedResults.Content(list.Html(tenant, report, culture), HtmlContentType),
            _ => TypedResults.Ok(report),
        };
    }

    private static async Task<IResult> Callbacks(
        string tenant, ClaimsPrincipal user, CallbackRegister register, TimeProvider time, string? date, string? format, CancellationToken cancellationToken)
    {
        if (!TryReadDay(date, time, out var day, out var problem) || !TryReadFormat(format, out problem))
        {
            return problem!;
        }

        var report = await register.BuildAsync(tenant, day, day, ScopeOf(user), cancellationToken);
        var culture = ApiResults.Reader;
        return format switch
        {
            Xlsx => Spreadsheet(TextKeys.DailyLists.CallbacksTitle, day, culture, (workbook, token) => register.WriteSheetsAsync(workbook, tenant, report, culture, token)),
            Html => TypedResults.Content(register.Html(tenant, report, culture), HtmlContentType),
            _ => TypedResults.Ok(report),
        };
    }

    /// <summary>A department handler's lists hold its own department only; everyone else's the whole tenant.</summary>
    private static string? ScopeOf(ClaimsPrincipal user) => ReportReaders.Scope(user);

    private static SpreadsheetResult Spreadsheet(string titleKey, DateOnly day, CultureInfo culture, Func<Workbook, CancellationToken, Task> sheets) =>
        new(
            $"{new Text(titleKey).In(culture)}-{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx",
            async (body, token) =>
            {
                await using var workbook = await Workbook.CreateAsync(body, token);
                await sheets(workbook, token);
                await workbook.FinishAsync(token);
            });

    /// <summary>The day of a daily list: <c>date=YYYY-MM-DD</c> (China date), today when absent.</summary>
    private static bool TryReadDay(string? date, TimeProvider time, out DateOnly day, out IResult? problem)
    {
        problem = null;
        if (date is null)
        {
            day = ChinaTime.Today(time);
            return true;
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            problem = ApiResults.Invalid("date", new Text(TextKeys.Input.Date, "2026-11-22"));
            return false;
        }

        if (InputDates.Problem(day) is { } outside)
        {
            problem = ApiResults.Invalid("date", outside);
            return false;
        }

        return true;
    }

    private static bool TryReadFormat(string? format, out IResult? problem)
    {
        problem = format is null or Json or Xlsx or Html
            ? null
            : ApiResults.Invalid("format", new Text(TextKeys.Input.Unknown, format, $"{Json}, {Xlsx}, {Html}"));
        return problem is null;
    }
}
