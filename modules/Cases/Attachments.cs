using Complaints.Texts;

namespace Complaints.Cases;

/// <summary>
/// A file of a case as the case refers to it: its content is stored once under <see cref="Sha256"/> (content-addressed,
/// written durably before the case refers to it); <see cref="ContentType"/> is what the content was sniffed to be.
/// </summary>
public sealed record AttachmentFile(string Id, string Name, string ContentType, long Size, string Sha256);

/// <summary>
/// A tenant's limits on attachments (<c>Tenants:{t}:Attachments:MaxBytes</c>, <c>MaxCount</c>, <c>Types</c>): the
/// largest file, the most files per case, and the content types accepted (as sniffed by <see cref="FileTypes"/>).
/// </summary>
public sealed record AttachmentRules(long MaxBytes, int MaxCount, IReadOnlySet<string> Types)
{
    /// <summary>10 MiB: a phone photo, a scanned page or a minute of voice fits.</summary>
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    public const int DefaultMaxCount = 20;

    /// <summary>Photos, scans (PDF) and voice messages (WeChat's AMR and SILK, MP3, WAV).</summary>
    public static IReadOnlySet<string> DefaultTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        FileTypes.Jpeg, FileTypes.Png, FileTypes.Gif, FileTypes.Webp, FileTypes.Pdf,
        FileTypes.Amr, FileTypes.Silk, FileTypes.Mp3, FileTypes.Wav,
    };

    public static AttachmentRules Default { get; } = new(DefaultMaxBytes, DefaultMaxCount, DefaultTypes);

    /// <summary>
    /// Why a file of <paramref name="size"/> bytes sniffed as <paramref name="contentType"/> (null: not recognised) cannot
    /// be the (<paramref name="countSoFar"/>+1)-th file of a case; null when it can. <paramref name="field"/> names it.
    /// </summary>
    public Refusal? Check(string? name, string? contentType, long size, int countSoFar, string field) =>
        size <= 0 ? new Refusal(RefusalKind.Invalid, new Text(TextKeys.Attachments.Empty), field)
        : size > MaxBytes ? new Refusal(RefusalKind.Invalid, new Text(TextKeys.Attachments.TooLarge, MaxBytes), field)
        : contentType is null || !Types.Contains(contentType)
            ? new Refusal(RefusalKind.Invalid, new Text(TextKeys.Attachments.TypeRefused, contentType ?? "?", string.Join(", ", Types.Order(StringComparer.Ordinal))), field)
        : string.IsNullOrWhiteSpace(name) || InputText.Problem(name, InputLimits.FileName) is not null
            ? new Refusal(RefusalKind.Invalid, new Text(TextKeys.Attachments.Name), field)
        : countSoFar >= MaxCount ? new Refusal(RefusalKind.Invalid, new Text(TextKeys.Attachments.TooMany, MaxCount), field)
        : null;
}

/// <summary>
/// What a file is, from its first bytes (magic numbers), never from its name or the type its sender claims: a script
/// named photo.jpg is not a photo. Pure.
/// </summary>
public static class FileTypes
{
#pragma warning disable CS1591 // the names say it all
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Gif = "image/gif";
    public const string Webp = "image/webp";
    public const string Pdf = "application/pdf";
    public const string Amr = "audio/amr";
    public const string Silk = "audio/silk";
    public const string Mp3 = "audio/mpeg";
    public const string Wav = "audio/wav";
    public const string Ogg = "audio/ogg";
#pragma warning restore CS1591

    /// <summary>How many leading bytes <see cref="Sniff"/> needs at most.</summary>
    public const int HeaderLength = 16;

    /// <summary>The content type the bytes are, or null when none of the known formats.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8) ? Gif
        : content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) ? Webp
        : content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WAVE"u8) ? Wav
        : content.StartsWith("%PDF-"u8) ? Pdf
        : content.StartsWith("#!AMR\n"u8) ? Amr
        // WeChat's SILK voice starts with a 0x02 byte before the format's own header.
        : content.StartsWith("#!SILK_V3"u8) || content.StartsWith("\u0002#!SILK_V3"u8) ? Silk
        : content.StartsWith("ID3"u8) || (content.Length >= 2 && content[0] == 0xFF && (content[1] & 0xE0) == 0xE0 && (content[1] & 0x06) != 0) ? Mp3
        : content.StartsWith("OggS"u8) ? Ogg
        : null;

    /// <summary>Whether the browser may show the type in the page (images); everything else is downloaded.</summary>
    public static bool IsImage(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>The usual file name extension of a type (for a file that came without a name).</summary>
    public static string Extension(string? contentType) => contentType switch
    {
        Jpeg => ".jpg",
        Png => ".png",
        Gif => ".gif",
        Webp => ".webp",
        Pdf => ".pdf",
        Amr => ".amr",
        Silk => ".silk",
        Mp3 => ".mp3",
        Wav => ".wav",
        Ogg => ".ogg",
        _ => ".bin",
    };

    /// <summary>
    /// The name to keep: the last segment of what the source sent (a browser may send a whole path), trimmed; when
    /// nothing is left, <paramref name="fallback"/> with the type's extension.
    /// </summary>
    public static string NameOf(string? sent, string fallback, string? contentType)
    {
        var name = sent?.Replace('\\', '/');
        name = name?[(name.LastIndexOf('/') + 1)..].Trim();
        return string.IsNullOrEmpty(name) ? fallback + Extension(contentType) : name;
    }
}
