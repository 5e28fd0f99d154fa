using System.Globalization;
using System.Text;
using System.Xml;

namespace Complaints.Channels.WeChat.Protocol;

/// <summary>
/// Builds the XML answered synchronously to a push (a passive reply), and its safe-mode wrapper.
/// Written by hand because WeChat expects this exact shape with CDATA sections.
/// </summary>
public static class WeChatReply
{
    /// <summary>The body that acknowledges a push without replying; WeChat then stops retrying.</summary>
    public const string Success = "success";

    /// <summary>A passive text reply.</summary>
    /// <param name="toUserName">The user's OpenID (the inbound <c>FromUserName</c>).</param>
    /// <param name="fromUserName">The official account's original ID (the inbound <c>ToUserName</c>).</param>
    /// <param name="createTime">Sent as unix seconds.</param>
    /// <param name="content">Any text; <c>]]&gt;</c> is split across CDATA sections, XML-illegal characters are refused.</param>
    public static string BuildText(string toUserName, string fromUserName, DateTimeOffset createTime, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var xml = new StringBuilder(256 + content.Length);
        xml.Append("<xml><ToUserName>");
        AppendCData(xml, toUserName);
        xml.Append("</ToUserName><FromUserName>");
        AppendCData(xml, fromUserName);
        xml.Append("</FromUserName><CreateTime>")
            .Append(createTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            .Append("</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>");
        AppendCData(xml, content);
        xml.Append("</Content></xml>");
        return xml.ToString();
    }

    /// <summary>The safe-mode reply wrapper around an already encrypted and signed reply.</summary>
    public static string BuildEncrypted(string encrypt, string msgSignature, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(encrypt);
        var xml = new StringBuilder(encrypt.Length + 200);
        xml.Append("<xml><Encrypt>");
        AppendCData(xml, encrypt);
        xml.Append("</Encrypt><MsgSignature>");
        AppendCData(xml, msgSignature);
        xml.Append("</MsgSignature><TimeStamp>");
        AppendText(xml, timestamp);
        xml.Append("</TimeStamp><Nonce>");
        AppendCData(xml, nonce);
        xml.Append("</Nonce></xml>");
        return xml.ToString();
    }

    /// <summary>
    /// Wraps text in CDATA. A CDATA section cannot contain <c>]]&gt;</c>, so each occurrence is split as
    /// <c>]]]]&gt;&lt;![CDATA[&gt;</c>; the parser joins the sections back into the original text.
    /// </summary>
    private static void AppendCData(StringBuilder xml, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        EnsureXmlChars(value);
        xml.Append("<![CDATA[").Append(value.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)).Append("]]>");
    }

    private static void AppendText(StringBuilder xml, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        EnsureXmlChars(value);
        xml.Append(value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));
    }

    /// <summary>Control characters cannot appear in XML 1.0 at all, not even in CDATA; refuse rather than alter the text.</summary>
    private static void EnsureXmlChars(string value)
    {
        try
        {
            XmlConvert.VerifyXmlChars(value);
        }
        catch (XmlException ex)
        {
            throw new ArgumentException("The text contains characters that XML cannot carry.", nameof(value), ex);
        }
    }
}
