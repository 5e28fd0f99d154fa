using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Complaints.Channels.Hotline.Cti;

/// <summary>One call record pushed by a call-center (CTI) system. Every field is read as text and checked here.</summary>
public sealed record CallRecord
{
    public string? CallId { get; init; }

    public string? CallerNumber { get; init; }

    /// <summary>ISO 8601 with offset, e.g. <c>2026-03-02T09:15:00+08:00</c>.</summary>
    public string? CalledAt { get; init; }

    public string? Agent { get; init; }

    public string? Content { get; init; }

    public string? Category { get; init; }

    /// <summary><c>complaint</c>, <c>inquiry</c>, <c>suggestion</c>, <c>repair</c> or <c>praise</c>.</summary>
    public string? Kind { get; init; }

    public string? CallerName { get; init; }

    public string? Address { get; init; }

    public string? AccountNo { get; init; }
}

/// <summary>The answer to a push: the case number and whether it was new.</summary>
public sealed record CallReceipt(string Number, string Status);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(CallRecord))]
[JsonSerializable(typeof(CallReceipt))]
public sealed partial class CtiJsonContext : JsonSerializerContext;

/// <summary>The checks of a call record; each problem names the field.</summary>
public static partial class CallRecordValidator
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "complaint", "inquiry", "suggestion", "repair", "praise" };

    public static Dictionary<string, string[]> Validate(CallRecord record, DateTimeOffset now, out DateTimeOffset calledAt)
    {
        ArgumentNullException.ThrowIfNull(record);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        calledAt = default;

        if (string.IsNullOrWhiteSpace(record.CallId) || record.CallId.Length > 64 || !CallIdPattern().IsMatch(record.CallId))
        {
            errors["callId"] = ["required: 1–64 letters, digits, '-', '_', '.' or ':'"];
        }

        if (string.IsNullOrWhiteSpace(record.CallerNumber) || !PhonePattern().IsMatch(record.CallerNumber))
        {
            errors["callerNumber"] = ["required: a mainland mobile (11 digits, 1[3-9]…) or a landline with area code (0…)"];
        }

        if (string.IsNullOrWhiteSpace(record.CalledAt)
            || !DateTimeOffset.TryParseExact(record.CalledAt, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out calledAt))
        {
            errors["calledAt"] = ["required: ISO 8601 with offset, e.g. 2026-03-02T09:15:00+08:00"];
        }
        else if (calledAt > now.AddMinutes(5))
        {
            errors["calledAt"] = ["lies in the future"];
        }

        if (string.IsNullOrWhiteSpace(record.Agent) || record.Agent.Length > 64)
        {
            errors["agent"] = ["required: at most 64 characters"];
        }

        if (string.IsNullOrWhiteSpace(record.Content) || record.Content.Length > 4000)
        {
            errors["content"] = ["required: at most 4000 characters"];
        }

        if (record.Kind is null || !Kinds.Contains(record.Kind))
        {
            errors["kind"] = ["required: complaint, inquiry, suggestion, repair or praise"];
        }

        if (record.Category is { Length: > 64 })
        {
            errors["category"] = ["at most 64 characters"];
        }

        if (record.CallerName is { Length: > 64 })
        {
            errors["callerName"] = ["at most 64 characters"];
        }

        if (record.Address is { Length: > 200 })
        {
            errors["address"] = ["at most 200 characters"];
        }

        if (record.AccountNo is { Length: > 64 })
        {
            errors["accountNo"] = ["at most 64 characters"];
        }

        return errors;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:\-]+$")]
    private static partial Regex CallIdPattern();

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();
}
