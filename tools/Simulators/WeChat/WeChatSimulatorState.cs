using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Complaints.Simulators.WeChat;

/// <summary>A message the simulator accepted.</summary>
public sealed record RecordedMessage(long MsgId, string Kind, string AppId, string ToUser, string MsgType, string? Content, string Body, DateTimeOffset At);

/// <summary>Accounts, the one valid token per account, and the record of accepted messages.</summary>
public sealed class WeChatSimulatorState(IReadOnlyDictionary<string, string> accounts, TimeSpan tokenLifetime, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string AppId, DateTimeOffset ExpiresAt)> _validTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _currentByAppId = new(StringComparer.Ordinal);
    private readonly List<RecordedMessage> _messages = [];
    private readonly Dictionary<string, DateTimeOffset> _lastUserMessage = new(StringComparer.Ordinal);
    private long _nextMsgId = 1000;

    public int TokensIssued { get; private set; }

    public SimulatorBehaviour Behaviour { get; set; } = new();

    public IReadOnlyList<RecordedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public JsonObject IssueToken(string? grantType, string? appId, string? secret)
    {
        if (grantType != "client_credential")
        {
            return Error(40002, "invalid grant_type");
        }

        if (appId is null || !accounts.TryGetValue(appId, out var expected))
        {
            return Error(40013, "invalid appid");
        }

        if (secret is null || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(secret)))
        {
            return Error(40125, "invalid appsecret");
        }

        lock (_gate)
        {
            if (_currentByAppId.Remove(appId, out var old))
            {
                _validTokens.Remove(old); // a new token invalidates the old one
            }

            var token = "SIM_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            _validTokens[token] = (appId, time.GetUtcNow() + tokenLifetime);
            _currentByAppId[appId] = token;
            TokensIssued++;
            return new JsonObject { ["access_token"] = token, ["expires_in"] = (int)tokenLifetime.TotalSeconds };
        }
    }

    /// <summary>
    /// The user wrote to the account at <paramref name="at"/>: customer-service messages to them are accepted for 48
    /// hours after their last message (errcode 45015 after that). A user the simulator never saw is not held to it.
    /// </summary>
    public void UserWrote(string openId, DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastUserMessage[openId] = at;
        }
    }

    public void ExpireTokens()
    {
        lock (_gate)
        {
            foreach (var token in _validTokens.Keys.ToList())
            {
                _validTokens[token] = (_validTokens[token].AppId, DateTimeOffset.MinValue);
            }
        }
    }

    private readonly Dictionary<string, (byte[] Bytes, string ContentType, string Extension)> _media = new(StringComparer.Ordinal);

    /// <summary>Keeps a user's photo or voice as WeChat does on receiving it, under a new media id.</summary>
    public string AddMedia(byte[] bytes, string contentType, string extension)
    {
        lock (_gate)
        {
            var id = "MEDIA_" + Guid.NewGuid().ToString("N");
            _media[id] = (bytes, contentType, extension);
            return id;
        }
    }

    /// <summary>
    /// <c>GET /cgi-bin/media/get</c>: the token checked as for sends (40001, 42001), an unknown id 40007; otherwise the
    /// bytes, their type and the file name WeChat gives (<c>{media_id}.{ext}</c>).
    /// </summary>
    public (JsonObject? Error, byte[] Bytes, string ContentType, string FileName) Media(string? accessToken, string? mediaId)
    {
        lock (_gate)
        {
            if (accessToken is null || !_validTokens.TryGetValue(accessToken, out var issued))
            {
                return (Error(40001, "invalid credential, access_token is invalid or not latest"), [], "", "");
            }

            if (issued.ExpiresAt <= time.GetUtcNow())
            {
                return (Error(42001, "access_token expired"), [], "", "");
            }

            return mediaId is not null && _media.TryGetValue(mediaId, out var media)
                ? (null, media.Bytes, media.ContentType, $"{mediaId}.{media.Extension}")
                : (Error(40007, "invalid media_id"), [], "", "");
        }
    }

    /// <summary>Checks the token and records the message.</summary>
    public JsonObject Accept(string kind, string? accessToken, (string Raw, JsonObject? Json) request)
    {
        var body = request.Json;
        RecordedMessage recorded;
        lock (_gate)
        {
            if (accessToken is null || !_validTokens.TryGetValue(accessToken, out var issued))
            {
                return Error(40001, "invalid credential, access_token is invalid or not latest");
            }

            if (issued.ExpiresAt <= time.GetUtcNow())
            {
                return Error(42001, "access_token expired");
            }

            var toUser = body?["touser"]?.GetValue<string>();
            if (body is null || string.IsNullOrEmpty(toUser))
            {
                return Error(40003, "invalid openid");
            }

            var msgType = kind == "template" ? "template" : body["msgtype"]?.GetValue<string>() ?? "";
            var content = kind == "template" ? body["template_id"]?.GetValue<string>() : body["text"]?["content"]?.GetValue<string>();
            if (kind == "custom" && (msgType != "text" || string.IsNullOrEmpty(content)))
            {
                return Error(40008, "invalid message type");
            }

            if (kind == "custom" && _lastUserMessage.TryGetValue(toUser, out var last) && time.GetUtcNow() - last > TimeSpan.FromHours(48))
            {
                return Error(45015, "response out of time limit or subscription is canceled");
            }

            if (kind == "template" && (string.IsNullOrEmpty(content) || body["data"] is not JsonObject))
            {
                return Error(40037, "invalid template_id");
            }

            recorded = new RecordedMessage(++_nextMsgId, kind, issued.AppId, toUser, msgType, content, request.Raw, time.GetUtcNow());
            _messages.Add(recorded);
        }

        var ok = Error(0, "ok");
        if (kind == "template")
        {
            ok["msgid"] = recorded.MsgId;
        }

        return ok;
    }

    private static JsonObject Error(int code, string message) => new() { ["errcode"] = code, ["errmsg"] = message };
}
