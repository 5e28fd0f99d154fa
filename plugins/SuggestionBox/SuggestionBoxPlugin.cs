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
/// (<c>POST /channels/suggestion-box/{tenant}/batches</c>, multipart field <c>file</c>) or type items in
/// (<c>POST …/items</c>); the answer reports every row.
/// </summary>
public sealed class SuggestionBoxPlugin : IChannelPlugin
{
    public const string ChannelId = "suggestion-box";
    public const int DefaultMaxUploadBytes = 2 * 1024 * 1024;
    public const int MaxItems = 1000;
    /// <summary>The roles that enter suggestion-box items.</summary>
    private static readonly HashSet<string> EntryRoles = new(StringComparer.Ordinal) { StaffRoles.Agent, StaffRoles.Supervisor };

    public string Id => ChannelId;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IChannelReplySender, NoReplySender>();

    public void MapEndpoints(IEndpointRouteBuilder channel)
    {
        channel.MapPost("/{tenant}/batches", UploadAsync).RequireAuthorization().DisableAntiforgery();
        channel.MapPost("/{tenant}/items", TypeInAsync).RequireAuthorization();
    }

    private static IResult? Refuse(string tenant, HttpContext http, IConfiguration configuration, out int maxUploadBytes)
    {
        maxUploadBytes = DefaultMaxUploadBytes;
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

        if (int.TryParse(section["MaxUploadBytes"], NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0)
        {
            maxUploadBytes = max;
        }

        return null;
    }

    private static async Task<IResult> UploadAsync(string tenant, HttpContext http, IConfiguration configuration, IChannelIntake intake)
    {
        if (Refuse(tenant, http, configuration, out var max) is { } refusal)
        {
            return refusal;
        }

        // The whole request is bounded (the file plus the multipart framing), announced or chunked.
        var limit = max + (16 * 1024);
        if (http.Request.ContentLength > limit)
        {
            return TooLarge(max);
        }

        if (!http.Request.HasFormContentType)
        {
            return Problem("file", "请以 multipart/form-data 上传文件 (upload the sheet as multipart/form-data, field 'file')");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return TooLarge(max);
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        http.Request.Body = buffer;
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or InvalidOperationException)
        {
            // A truncated body, a missing or bad boundary, a malformed part header: the client's mistake, not ours.
            return Problem("file", "multipart 格式错误 (malformed multipart body)");
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return Problem("file", "没有文件，或文件为空 (no file, or an empty one, in field 'file')");
        }

        if (file.Length > max)
        {
            return TooLarge(max);
        }

        var name = file.FileName;
        if (!(name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)))
        {
            return Problem("file", "只接受 .csv 或 .xlsx 文件 (only .csv or .xlsx)");
        }

        byte[] data;
        using (var content = new MemoryStream())
        {
            await file.CopyToAsync(content, http.RequestAborted);
            data = content.ToArray();
        }

        IReadOnlyList<(int Row, BoxRow Item)> rows;
        try
        {
            rows = SheetReader.Read(data, name);
        }
        catch (SheetException e) when (e.Limit == SheetLimit.Uncompressed)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Nothing was imported.", detail: e.Message, extensions: new Dictionary<string, object?> { ["limit"] = LimitName(e.Limit) });
        }
        catch (SheetException e)
        {
            return Problem("file", e.Message, e.Limit);
        }

        return Results.Json(await ImportAsync(tenant, rows, intake, http), SuggestionBoxJsonContext.Default.BatchResult);
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
        if (Refuse(tenant, http, configuration, out var max) is { } refusal)
        {
            return refusal;
        }

        if (http.Request.ContentLength > max)
        {
            return TooLarge(max);
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

        return Results.Json(await ImportAsync(tenant, [.. list.Select((item, i) => (i + 1, item ?? new BoxRow()))], intake, http), SuggestionBoxJsonContext.Default.BatchResult);
    }

    private static async Task<BatchResult> ImportAsync(string tenant, IReadOnlyList<(int Row, BoxRow Item)> rows, IChannelIntake intake, HttpContext http)
    {
        var now = (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var results = new List<RowResult>(rows.Count);
        foreach (var (row, item) in rows)
        {
            var (submission, reason, column) = BoxRowValidator.ToSubmission(tenant, item, now);
            if (submission is null)
            {
                results.Add(new RowResult(row, "refused", Reason: reason, Column: column));
                continue;
            }

            var receipt = await intake.SubmitAsync(submission, http.RequestAborted);
            results.Add(receipt.Status switch
            {
                IntakeStatus.Created => new RowResult(row, "accepted", receipt.Number),
                IntakeStatus.Existing => new RowResult(row, "existing", receipt.Number, "此行已导入过 (imported before)"),
                _ => new RowResult(row, "refused", Reason: receipt.Problem, Column: receipt.Field),
            });
        }

        return new BatchResult(results.Count(r => r.Status == "accepted"), results.Count(r => r.Status == "existing"), results.Count(r => r.Status == "refused"), results);
    }

    private static IResult TooLarge(int max) =>
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
