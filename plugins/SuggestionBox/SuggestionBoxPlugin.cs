using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.SuggestionBox;

/// <summary>
/// The <c>suggestion-box</c> channel: staff (agent or supervisor of the tenant) upload a batch sheet
/// (<c>POST /channels/suggestion-box/{tenant}/batches</c>, multipart field <c>file</c>, the rows' scans beside it in
/// field <c>scans</c>) or type items in (<c>POST …/items</c>: JSON, or one item as a multipart form with its scans);
/// the answer reports every row.
/// </summary>
public sealed class SuggestionBoxPlugin : IChannelPlugin
{
    public const string ChannelId = "suggestion-box";
    public const int DefaultMaxUploadBytes = 2 * 1024 * 1024;

    /// <summary>
    /// The whole upload with its scans (sheet, scans, multipart framing): 25 MiB, under the web server's default request
    /// limit, room for a batch of scanned pages (a page scanned at 200 dpi is a few hundred KB).
    /// </summary>
    public const long DefaultMaxUploadBytesWithScans = 25 * 1024 * 1024;

    /// <summary>The most a tenant may set <c>MaxUploadBytesWithScans</c> to: the scans are spooled to disk, not held in memory.</summary>
    public const long MaxUploadBytesWithScansCeiling = 256 * 1024 * 1024;

    public const int MaxItems = 1000;

    /// <summary>The column (and form field) that names a row's scans.</summary>
    public const string ScansColumn = "scans";

    /// <summary>The roles that enter suggestion-box items.</summary>
    private static readonly HashSet<string> EntryRoles = new(StringComparer.Ordinal) { StaffRoles.Agent, StaffRoles.Supervisor };

    public string Id => ChannelId;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IChannelReplySender, NoReplySender>();

    public void MapEndpoints(IEndpointRouteBuilder channel)
    {
        channel.MapPost("/{tenant}/batches", UploadAsync).RequireAuthorization().DisableAntiforgery();
        channel.MapPost("/{tenant}/items", TypeInAsync).RequireAuthorization().DisableAntiforgery();
    }

    private static IResult? Refuse(string tenant, HttpContext http, IConfiguration configuration, out UploadBounds bounds)
    {
        bounds = new UploadBounds(DefaultMaxUploadBytes, DefaultMaxUploadBytesWithScans);
        var user = http.User;
        if (user.FindFirst(StaffClaims.Tenant)?.Value != tenant)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Staff of another tenant.");
        }

