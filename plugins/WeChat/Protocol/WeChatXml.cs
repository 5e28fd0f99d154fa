using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Complaints.Channels.WeChat.Protocol;

/// <summary>
/// Reads WeChat's inbound XML. The body comes from the internet, so the reader prohibits DTDs, resolves
/// nothing external, caps the size, and turns every defect into <see cref="WeChatProtocolException"/>.
/// </summary>
public static class WeChatXml
{
    /// <summary>A generous cap: real pushes are well under 2 KB.</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    /// <summary>Parses a plain-mode message (or a decrypted safe-mode payload).</summary>
    /// <param name="xml">The XML text.</param>
    /// <param name="maxBytes">Refuse bodies whose UTF-8 size exceeds this (<see cref="WeChatProtocolFailure.TooLarge"/>).</param>
    public static WeChatInboundMessage ParseMessage(string xml, int maxBytes = DefaultMaxBytes)
    {
        var root = Load(xml, maxBytes);
        var msgType = Required(root, "MsgType");
        var toUserName = Required(root, "ToUserName");
        var fromUserName = Required(root, "FromUserName");
        var createTime = ParseCreateTime(Required(root, "CreateTime"));
        var msgId = Optional(root, "MsgId") is { } id ? ParseMsgId(id) : (long?)null;

        WeChatInboundMessage message = msgType switch
        {
            "text" => new WeChatTextMessage
            {
                ToUserName = toUserName, FromUserName = fromUserName, CreateTime = createTime, MsgType = msgType, MsgId = msgId,
                Content = Required(root, "Content"),
            },
            "image" => new WeChatImageMessage
            {
                ToUserName = toUserName, FromUserName = fromUserName, CreateTime = createTime, MsgType = msgType, MsgId = msgId,
                PicUrl = Required(root, "PicUrl"),
                MediaId = Required(root, "MediaId"),
            },
            "voice" => new WeChatVoiceMessage
            {
                ToUserName = toUserName, FromUserName = fromUserName, CreateTime = createTime, MsgType = msgType, MsgId = msgId,
                MediaId = Required(root, "MediaId"),
                Format = Required(root, "Format"),
                Recognition = Optional(root, "Recognition"),
            },
            "location" => new WeChatLocationMessage
            {
                ToUserName = toUserName, FromUserName = fromUserName, CreateTime = createTime, MsgType = msgType, MsgId = msgId,
                LocationX = ParseCoordinate(Required(root, "Location_X"), "Location_X"),
                LocationY = ParseCoordinate(Required(root, "Location_Y"), "Location_Y"),
                Scale = Optional(root, "Scale") is { } scale ? ParseScale(scale) : null,
                Label = Optional(root, "Label"),
            },
            "event" => new WeChatEventMessage
            {
                ToUserName = toUserName, FromUserName = fromUserName, CreateTime = createTime, MsgType = msgType, MsgId = msgId,
                Event = Required(root, "Event"),
                EventKey = Optional(root, "EventKey"),
            },
            _ => new WeChatUnsupportedMessage
            {
                ToUserName = toUserName, FromUserName = fromUserName, CreateTime = createTime, MsgType = msgType, MsgId = msgId,
            },
        };
        return message;
    }

    /// <summary>Parses the safe-mode envelope; <c>Encrypt</c> is required and non-empty.</summary>
    public static WeChatEncryptedEnvelope ParseEnvelope(string xml, int maxBytes = DefaultMaxBytes)
    {
        var root = Load(xml, maxBytes);
        var encrypt = Required(root, "Encrypt");
        if (encrypt.Length == 0)
        {
            throw Malformed("Encrypt is empty.");
        }

        return new WeChatEncryptedEnvelope(Optional(root, "ToUserName"), encrypt);
    }

    private static XElement Load(string xml, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        // Characters never outnumber UTF-8 bytes, so the cheap length test settles most oversize bodies.
        if (xml.Length > maxBytes || Encoding.UTF8.GetByteCount(xml) > maxBytes)
        {
            throw new WeChatProtocolException(WeChatProtocolFailure.TooLarge, $"The XML body exceeds {maxBytes} bytes.");
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxBytes,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new WeChatProtocolException(WeChatProtocolFailure.Malformed, "The body is not acceptable XML.", ex);
        }

        var root = document.Root;
        if (root is null || root.Name != "xml")
        {
            throw Malformed("The root element must be <xml>.");
        }

        return root;
    }

    private static string Required(XElement root, string name) =>
        Optional(root, name) ?? throw Malformed($"<{name}> is missing.");

    /// <summary>A duplicated field is refused: two readers might pick different copies.</summary>
    private static string? Optional(XElement root, string name)
    {
        XElement? found = null;
        foreach (var element in root.Elements(name))
        {
            if (found is not null)
            {
                throw Malformed($"<{name}> occurs more than once.");
            }

            found = element;
        }

        if (found is null)
        {
            return null;
        }

        if (found.HasElements)
        {
            throw Malformed($"<{name}> must contain text only.");
        }

        return found.Value;
    }

    private static DateTimeOffset ParseCreateTime(string value)
    {
        if (long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        throw Malformed("<CreateTime> is not a unix time in seconds.");
    }

    private static long ParseMsgId(string value) =>
        long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw Malformed("<MsgId> is not a number.");

    private static int ParseScale(string value) =>
        int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var scale)
            ? scale
            : throw Malformed("<Scale> is not an integer.");

    private static double ParseCoordinate(string value, string name) =>
        double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var coordinate) && double.IsFinite(coordinate)
            ? coordinate
            : throw Malformed($"<{name}> is not a number.");

    private static WeChatProtocolException Malformed(string message) => new(WeChatProtocolFailure.Malformed, message);
}
