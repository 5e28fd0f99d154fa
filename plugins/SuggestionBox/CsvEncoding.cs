using System.Text;

namespace Complaints.Channels.SuggestionBox;

/// <summary>
/// The text of a CSV upload in the encodings Chinese offices save in: UTF-8 (with or without BOM), UTF-16 with BOM,
/// GB18030/GBK. Anything else is refused, never guessed into mojibake. GB18030 decodes almost any byte string, so
/// its text must also look like Chinese: CJK ideographs mostly from the common GB2312 set, ASCII and common
/// punctuation only (Shift-JIS kana land in the rare GBK extension; Latin-1 accents break the byte pairs or land
/// there too). A file whose every non-ASCII byte lies in 0xA1–0xDF reads as Shift-JIS half-width katakana as well
/// as GBK: ambiguous, refused.
/// </summary>
public static class CsvEncoding
{
    /// <summary>At most this share (in tenths) of the ideographs may come from outside GB2312.</summary>
    private const int MaxRareTenths = 1;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    /// <summary>The decoded text and the encoding's name, or a <see cref="SheetException"/> naming the file.</summary>
    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> data, string? fileName)
    {
        try
        {
            if (data.StartsWith("\uFEFF"u8))
            {
                return (StrictUtf8.GetString(data[3..]), "UTF-8");
            }

            if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            {
                return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true).GetString(data[2..]), "UTF-16LE");
            }

            if (data.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            {
                return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true).GetString(data[2..]), "UTF-16BE");
            }
        }
        catch (DecoderFallbackException)
        {
            throw Unknown(fileName);
        }

        try
        {
            return (StrictUtf8.GetString(data), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: GB18030 is the only other encoding accepted without a byte-order mark.
        }

        return DecodeChinese(data) is { } text ? (text, "GB18030") : throw Unknown(fileName);
    }

    /// <summary>The GB18030 text when the bytes decode strictly and the text reads as Chinese; otherwise null.</summary>
    public static string? DecodeChinese(ReadOnlySpan<byte> data)
    {
        var gb = Gb18030.Value;
        string text;
        try
        {
            text = gb.GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var katakanaBytesOnly = true;
        var highBytes = 0;
        foreach (var b in data)
        {
            if (b >= 0x80)
            {
                highBytes++;
                katakanaBytesOnly &= b is >= 0xA1 and <= 0xDF;
            }
        }

        if (highBytes > 0 && katakanaBytesOnly)
        {
            return null;
        }

        var ideographs = 0;
        var rare = 0;
        Span<byte> bytes = stackalloc byte[8];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                continue;
            }

            if (c is >= '\u4E00' and <= '\u9FFF')
            {
                ideographs++;
                var length = gb.GetBytes(text.AsSpan(i, 1), bytes);

                // GB2312's ideographs: both bytes in 0xB0–0xF7 / 0xA1–0xFE.
                if (length != 2 || bytes[0] is < 0xB0 or > 0xF7 || bytes[1] < 0xA1)
                {
                    rare++;
                }

                continue;
            }

            if (!IsCommonSymbol(c))
            {
                return null;
            }
        }

        return rare * 10 > ideographs * MaxRareTenths ? null : text;
    }

    /// <summary>Punctuation and symbols of ordinary Chinese office text.</summary>
    private static bool IsCommonSymbol(char c) => c switch
    {
        >= '\u3000' and <= '\u303F' => true, // CJK punctuation: 、。「」《》【】
        >= '\uFF01' and <= '\uFF5E' => true, // full-width ASCII: ，；：！？（）
        >= '\uFFE0' and <= '\uFFE5' => true, // ￥ ￡
        >= '\u2010' and <= '\u2027' => true, // dashes, quotes, …
        >= '\u2030' and <= '\u203B' => true, // ‰ ′ ″ ※
        >= '\u2460' and <= '\u24FF' => true, // ①②
        >= '\u2160' and <= '\u216B' => true, // Ⅰ Ⅱ
        >= '\u3220' and <= '\u3243' => true, // ㈠ ㈡
        >= '\u2190' and <= '\u2193' => true, // arrows
        >= '\u25A0' and <= '\u25CF' => true, // ■ □ ▲ ○ ●
        '\u2605' or '\u2606' or '\u00B7' or '\u00D7' or '\u00F7' or '\u00B0' or '\u2116' or '\u2103' or '\u00A7' => true,
        _ => false,
    };

    private static SheetException Unknown(string? fileName)
    {
        var name = new string([.. (fileName ?? "").Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Take(64)]);
        return new SheetException($"文件 {name} 的编码无法识别：请另存为 UTF-8 或 GB18030 (the encoding of {name} is not UTF-8, UTF-16 with BOM or GB18030/GBK)");
    }
}
