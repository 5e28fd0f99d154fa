using System.Text;

namespace Complaints.Host;

/// <summary>
/// The legacy code pages (GB2312, GBK, GB18030, Big5, Windows-125x) .NET leaves out by default: registered once by
/// the host at start, before any plugin loads, so a plugin decodes a GBK e-mail or CSV with
/// <c>Encoding.GetEncoding("GBK")</c> without registering anything itself.
/// </summary>
public static class PlatformEncodings
{
    /// <summary>Registers <see cref="CodePagesEncodingProvider"/>; registering it again is harmless.</summary>
    public static void RegisterLegacyCodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
