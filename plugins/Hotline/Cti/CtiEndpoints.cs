using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.Hotline.Cti;

/// <summary><c>POST /channels/hotline/{tenant}/calls</c>: a CTI system pushes call records, keyed by call id.</summary>
public static class CtiEndpoints
{
    public const string KeyHeader = "X-Cti-Key";
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>The intake's field names (the unified API's) as the CTI protocol names them.</summary>
    private static readonly Dictionary<string, string> ProtocolFields = new(StringComparer.Ordinal)
    {
        ["externalId"] = "callId",
        ["receivedAt"] = "calledAt",
        ["complainant.name"] = "callerName",
        ["complainant.phone"] = "callerNumber",
        ["complainant.address"] = "address",
        ["complainant.accountNo"] = "accountNo",
    };

    // The limit as endpoint metadata: the server counts the bytes as they arrive, so a chunked body is cut at it too.
    public static void Map(IEndpointRouteBuilder channel) =>
        channel.MapPost("/{tenant}/calls", PushCallAsync).WithName("hotline-cti-push").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));

    private static async Task<IResult> PushCallAsync(string tenant, HttpContext http, IConfiguration configuration, IChannelIntake intake)
    {
        var section = ChannelSettings.For(configuration, tenant, HotlinePlugin.ChannelId);
        if (section is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "This tenant takes no hotline calls.");
        }

        var settings = HotlineSettings.Read(section);
        if (string.IsNullOrEmpty(settings.CtiKey) || !KeyMatches(settings.CtiKey, http.Request.Headers[KeyHeader].ToString()))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: $"A valid {KeyHeader} header is required.");
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"A call record is at most {MaxBodyBytes} bytes.");
        }

        if (!(http.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the call record as application/json.");
        }

        CallRecord? record;
        try
        {
            record = await JsonSerializer.DeserializeAsync(http.Request.Body, CtiJsonContext.Default.CallRecord, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"A call record is at most {MaxBodyBytes} bytes.");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return Results.ValidationProblem(new Dictionary<string, string[]> { [field] = ["not valid JSON here: every field is a string"] });
        }

        if (record is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["a call record object is required"] });
        }

        var now = (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var errors = CallRecordValidator.Validate(record, now, out var calledAt);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var receipt = await intake.SubmitAsync(
            new IntakeSubmission
            {
                Tenant = tenant,
                Channel = HotlinePlugin.ChannelId,
                ExternalId = record.CallId!,
                Kind = record.Kind!,
                Content = $"{record.Content!.Trim()}\n（来电坐席：{record.Agent!.Trim()}）",
                Category = string.IsNullOrWhiteSpace(record.Category) ? null : record.Category.Trim(),
                ReceivedAt = calledAt,
                ComplainantName = string.IsNullOrWhiteSpace(record.CallerName) ? null : record.CallerName.Trim(),
                Phone = record.CallerNumber,
                Address = string.IsNullOrWhiteSpace(record.Address) ? null : record.Address.Trim(),
                AccountNo = string.IsNullOrWhiteSpace(record.AccountNo) ? null : record.AccountNo.Trim(),
                ReplyTo = record.CallerNumber,
            },
            http.RequestAborted);

        return receipt.Status switch
        {
            IntakeStatus.Created => Results.Json(new CallReceipt(receipt.Number!, "created"), CtiJsonContext.Default.CallReceipt, statusCode: StatusCodes.Status201Created),
            IntakeStatus.Existing => Results.Json(new CallReceipt(receipt.Number!, "existing"), CtiJsonContext.Default.CallReceipt, statusCode: StatusCodes.Status200OK),
            _ => Results.ValidationProblem(new Dictionary<string, string[]> { [ProtocolField(receipt.Field)] = [receipt.Problem ?? "refused"] }),
        };
    }

    private static string ProtocolField(string? field) =>
        field is null ? "body" : ProtocolFields.TryGetValue(field, out var name) ? name : field;

    /// <summary>Compares hashes so the time depends neither on where the keys differ nor on their lengths.</summary>
    private static bool KeyMatches(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(actual)));
}
