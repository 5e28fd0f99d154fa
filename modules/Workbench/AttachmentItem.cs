using System.Globalization;

namespace Complaints.Workbench;

/// <summary>One entry of <c>GET …/complaints/{number}/attachments</c> (docs/api.md: id, name, contentType, size, sha256).</summary>
public sealed record AttachmentItem(string Id, string Name, string ContentType, long Size, string Sha256)
{
    /// <summary>Shown inline: an image, as the API's download decides it (its inline disposition).</summary>
    public static bool IsImage(string? contentType) => contentType is not null && Complaints.Cases.FileTypes.IsImage(contentType);

    /// <summary>A size as people read it (KB, MB).</summary>
    public static string Readable(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };
}
