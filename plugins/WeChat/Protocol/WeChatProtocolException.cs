namespace Complaints.Channels.WeChat.Protocol;

/// <summary>Why an inbound WeChat request was refused; callers map every reason to one opaque HTTP answer.</summary>
public enum WeChatProtocolFailure
{
    /// <summary>The signature or msg_signature does not match the token.</summary>
    BadSignature,

    /// <summary>The decrypted payload names another official account.</summary>
    BadAppId,

    /// <summary>The decrypted block does not end in valid 32-byte PKCS#7 padding.</summary>
    BadPadding,

    /// <summary>The length prefix inside the decrypted payload is impossible.</summary>
    BadLength,

    /// <summary>Not well-formed XML, base64 or UTF-8, a DTD, or a missing/duplicated field.</summary>
    Malformed,

    /// <summary>The timestamp is outside the allowed clock skew.</summary>
    Stale,

    /// <summary>The body is larger than the configured cap.</summary>
    TooLarge,
}

/// <summary>
/// Raised on any protocol violation or tampering. The <see cref="Reason"/> is for logs and tests;
/// do not reveal it to the sender (it would help probing).
/// </summary>
public sealed class WeChatProtocolException : Exception
{
    public WeChatProtocolException(WeChatProtocolFailure reason, string message)
        : base(message) => Reason = reason;

    public WeChatProtocolException(WeChatProtocolFailure reason, string message, Exception innerException)
        : base(message, innerException) => Reason = reason;

    public WeChatProtocolFailure Reason { get; }
}
