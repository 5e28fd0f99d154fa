using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Complaints.Channels.SuggestionBox;

/// <summary>The bounds of one multipart upload (see <see cref="BoxUpload"/>).</summary>
/// <param name="SheetBytes">The sheet (field <c>file</c>): the tenant's <c>MaxUploadBytes</c>.</param>
/// <param name="RequestBytes">The whole request, scans and multipart framing included: <c>MaxUploadBytesWithScans</c>.</param>
public sealed record UploadBounds(long SheetBytes, long RequestBytes)
{
    /// <summary>Files in field <c>scans</c>: two (front and back) for each of the most rows a sheet may have.</summary>
    public int MaxScans { get; init; } = 2 * SuggestionBoxPlugin.MaxItems;

    /// <summary>Bytes of one typed field of the single-entry form (the content is at most 2000 characters).</summary>
    public int FieldBytes { get; init; } = 16 * 1024;

    /// <summary>Typed fields of the single-entry form.</summary>
    public int MaxFields { get; init; } = 32;
}

/// <summary>Why an upload is refused whole: the status (400 or 413), the field named and, for a bound, its name.</summary>
public sealed record UploadProblem(int Status, string Field, string Message, string? Limit = null);

/// <summary>
/// One multipart upload of the suggestion box, read as it streams in: the sheet (field <c>file</c>) into memory up to
/// its bound, the scans (field <c>scans</c>, one file per part, as many parts as there are files) into a
/// <see cref="ScanSpool"/> on disk, the single-entry form's typed fields into <see cref="Fields"/>. The whole body is
/// counted while it is read, announced or chunked, so nothing grows past <see cref="UploadBounds"/>.
/// </summary>
public sealed class BoxUpload : IAsyncDisposable
{
    public const string SheetField = "file";
    public const string ScansField = "scans";

    /// <summary>How much of an over-bound body is read only to be dropped.</summary>
    private const long DroppedBytes = 1024 * 1024;

    private BoxUpload()
    {
    }

    /// <summary>The sheet's name as uploaded and its bytes; null when the upload has none.</summary>
    public (string Name, byte[] Content)? Sheet { get; private set; }

    /// <summary>The typed (non-file) fields, by name; kept only when <see cref="ReadAsync"/> is asked to.</summary>
    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    public ScanSpool Scans { get; } = new();

    public ValueTask DisposeAsync() => Scans.DisposeAsync();

    /// <summary>Whether the request is a multipart form (else the endpoint reads its other body type, or refuses it).</summary>
    public static bool IsMultipart(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request?.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the whole upload; the problem instead when it is not multipart, malformed, over a bound, or names two
    /// scans alike. <paramref name="keepFields"/>: keep the typed fields (the single-entry form) instead of skipping them.
    /// </summary>
    public static async Task<(BoxUpload? Upload, UploadProblem? Problem)> ReadAsync(HttpRequest request, UploadBounds bounds, bool keepFields, string missingField)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(bounds);
        if (request.ContentLength is { } length && length > bounds.RequestBytes)
        {
            // A body a little over the bound is read to its end and dropped first: a client still sending it then gets
            // the 413, not a connection reset under it. A far larger one is refused unread, and the connection closes.
            if (length <= bounds.RequestBytes + DroppedBytes && request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } drop)
            {
                drop.MaxRequestBodySize = length;
                await request.Body.CopyToAsync(Stream.Null, request.HttpContext.RequestAborted);
            }

            return (null, TooLarge(bounds.RequestBytes));
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return (null, new UploadProblem(StatusCodes.Status400BadRequest, missingField, $"请以 multipart/form-data 上传 (upload as multipart/form-data, field '{missingField}')"));
        }

        // The server counts too (a chunked body past it is cut off), where it lets the limit be set for this request.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = bounds.RequestBytes;
        }

        var upload = new BoxUpload();
        UploadProblem? problem;
        try
        {
            problem = await upload.FillAsync(new BoundedStream(request.Body, bounds.RequestBytes), boundary, bounds, keepFields, request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is UploadTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            problem = TooLarge(bounds.RequestBytes);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BadHttpRequestException)
        {
            // A truncated body, a missing or bad boundary, a malformed part header: the client's mistake, not ours.
            problem = new UploadProblem(StatusCodes.Status400BadRequest, missingField, "multipart 格式错误 (malformed multipart body)");
        }
        catch
        {
            await upload.DisposeAsync();
            throw;
        }

        if (problem is null)
        {
            return (upload, null);
        }

        await upload.DisposeAsync();
        return (null, problem);
    }

    private async Task<UploadProblem?> FillAsync(Stream body, string boundary, UploadBounds bounds, bool keepFields, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                continue;
            }

            var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition() && field == SheetField && Sheet is null)
            {
                var bytes = await BoundedRead.ReadAsync(section.Body, bounds.SheetBytes, cancellationToken);
                if (bytes is null)
                {
                    return new UploadProblem(StatusCodes.Status413PayloadTooLarge, SheetField, $"表格最多 {bounds.SheetBytes} 字节 (a sheet is at most {bounds.SheetBytes} bytes)", "uploadBytes");
                }

                Sheet = (FileName(disposition), bytes);
            }
            else if (field == ScansField)
            {
                // Every part of the field is a scan: one without a file name cannot be named by a row.
                var name = ScanNames.Normalize(FileName(disposition));
                if (name.Length == 0)
                {
                    return new UploadProblem(StatusCodes.Status400BadRequest, ScansField, "扫描件没有文件名 (a scan without a file name)");
                }

                if (Scans.All.Count >= bounds.MaxScans)
                {
                    return new UploadProblem(StatusCodes.Status400BadRequest, ScansField, $"一次最多 {bounds.MaxScans} 个扫描件 (at most {bounds.MaxScans} scans per upload)", "scans");
                }

                if (!await Scans.AddAsync(name, section.ContentType ?? "application/octet-stream", section.Body, cancellationToken))
                {
                    return new UploadProblem(StatusCodes.Status400BadRequest, ScansField, $"有两个扫描件都叫 {name}，无法区分 (two scans are named {name})");
                }
            }
            else if (keepFields && !disposition.IsFileDisposition() && field.Length > 0)
            {
                if (Fields.Count >= bounds.MaxFields || Fields.ContainsKey(field))
                {
                    return new UploadProblem(StatusCodes.Status400BadRequest, field, $"字段 {field} 重复或字段过多 (a field given twice, or too many fields)");
                }

                var bytes = await BoundedRead.ReadAsync(section.Body, bounds.FieldBytes, cancellationToken);
                if (bytes is null)
                {
                    return new UploadProblem(StatusCodes.Status400BadRequest, field, $"最多 {bounds.FieldBytes} 字节 (at most {bounds.FieldBytes} bytes)");
                }

                Fields[field] = System.Text.Encoding.UTF8.GetString(bytes);
            }
            else
            {
                // Another field: read past it (it still counts against the whole request's bound).
                await section.Body.CopyToAsync(Stream.Null, cancellationToken);
            }
        }

        return null;
    }

    private static string FileName(ContentDispositionHeaderValue disposition) =>
        disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value ?? "" : HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "";

    private static UploadProblem TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, ScansField, $"一次上传（表格与扫描件）最多 {limit} 字节 (an upload with its scans is at most {limit} bytes)", "uploadWithScansBytes");

    private sealed class UploadTooLargeException : Exception;

    /// <summary>The request body, throwing as soon as more than <c>limit</c> bytes have come: the bound holds for any body.</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw new UploadTooLargeException() : read;
        }
    }
}
