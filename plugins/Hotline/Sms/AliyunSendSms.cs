using System.Globalization;
using System.Text.Json;

namespace Complaints.Channels.Hotline.Sms;

/// <summary>The business parameters of one Aliyun <c>SendSms</c> call.</summary>
/// <param name="PhoneNumbers">One number, or several separated by commas.</param>
/// <param name="SignName">The approved SMS signature (签名).</param>
/// <param name="TemplateCode">The approved template, e.g. <c>SMS_123456789</c>.</param>
/// <param name="TemplateParam">The template variables as a JSON object string; see <see cref="AliyunSendSmsRequestBuilder.SerializeTemplateParam"/>.</param>
/// <param name="OutId">Our own reference, echoed in delivery receipts (SendSms itself is not idempotent).</param>
public sealed record AliyunSendSmsRequest(
    string PhoneNumbers,
    string SignName,
    string TemplateCode,
    string? TemplateParam = null,
    string? OutId = null);

/// <summary>
/// Turns a <see cref="AliyunSendSmsRequest"/> into the signed query string of a <c>SendSms</c> call
/// (API version 2017-05-25). Holds the secret, so it is a class with no printable state, not a record.
/// </summary>
public sealed class AliyunSendSmsRequestBuilder
{
    public const string Action = "SendSms";
    public const string ApiVersion = "2017-05-25";
    public const string DefaultRegionId = "cn-hangzhou";

    /// <summary>The public endpoint; a simulator's address replaces it in development.</summary>
    public static readonly Uri DefaultEndpoint = new("https://dysmsapi.aliyuncs.com/");

    private readonly string _accessKeyId;
    private readonly string _accessKeySecret;
    private readonly string _regionId;

    public AliyunSendSmsRequestBuilder(string accessKeyId, string accessKeySecret, string regionId = DefaultRegionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(accessKeySecret);
        ArgumentException.ThrowIfNullOrEmpty(regionId);
        _accessKeyId = accessKeyId;
        _accessKeySecret = accessKeySecret;
        _regionId = regionId;
    }

    /// <summary>
    /// All parameters that get signed: the common ones (AccessKeyId, Action, Format=JSON, RegionId,
    /// SignatureMethod, SignatureNonce, SignatureVersion, Timestamp, Version) and the SendSms ones.
    /// </summary>
    /// <param name="request">What to send.</param>
    /// <param name="signatureNonce">Unique per call (Aliyun refuses a reused nonce); a GUID is typical.</param>
    /// <param name="timestamp">The call time; sent in UTC as <c>yyyy-MM-ddTHH:mm:ssZ</c>.</param>
    public IReadOnlyList<KeyValuePair<string, string>> BuildParameters(AliyunSendSmsRequest request, string signatureNonce, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(signatureNonce);
        ArgumentException.ThrowIfNullOrEmpty(request.PhoneNumbers);
        ArgumentException.ThrowIfNullOrEmpty(request.SignName);
        ArgumentException.ThrowIfNullOrEmpty(request.TemplateCode);

        var parameters = new List<KeyValuePair<string, string>>
        {
            new("AccessKeyId", _accessKeyId),
            new("Action", Action),
            new("Format", "JSON"),
            new("RegionId", _regionId),
            new("SignatureMethod", AliyunRpcSignature.SignatureMethod),
            new("SignatureNonce", signatureNonce),
            new("SignatureVersion", AliyunRpcSignature.SignatureVersion),
            new("Timestamp", FormatTimestamp(timestamp)),
            new("Version", ApiVersion),
            new("PhoneNumbers", request.PhoneNumbers),
            new("SignName", request.SignName),
            new("TemplateCode", request.TemplateCode),
        };
        if (request.TemplateParam is not null)
        {
            parameters.Add(new("TemplateParam", request.TemplateParam));
        }

        if (request.OutId is not null)
        {
            parameters.Add(new("OutId", request.OutId));
        }

        return parameters;
    }

    /// <summary>
    /// The full signed query (<c>Signature=…&amp;AccessKeyId=…</c>, no leading <c>?</c>) to append to the endpoint
    /// for GET, or to send as a form body for POST (pass <c>"POST"</c>: the method is part of what is signed).
    /// </summary>
    public string BuildSignedQuery(AliyunSendSmsRequest request, string signatureNonce, DateTimeOffset timestamp, string httpMethod = "GET") =>
        AliyunRpcSignature.BuildSignedQuery(httpMethod, BuildParameters(request, signatureNonce, timestamp), _accessKeySecret);

    /// <summary>As above with a fresh GUID nonce and the current time of <paramref name="timeProvider"/>.</summary>
    public string BuildSignedQuery(AliyunSendSmsRequest request, TimeProvider timeProvider, string httpMethod = "GET")
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return BuildSignedQuery(request, Guid.NewGuid().ToString("D"), timeProvider.GetUtcNow(), httpMethod);
    }

    /// <summary>The ISO 8601 UTC form Aliyun expects, always with a <c>Z</c> and without fractions.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Template variables → the JSON object string <c>TemplateParam</c> carries.</summary>
    public static string SerializeTemplateParam(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return JsonSerializer.Serialize(variables, SmsJsonContext.Default.IReadOnlyDictionaryStringString);
    }
}
