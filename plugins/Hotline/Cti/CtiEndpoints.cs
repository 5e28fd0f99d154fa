using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.Hotline.Cti;

/// <summary><c>POST /channels/hotline/{tenant}/calls</c>: a CTI system pushes call records, keyed by call id.</summary>
public static class CtiEndpoints
{
    public const string KeyHeader = "X-Cti-Key";
    public const long MaxBodyBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder channel) =>
        channel.MapPost("/{tenant}/calls", PushCallAsync).WithName("hotline-cti-push");

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
            _ => Results.ValidationProblem(new Dictionary<string, string[]> { [receipt.Field ?? "body"] = [receipt.Problem ?? "refused"] }),
        };
    }

    /// <summary>Compares hashes so the time depends neither on where the keys differ nor on their lengths.</summary>
    private static bool KeyMatches(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(actual)));
}
