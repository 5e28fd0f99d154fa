using System.Globalization;

namespace Complaints.Channels.WeChat.Protocol;

/// <summary>
/// A message pushed by WeChat to the official account (plain-mode XML, or the decrypted safe-mode payload).
/// One sealed subtype per <c>MsgType</c> so handlers pattern-match instead of probing nullable fields.
/// </summary>
public abstract record WeChatInboundMessage
{
    /// <summary>The official account's original ID (gh_…).</summary>
    public required string ToUserName { get; init; }

    /// <summary>The sender's OpenID.</summary>
    public required string FromUserName { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    /// <summary>The raw <c>MsgType</c> value (text, image, voice, location, event, …).</summary>
    public required string MsgType { get; init; }

    /// <summary>Present on ordinary messages, absent on events.</summary>
    public long? MsgId { get; init; }

    /// <summary>
    /// WeChat retries a push up to three times; this key identifies the retries of one push:
    /// <c>MsgId</c> when present, else <c>FromUserName:CreateTime</c> (events). The two forms cannot collide
    /// because an OpenID is never purely numeric and the event form contains a colon.
    /// </summary>
    public string DeduplicationKey => MsgId is { } id
        ? id.ToString(CultureInfo.InvariantCulture)
        : string.Concat(FromUserName, ":", CreateTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
}

/// <summary><c>MsgType=text</c>.</summary>
public sealed record WeChatTextMessage : WeChatInboundMessage
{
    public required string Content { get; init; }
}

/// <summary><c>MsgType=image</c>.</summary>
public sealed record WeChatImageMessage : WeChatInboundMessage
{
    public required string PicUrl { get; init; }

    /// <summary>Fetch the image through the media API with this id (PicUrl is temporary).</summary>
    public required string MediaId { get; init; }
}

/// <summary><c>MsgType=voice</c>.</summary>
public sealed record WeChatVoiceMessage : WeChatInboundMessage
{
    public required string MediaId { get; init; }

    /// <summary>Audio format, e.g. amr or speex.</summary>
    public required string Format { get; init; }

    /// <summary>Speech-recognition text, only when recognition is enabled for the account.</summary>
    public string? Recognition { get; init; }
}

/// <summary><c>MsgType=location</c>: a location the user chose to send.</summary>
public sealed record WeChatLocationMessage : WeChatInboundMessage
{
    /// <summary><c>Location_X</c>: latitude.</summary>
    public required double LocationX { get; init; }

    /// <summary><c>Location_Y</c>: longitude.</summary>
    public required double LocationY { get; init; }

    /// <summary>Map zoom level, when sent.</summary>
    public int? Scale { get; init; }

    /// <summary>Human-readable place name; may be empty.</summary>
    public string? Label { get; init; }
}

/// <summary><c>MsgType=event</c>: subscribe, unsubscribe, CLICK, SCAN, …</summary>
public sealed record WeChatEventMessage : WeChatInboundMessage
{
    /// <summary>The event name exactly as sent (WeChat mixes cases: subscribe, CLICK).</summary>
    public required string Event { get; init; }

    public string? EventKey { get; init; }
}

/// <summary>A well-formed message of a type this channel does not handle (video, link, …); answer "success".</summary>
public sealed record WeChatUnsupportedMessage : WeChatInboundMessage;

/// <summary>The safe-mode body <c>&lt;xml&gt;&lt;ToUserName/&gt;&lt;Encrypt&gt;…&lt;/Encrypt&gt;&lt;/xml&gt;</c>.</summary>
public sealed record WeChatEncryptedEnvelope(string? ToUserName, string Encrypt);
