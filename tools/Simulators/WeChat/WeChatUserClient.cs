using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Complaints.Simulators.WeChat;

/// <summary>What the platform answered to a push; <see cref="ReplyContent"/> is the passive reply's text (decrypted in safe mode).</summary>
public sealed record PushAnswer(HttpStatusCode Status, string Body, string? ReplyContent);

/// <summary>
/// Plays the WeChat server pushing user messages to the platform's URL, signed like WeChat does:
/// plain mode (<c>signature</c>) or, with an EncodingAesKey, safe mode (<c>encrypt_type=aes</c>, <c>msg_signature</c>).
/// </summary>
public sealed class WeChatUserClient(HttpClient http, Uri url, string token, string? encodingAesKey = null, string? appId = null)
{
    private static long _nextMsgId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    private readonly string? _appId = encodingAesKey is null ? null : appId ?? throw new ArgumentNullException(nameof(appId));

    /// <summary>The timestamp signed into the next pushes (unix seconds); tests set it to play stale requests.</summary>
    public DateTimeOffset? Now { get; set; }

    public static long NextMsgId() => Interlocked.Increment(ref _nextMsgId);

    public static string TextXml(string fromUser, string toUser, string content, long msgId, DateTimeOffset createTime) =>
        new XElement("xml",
            new XElement("ToUserName", new XCData(toUser)),
            new XElement("FromUserName", new XCData(fromUser)),
            new XElement("CreateTime", createTime.ToUnixTimeSeconds()),
            new XElement("MsgType", new XCData("text")),
            new XElement("Content", new XCData(content)),
            new XElement("MsgId", msgId)).ToString(SaveOptions.DisableFormatting);

    /// <summary>An image message: the picture's URL and its media id (the bytes come from <c>/cgi-bin/media/get</c>).</summary>
    public static string ImageXml(string fromUser, string toUser, string picUrl, string mediaId, long msgId, DateTimeOffset createTime) =>
        new XElement("xml",
            new XElement("ToUserName", new XCData(toUser)),
            new XElement("FromUserName", new XCData(fromUser)),
            new XElement("CreateTime", createTime.ToUnixTimeSeconds()),
            new XElement("MsgType", new XCData("image")),
            new XElement("PicUrl", new XCData(picUrl)),
            new XElement("MediaId", new XCData(mediaId)),
            new XElement("MsgId", msgId)).ToString(SaveOptions.DisableFormatting);

    /// <summary>A voice message: its media id and format (amr, speex), with WeChat's speech recognition when enabled.</summary>
    public static string VoiceXml(string fromUser, string toUser, string mediaId, string format, string? recognition, long msgId, DateTimeOffset createTime) =>
        new XElement("xml",
            new XElement("ToUserName", new XCData(toUser)),
            new XElement("FromUserName", new XCData(fromUser)),
            new XElement("CreateTime", createTime.ToUnixTimeSeconds()),
            new XElement("MsgType", new XCData("voice")),
            new XElement("MediaId", new XCData(mediaId)),
            new XElement("Format", new XCData(format)),
            recognition is null ? null : new XElement("Recognition", new XCData(recognition)),
            new XElement("MsgId", msgId)).ToString(SaveOptions.DisableFormatting);

    public static string EventXml(string fromUser, string toUser, string eventName, DateTimeOffset createTime) =>
        new XElement("xml",
            new XElement("ToUserName", new XCData(toUser)),
            new XElement("FromUserName", new XCData(fromUser)),
            new XElement("CreateTime", createTime.ToUnixTimeSeconds()),
            new XElement("MsgType", new XCData("event")),
            new XElement("Event", new XCData(eventName))).ToString(SaveOptions.DisableFormatting);

    public Task<PushAnswer> SendTextAsync(string fromUser, string toUser, string content, long? msgId = null, CancellationToken cancellationToken = default) =>
        PushAsync(TextXml(fromUser, toUser, content, msgId ?? NextMsgId(), Now ?? DateTimeOffset.UtcNow), cancellationToken);

    public Task<PushAnswer> SendEventAsync(string fromUser, string toUser, string eventName, DateTimeOffset? createTime = null, CancellationToken cancellationToken = default) =>
        PushAsync(EventXml(fromUser, toUser, eventName, createTime ?? Now ?? DateTimeOffset.UtcNow), cancellationToken);

    /// <summary>Pushes any inner XML (plain, or encrypted when this client has an EncodingAesKey).</summary>
    public async Task<PushAnswer> PushAsync(string xml, CancellationToken cancellationToken = default)
    {
        var timestamp = (Now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var signature = WeChatCrypto.Sign(token, timestamp, nonce);
        string query, body;
        if (encodingAesKey is null)
        {
            query = $"signature={signature}&timestamp={timestamp}&nonce={nonce}";
            body = xml;
        }
        else
        {
            var encrypt = WeChatCrypto.Encrypt(encodingAesKey, _appId!, xml);
            var msgSignature = WeChatCrypto.Sign(token, timestamp, nonce, encrypt);
            query = $"signature={signature}&timestamp={timestamp}&nonce={nonce}&encrypt_type=aes&msg_signature={msgSignature}";
            body = $"<xml><ToUserName><![CDATA[gh_simulator]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
        }

        using var content = new StringContent(body, Encoding.UTF8, "text/xml");
        using var response = await http.PostAsync(new Uri(url, "?" + query), content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return new PushAnswer(response.StatusCode, text, response.IsSuccessStatusCode ? ReplyContent(text) : null);
    }

    /// <summary>The Content of a passive reply (opened and checked in safe mode), or null for <c>success</c>.</summary>
    public string? ReplyContent(string body)
    {
        if (!body.StartsWith("<xml>", StringComparison.Ordinal))
        {
            return null;
        }

        var root = XElement.Parse(body);
        if (encodingAesKey is not null)
        {
            var encrypt = (string?)root.Element("Encrypt") ?? throw new InvalidDataException("The safe-mode reply has no Encrypt.");
            var expected = WeChatCrypto.Sign(token, (string?)root.Element("TimeStamp") ?? "", (string?)root.Element("Nonce") ?? "", encrypt);
            if (expected != (string?)root.Element("MsgSignature"))
            {
                throw new InvalidDataException("The safe-mode reply's MsgSignature does not match.");
            }

            root = XElement.Parse(WeChatCrypto.Decrypt(encodingAesKey, _appId!, encrypt));
        }

        return (string?)root.Element("Content");
    }
}
