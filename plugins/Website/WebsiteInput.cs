using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Complaints.Channels.Website;

/// <summary>The fields of one public submission, from JSON (strings or numbers) or from a posted HTML form.</summary>
public sealed partial class WebsiteInput
{
    private readonly Dictionary<string, string> _fields;

    private WebsiteInput(Dictionary<string, string> fields) => _fields = fields;

    public string? this[string name] => _fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Fields the server itself filled (a rating link's case and token).</summary>
    public static WebsiteInput FromFields(Dictionary<string, string> fields) => new(fields);

    public static WebsiteInput FromForm(string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in QueryHelpers.ParseQuery(body))
        {
            fields[key] = values.ToString();
        }

        return new WebsiteInput(fields);
    }

    /// <summary>Null when the body is not a JSON object of strings, numbers, booleans or nulls.</summary>
    public static WebsiteInput? FromJson(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        fields[property.Name] = property.Value.GetString()!;
                        break;
                    case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                        fields[property.Name] = property.Value.GetRawText();
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        return null;
                }
            }

            return new WebsiteInput(fields);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public IReadOnlyDictionary<string, string> Fields => _fields;

    /// <summary>An optional text field: null when empty; an error when longer than <paramref name="max"/> or holding control characters.</summary>
    public string? Text(string name, int max, Dictionary<string, string[]> errors, bool required = false, int min = 1)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var value = this[name];
        if (value is null)
        {
            if (required)
            {
                errors[name] = ["必填 (required)"];
            }

            return null;
        }

        if (value.Length < min || value.Length > max)
        {
            errors[name] = [$"长度须在 {min}–{max} 个字符之间 (length {min}–{max})"];
            return null;
        }

        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors[name] = ["含有不允许的控制字符 (control characters are not allowed)"];
            return null;
        }

        return value;
    }

    public string? Phone(string name, Dictionary<string, string[]> errors, bool required)
    {
        var value = Text(name, 20, errors, required);
        if (value is not null && !PhonePattern().IsMatch(value))
        {
            errors[name] = ["请填写 11 位手机号或带区号的固定电话 (a mobile or a landline with area code)"];
            return null;
        }

        return value;
    }

    /// <summary>A client-chosen id that makes a resubmission idempotent (8–64 letters, digits, '-' or '_').</summary>
    public string? SubmissionId(Dictionary<string, string[]> errors)
    {
        var value = Text("submissionId", 64, errors);
        if (value is not null && !SubmissionIdPattern().IsMatch(value))
        {
            errors["submissionId"] = ["8–64 letters, digits, '-' or '_'"];
            return null;
        }

        return value;
    }

    /// <summary>A stable key for content submitted on one day (China time): the same text twice that day is one item.</summary>
    public static string ContentKey(DateTimeOffset now, params string?[] parts)
    {
        var day = now.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(day + "\u001f" + string.Join('\u001f', parts.Select(p => p ?? ""))));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_\-]{8,64}$")]
    private static partial Regex SubmissionIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9\-]{1,32}$")]
    public static partial Regex CaseNumberPattern();
}
