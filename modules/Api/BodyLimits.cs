using Complaints.Texts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Complaints.Api;

/// <summary>
/// Request body limits per endpoint. An endpoint (or group) declares its limit as <see cref="IRequestSizeLimitMetadata"/>
/// (<c>.WithMetadata(new RequestSizeLimitAttribute(bytes))</c>); routing hands it to the server, which counts the bytes
/// as they arrive, chunked or not, and throws a 413 <see cref="BadHttpRequestException"/> past it. The JSON reader turns
/// that into problem details itself; <see cref="BadHttpRequestHandler"/> does it for any other reader (plugins, uploads).
/// </summary>
internal static class BodyLimits
{
    /// <summary>The endpoint's declared limit, or the JSON API's.</summary>
    public static long Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? InputLimits.JsonBodyBytes;

    /// <summary>
    /// The body's bytes, or null when there are more than <paramref name="limit"/>. Counted here too, so the limit holds
    /// where the server's cannot be set (a server without the feature, a body already started).
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength is { } length && length > limit)
        {
            await DropAsync(request, length);
            return null;
        }

        return await ReadAsync(request.Body, limit, request.HttpContext.RequestAborted);
    }

    /// <summary>The stream's bytes (a body, a multipart section), or null as soon as there are more than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A body announced a little over the limit is read to its end and dropped before the refusal: a client still
    /// sending it then gets the 413, not a connection reset under it (the server would close on the unread rest). A far
    /// larger one is refused without reading it, and the connection closes.
    /// </summary>
    private static async Task DropAsync(HttpRequest request, long length)
    {
        if (length <= DroppedBytes && request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = length;
            await request.Body.CopyToAsync(Stream.Null, request.HttpContext.RequestAborted);
        }
    }

    /// <summary>How much of an over-limit body is read only to be dropped (see <see cref="DropAsync"/>).</summary>
    private const long DroppedBytes = 1024 * 1024;
}
