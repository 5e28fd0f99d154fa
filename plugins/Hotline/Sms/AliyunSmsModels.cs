using System.Text.Json.Serialization;

namespace Complaints.Channels.Hotline.Sms;

/// <summary>
/// The <c>SendSms</c> answer (<c>Format=JSON</c>). <c>Code</c> is <c>"OK"</c> on success, otherwise an error code such as
/// <c>isv.BUSINESS_LIMIT_CONTROL</c>; Aliyun uses PascalCase names here, hence the explicit names.
/// </summary>
public sealed record AliyunSendSmsResponse(
    [property: JsonPropertyName("Code")] string? Code,
    [property: JsonPropertyName("Message")] string? Message,
    [property: JsonPropertyName("BizId")] string? BizId,
    [property: JsonPropertyName("RequestId")] string? RequestId)
{
    /// <summary>The only success code.</summary>
    public const string OkCode = "OK";

    [JsonIgnore]
    public bool IsSuccess => Code == OkCode;
}

/// <summary>Source-generated JSON metadata for the SMS gateway (used with Refit later, and for TemplateParam).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AliyunSendSmsResponse))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
public sealed partial class SmsJsonContext : JsonSerializerContext;
