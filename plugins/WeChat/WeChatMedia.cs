using System.Net.Http.Headers;
using System.Text.Json;
using Complaints.Channels.WeChat.Api;

namespace Complaints.Channels.WeChat;

/// <summary>
/// Fetches a user's photo or voice message (<c>GET /cgi-bin/media/get?access_token=…&amp;media_id=…</c>): WeChat answers
/// the bytes with their Content-Type and a Content-Disposition naming the file, or JSON with an <c>errcode</c>. A token
/// WeChat refused (40001, 40014, 42001) is renewed once through the account's one holder and the fetch repeated (a read,
/// so repeating it is harmless).
/// </summary>
internal static class WeChatMedia
{
    /// <summary>WeChat's own limits on temporary material are 10 MB (images) and 2 MB (voice).</summary>
    private const long MaxBytes = 10 * 1024 * 1024;

    public static async Task<IntakeAttachment> FetchAsync(IWeChatApi api, WeChatTokenHolder holder, string mediaId, CancellationToken cancellationToken)
    {
        var token = await holder.GetAsync(cancellationToken).ConfigureAwait(false);
        var (file, errCode, errMsg) = await TryFetchAsync(api, token, mediaId, cancellationToken).ConfigureAwait(false);
        if (file is null && errCode is 40001 or 40014 or 42001)
        {
            token = await holder.RefreshAsync(token, cancellationToken).ConfigureAwait(false);
            (file, errCode, errMsg) = await TryFetchAsync(api, token, mediaId, cancellationToken).ConfigureAwait(false);
        }

        return file ?? throw new WeChatApiException(errCode, errMsg, $"Media {mediaId} could not be fetched");
    }

    private static async Task<(IntakeAttachment? File, int ErrCode, string? ErrMsg)> TryFetchAsync(IWeChatApi api, string token, string mediaId, CancellationToken cancellationToken)
    {
        using var response = await api.GetMediaAsync(token, mediaId, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var type = response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
        if (response.Content.Headers.ContentLength > MaxBytes)
        {
            throw new InvalidDataException($"Media {mediaId} is larger than {MaxBytes} bytes.");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (type is "application/json" or "text/plain")
        {
            // An error answer; the platform sniffs real content, so a JSON body is never mistaken for a file.
            using var error = JsonDocument.Parse(bytes);
            var code = error.RootElement.TryGetProperty("errcode", out var c) ? c.GetInt32() : -1;
            var message = error.RootElement.TryGetProperty("errmsg", out var m) ? m.GetString() : null;
            return (null, code, message);
        }

        return (new IntakeAttachment(NameOf(response.Content.Headers.ContentDisposition, mediaId), type, bytes), 0, null);
    }

    /// <summary>The file name WeChat gives (<c>filename="MEDIA_ID.jpg"</c>), or the media id.</summary>
    private static string NameOf(ContentDispositionHeaderValue? disposition, string mediaId) =>
        (disposition?.FileNameStar ?? disposition?.FileName)?.Trim('"') is { Length: > 0 } name ? name : mediaId;
}