        if (!user.Claims.Any(c => c.Type is StaffClaims.Role or ClaimTypes.Role && EntryRoles.Contains(c.Value)))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only agents and supervisors enter suggestion-box items.");
        }

        var section = ChannelSettings.For(configuration, tenant, ChannelId);
        if (section is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "This tenant has no suggestion-box channel.");
        }

        long sheet = int.TryParse(section["MaxUploadBytes"], NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0 ? max : DefaultMaxUploadBytes;
        var whole = long.TryParse(section["MaxUploadBytesWithScans"], NumberStyles.None, CultureInfo.InvariantCulture, out var withScans) && withScans > 0
            ? Math.Min(withScans, MaxUploadBytesWithScansCeiling)
            : DefaultMaxUploadBytesWithScans;
        // The sheet alone, its framing included, always fits the whole upload's bound.
        bounds = new UploadBounds(sheet, Math.Max(whole, sheet + (64 * 1024)));
        return null;
    }

    private static async Task<IResult> UploadAsync(string tenant, HttpContext http, IConfiguration configuration, IChannelIntake intake)
    {
        if (Refuse(tenant, http, configuration, out var bounds) is { } refusal)
        {
            return refusal;
        }

        var (upload, problem) = await BoxUpload.ReadAsync(http.Request, bounds, keepFields: false, BoxUpload.SheetField);
        if (problem is not null)
        {
            return Answer(problem);
        }

        await using (upload)
        {
            if (upload!.Sheet is not { Content.Length: > 0 } sheet)
            {
                return Problem("file", "没有文件，或文件为空 (no file, or an empty one, in field 'file')");
            }

            var name = sheet.Name;
            if (!(name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)))
            {
                return Problem("file", "只接受 .csv 或 .xlsx 文件 (only .csv or .xlsx)");
            }

            IReadOnlyList<(int Row, BoxRow Item)> rows;
            try
            {
                rows = SheetReader.Read(sheet.Content, name);
            }
            catch (SheetException e) when (e.Limit == SheetLimit.Uncompressed)
            {
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Nothing was imported.", detail: e.Message, extensions: new Dictionary<string, object?> { ["limit"] = LimitName(e.Limit) });
            }
            catch (SheetException e)
            {
                return Problem("file", e.Message, e.Limit);
            }

            return Results.Json(await ImportAsync(tenant, rows, upload.Scans, formScans: false, intake, http), SuggestionBoxJsonContext.Default.BatchResult);
        }
    }

    private static string? LimitName(SheetLimit limit) => limit switch
    {
        SheetLimit.None => null,
        SheetLimit.Rows => "rows",
        SheetLimit.Columns => "columns",
        SheetLimit.CellLength => "cellLength",
        SheetLimit.Uncompressed => "uncompressedBytes",
        SheetLimit.SharedStrings => "sharedStrings",
        SheetLimit.Entries => "zipEntries",
        _ => null,
    };

    private static async Task<IResult> TypeInAsync(string tenant, HttpContext http, IConfiguration configuration, IChannelIntake intake)
    {
        if (Refuse(tenant, http, configuration, out var bounds) is { } refusal)
        {
            return refusal;
        }

        if (BoxUpload.IsMultipart(http.Request))
        {
            return await FormAsync(tenant, http, bounds, intake);
        }

        if (http.Request.ContentLength > bounds.SheetBytes)
        {
            return TooLarge(bounds.SheetBytes);
        }

        BoxItems? items;
        try
        {
            items = await JsonSerializer.DeserializeAsync(http.Request.Body, SuggestionBoxJsonContext.Default.BoxItems, http.RequestAborted);
        }
        catch (JsonException e)
        {
            return Problem(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.'), "not valid JSON here: every field is a string");
        }

        if (items?.Items is not { Count: > 0 } list)
        {
            return Problem("items", "至少一条 (at least one item)");
        }

        if (list.Count > MaxItems)
        {
            return Problem("items", $"一次最多 {MaxItems} 条 (at most {MaxItems})");
        }

        return Results.Json(await ImportAsync(tenant, [.. list.Select((item, i) => (i + 1, item ?? new BoxRow()))], null, formScans: false, intake, http), SuggestionBoxJsonContext.Default.BatchResult);
    }

    /// <summary>
    /// The single-entry form: one item as multipart fields named like the columns (<c>hall</c>, <c>receivedDate</c>, …),
    /// every file in field <c>scans</c> its scan (a front and a back, say).
    /// </summary>
    private static async Task<IResult> FormAsync(string tenant, HttpContext http, UploadBounds bounds, IChannelIntake intake)
    {
        var (upload, problem) = await BoxUpload.ReadAsync(http.Request, bounds, keepFields: true, "body");
        if (problem is not null)
        {
            return Answer(problem);
        }

        await using (upload)
        {
            var fields = upload!.Fields;
            var item = new BoxRow
            {
                Hall = fields.GetValueOrDefault("hall"),
                ReceivedDate = fields.GetValueOrDefault("receivedDate"),
                Content = fields.GetValueOrDefault("content"),
                Name = fields.GetValueOrDefault("name"),
                Phone = fields.GetValueOrDefault("phone"),
                Address = fields.GetValueOrDefault("address"),
                RowId = fields.GetValueOrDefault("rowId"),
                Kind = fields.GetValueOrDefault("kind"),
            };
            return Results.Json(await ImportAsync(tenant, [(1, item)], upload.Scans, formScans: true, intake, http), SuggestionBoxJsonContext.Default.BatchResult);
        }
    }

    /// <summary>
    /// Each row in turn: checked, its scans found in the upload (<paramref name="formScans"/>: every uploaded scan, else
    /// the ones its 扫描件 cell names) and submitted with them. A row naming a scan not uploaded, or whose scan the intake
    /// refuses (the tenant's limits, the type sniffed from the content), is refused naming the column: the intake
    /// registers nothing of it. One row's scans are in memory at a time.
    /// </summary>
    private static async Task<BatchResult> ImportAsync(string tenant, IReadOnlyList<(int Row, BoxRow Item)> rows, ScanSpool? scans, bool formScans, IChannelIntake intake, HttpContext http)
    {
        var now = (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var results = new List<RowResult>(rows.Count);
        var named = new HashSet<string>(ScanNames.Comparer);
        foreach (var (row, item) in rows)
        {
            var (submission, reason, column) = BoxRowValidator.ToSubmission(tenant, item, now);
            if (submission is null)
            {
                results.Add(new RowResult(row, "refused", Reason: reason, Column: column));
                continue;
            }

            var names = formScans ? [.. scans!.All.Select(s => s.Name)] : ScanNames.Parse(item.Scans);
            named.UnionWith(names);
            if (names.FirstOrDefault(n => scans?.Find(n) is null) is { } missing)
            {
                results.Add(new RowResult(row, "refused", Reason: $"扫描件 {missing} 不在本次上传的文件中（字段 scans）(the scan {missing} is not among the uploaded files)", Column: ScansColumn));
                continue;
            }

            var files = new List<IntakeAttachment>(names.Count);
            foreach (var scan in names.Select(n => scans!.Find(n)!))
            {
                files.Add(new IntakeAttachment(scan.Name, scan.ContentType, await scans!.ReadAsync(scan, http.RequestAborted)));
            }

            var receipt = await intake.SubmitAsync(submission with { Attachments = files }, http.RequestAborted);
            results.Add(receipt.Status switch
            {
                IntakeStatus.Created => new RowResult(row, "accepted", receipt.Number),
                IntakeStatus.Existing => new RowResult(row, "existing", receipt.Number, "此行已导入过 (imported before)"),
                _ when ScanIndex(receipt.Field) is { } i && i < files.Count => new RowResult(row, "refused", Reason: $"扫描件 {files[i].Name}：{receipt.Problem}", Column: ScansColumn),
                _ => new RowResult(row, "refused", Reason: receipt.Problem, Column: receipt.Field),
            });
        }

        var unused = formScans || scans is null ? [] : scans.All.Where(s => !named.Contains(s.Name)).Select(s => s.Name).ToList();
        return new BatchResult(
            results.Count(r => r.Status == "accepted"),
            results.Count(r => r.Status == "existing"),
            results.Count(r => r.Status == "refused"),
            results,
            unused.Count > 0 ? unused : null);
    }

    /// <summary>The file the intake refused: its field is <c>attachments[i]</c>, in the order the files were given.</summary>
    private static int? ScanIndex(string? field) =>
        field is not null && field.StartsWith("attachments[", StringComparison.Ordinal) && field.EndsWith(']')
            && int.TryParse(field.AsSpan(12, field.Length - 13), NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? i
            : null;

    private static IResult Answer(UploadProblem problem) =>
        problem.Status == StatusCodes.Status413PayloadTooLarge
            ? Results.Problem(statusCode: problem.Status, title: "Nothing was imported.", detail: problem.Message, extensions: new Dictionary<string, object?> { ["limit"] = problem.Limit })
            : Results.ValidationProblem(
                new Dictionary<string, string[]> { [problem.Field] = [problem.Message] },
                title: "Nothing was imported.",
                extensions: problem.Limit is { } limit ? new Dictionary<string, object?> { ["limit"] = limit } : null);

    private static IResult TooLarge(long max) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"An upload is at most {max} bytes.", extensions: new Dictionary<string, object?> { ["limit"] = "uploadBytes" });

    private static IResult Problem(string field, string message, SheetLimit limit = SheetLimit.None) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            title: "Nothing was imported.",
            extensions: LimitName(limit) is { } name ? new Dictionary<string, object?> { ["limit"] = name } : null);

    /// <summary>Paper items leave no address to answer to: every reply is skipped.</summary>
    private sealed class NoReplySender : IChannelReplySender
    {
        public string ChannelId => SuggestionBoxPlugin.ChannelId;

        public Task<ReplyOutcome> SendAsync(ChannelReply reply, CancellationToken cancellationToken = default) => Task.FromResult(ReplyOutcome.Skipped);
    }
}
