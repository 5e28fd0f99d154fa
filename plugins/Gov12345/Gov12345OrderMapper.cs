using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Complaints.Channels.Gov12345;

/// <summary>
/// A work order in the platform's own field names → an intake submission, through the tenant's <c>Fields</c> map.
/// The order number is the idempotency key and the reply address; the platform's time limit is the case's deadline.
/// </summary>
internal static class Gov12345OrderMapper
{
    private static readonly string[] LocalFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyyMMddHHmmss", "yyyy-MM-dd", "yyyy/MM/dd"];

    /// <summary>The submission, or the reason the order cannot be registered (which field, why).</summary>
    public static (IntakeSubmission? Submission, string? Problem) Map(Gov12345Settings settings, JsonObject order)
    {
        var number = Text(order, settings.Field("Number"));
        if (number is null)
        {
            return (null, $"{settings.Field("Number")} (the order number) is missing");
        }

        var content = Text(order, settings.Field("Content"));
        if (content is null)
        {
            return (null, $"{settings.Field("Content")} (the content) is missing in order {Quoted(number)}");
        }

        DateTimeOffset? deadline = null;
        if (Text(order, settings.Field("Deadline")) is { } limit)
        {
            deadline = ParseTime(limit, settings.TimeZoneOffset);
            if (deadline is null)
            {
                return (null, $"{settings.Field("Deadline")} {Quoted(limit)} of order {Quoted(number)} is not a time");
            }
        }

        var title = Text(order, settings.Field("Title"));
        var urgency = Text(order, settings.Field("Urgency"));
        var lead = string.Join(" ", new[] { urgency is null ? null : $"[{urgency}]", title is null ? null : $"【{title}】" }.Where(p => p is not null));
        return (new IntakeSubmission
        {
            Tenant = settings.Tenant,
            Channel = Gov12345Plugin.ChannelId,
            ExternalId = number,
            Kind = "complaint",
            Category = settings.Category,
            Content = lead.Length == 0 ? content : $"{lead} {content}",
            ReceivedAt = Text(order, settings.Field("DispatchedAt")) is { } at ? ParseTime(at, settings.TimeZoneOffset) : null,
            ComplainantName = Text(order, settings.Field("Name")),
            Phone = Text(order, settings.Field("Phone")),
            Address = Text(order, settings.Field("Address")),
            ExternalDeadline = deadline,
            ReplyTo = number,
        }, null);
    }

    /// <summary>A value of the order as a JSON string: its control characters escaped, so it cannot forge a log line.</summary>
    private static string Quoted(string value) => JsonSerializer.Serialize(value);

    /// <summary>A string, or a number written as text; null when absent or blank.</summary>
    public static string? Text(JsonObject order, string field)
    {
        var node = order[field];
        if (node is not JsonValue value)
        {
            return null;
        }

        var text = value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>ISO 8601 with an offset, a local time in the platform's zone, or unix seconds/milliseconds.</summary>
    public static DateTimeOffset? ParseTime(string text, TimeSpan platformOffset)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) && text.Length is 10 or 13)
        {
            return text.Length == 13 ? DateTimeOffset.FromUnixTimeMilliseconds(unix) : DateTimeOffset.FromUnixTimeSeconds(unix);
        }

        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            // 0001-01-01 00:00 at +08:00 lies before the first instant a DateTimeOffset holds: not a time, not a 500.
            return local.Ticks - platformOffset.Ticks is >= 0 and <= 3155378975999999999 ? new DateTimeOffset(local, platformOffset) : null;
        }

        return text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal))
            ? iso
            : null;
    }
}
