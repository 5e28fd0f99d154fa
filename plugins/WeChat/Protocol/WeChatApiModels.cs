using System.Text.Json.Serialization;

namespace Complaints.Channels.WeChat.Protocol;

/// <summary>
/// <c>GET /cgi-bin/token?grant_type=client_credential&amp;appid=…&amp;secret=…</c>. The same endpoint answers either
/// <c>{access_token, expires_in}</c> or <c>{errcode, errmsg}</c>, so one record carries both shapes.
/// Fetching a new token invalidates the previous one: keep a single holder per account.
/// </summary>
public sealed record WeChatAccessTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("errcode")] int ErrCode,
    [property: JsonPropertyName("errmsg")] string? ErrMsg)
{
    [JsonIgnore]
    public bool IsSuccess => ErrCode == 0 && !string.IsNullOrEmpty(AccessToken);
}

/// <summary>The common <c>{errcode, errmsg}</c> answer; <c>errcode</c> 0 means success.</summary>
public sealed record WeChatApiResult(
    [property: JsonPropertyName("errcode")] int ErrCode,
    [property: JsonPropertyName("errmsg")] string? ErrMsg)
{
    [JsonIgnore]
    public bool IsSuccess => ErrCode == 0;
}

/// <summary>
/// Body of <c>POST /cgi-bin/message/custom/send?access_token=…</c>: a customer-service text message,
/// allowed within 48 hours of the user's last message.
/// </summary>
public sealed record WeChatCustomTextMessage(
    [property: JsonPropertyName("touser")] string ToUser,
    [property: JsonPropertyName("text"), JsonPropertyOrder(2)] WeChatTextContent Text)
{
    /// <summary>Always <c>text</c> for this record.</summary>
    [JsonPropertyName("msgtype")]
    [JsonPropertyOrder(1)]
    public string MsgType => "text";
}

/// <summary>The <c>text</c> object of a customer-service message.</summary>
public sealed record WeChatTextContent([property: JsonPropertyName("content")] string Content);

/// <summary>
/// Body of <c>POST /cgi-bin/message/template/send?access_token=…</c>: a template notice, usable outside
/// the 48-hour window. <c>client_msg_id</c> makes WeChat drop a resent duplicate.
/// </summary>
public sealed record WeChatTemplateMessage(
    [property: JsonPropertyName("touser")] string ToUser,
    [property: JsonPropertyName("template_id")] string TemplateId,
    [property: JsonPropertyName("data")] IReadOnlyDictionary<string, WeChatTemplateValue> Data)
{
    /// <summary>Optional page opened when the notice is tapped.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>Optional idempotency key (WeChat refuses a second send with the same id).</summary>
    [JsonPropertyName("client_msg_id")]
    public string? ClientMsgId { get; init; }
}

/// <summary>One template field: <c>{"value": …}</c>.</summary>
public sealed record WeChatTemplateValue([property: JsonPropertyName("value")] string Value);

/// <summary>Answer of the template send: <c>{errcode, errmsg, msgid}</c>.</summary>
public sealed record WeChatTemplateSendResult(
    [property: JsonPropertyName("errcode")] int ErrCode,
    [property: JsonPropertyName("errmsg")] string? ErrMsg,
    [property: JsonPropertyName("msgid")] long? MsgId)
{
    [JsonIgnore]
    public bool IsSuccess => ErrCode == 0;
}

/// <summary>
/// Source-generated JSON metadata for the WeChat API (trim/AOT friendly; handed to Refit's
/// <c>SystemTextJsonContentSerializer</c> later). Nulls are omitted: WeChat rejects some explicit nulls.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WeChatAccessTokenResponse))]
[JsonSerializable(typeof(WeChatApiResult))]
[JsonSerializable(typeof(WeChatCustomTextMessage))]
[JsonSerializable(typeof(WeChatTemplateMessage))]
[JsonSerializable(typeof(WeChatTemplateSendResult))]
public sealed partial class WeChatJsonContext : JsonSerializerContext;
