using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.Json.Nodes;

namespace Complaints.Channels.Gov12345;

/// <summary>A file an order names (附件): its name, when the platform gives one, and its address as written.</summary>
internal sealed record OrderFile(int Index, string? Name, string? Address);

/// <summary>Why a file of an order did not come with it.</summary>
internal enum FileProblem
{
    /// <summary>No address, or one not on the tenant's platform (another host, another scheme, no platform configured).</summary>
    Address,

    /// <summary>More files than the tenant's limit per case.</summary>
    TooMany,

    /// <summary>Larger than the tenant's limit (its Content-Length, or what was read while streaming).</summary>
    TooLarge,

    /// <summary>The platform answered, but not with the file (404, 403, a redirect …): asking again will not help.</summary>
    NotServed,

    /// <summary>The platform did not serve it for now (no connection, timeout, 5xx, 408, 429): a later poll may.</summary>
    NoAnswer,

    /// <summary>The host refused it (its type as sniffed, its name, an empty file): the host's reason.</summary>
    Refused,
}

/// <summary>A file left out of the case, why, and the detail (a status, a limit, the host's reason); no personal data.</summary>
internal sealed record FileLeft(int Index, string Name, FileProblem Problem, string Detail)
{
    public bool Transient => Problem == FileProblem.NoAnswer;
}

/// <summary>What the fetch of an order's files gave: the files (with their place in the order) and those left out.</summary>
internal sealed record FetchedFiles(IReadOnlyList<(int Index, IntakeAttachment File)> Files, IReadOnlyList<FileLeft> Left);

/// <summary>
/// An order's files: read from the order through the tenant's field map (pure), each address checked to lie on the
/// tenant's own platform (relative to <c>BaseUrl</c>, or absolute on its scheme, host and port: an order never makes
/// the host fetch another address), then downloaded with the platform's own authenticated client, no redirect
/// followed, the tenant's size limit applied while reading and the whole download bounded by <c>AttachmentTimeout</c>.
/// </summary>
internal static class Gov12345OrderFiles
{
    /// <summary>Staff's texts of the plugin (it may not see the host's resource set): zh-CN, and en for the tests of both.</summary>
    private static readonly ResourceManager Texts = new("Complaints.Channels.Gov12345.Gov12345Texts", typeof(Gov12345OrderFiles).Assembly);

    private static readonly CultureInfo Staff = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>
    /// The files of an order: <c>Fields:Attachments</c> holds a list of objects (<c>Fields:AttachmentName</c>,
    /// <c>Fields:AttachmentUrl</c>) or of bare addresses; one object or one address alone is read as a list of one.
    /// </summary>
    public static IReadOnlyList<OrderFile> Of(Gov12345Settings settings, JsonObject order)
    {
        // Arrays, not collection expressions: those would build a JsonArray here and re-parent the order's own node.
        IEnumerable<JsonNode?> items = order[settings.Field("Attachments")] switch
        {
            JsonArray array => array,
            JsonObject one => new JsonNode?[] { one },
            JsonValue address => new JsonNode?[] { address },
            _ => Array.Empty<JsonNode?>(),
        };
        return [.. items.Where(i => i is not null).Select((item, index) => item switch
        {
            JsonObject file => new OrderFile(index, Gov12345OrderMapper.Text(file, settings.Field("AttachmentName")), Gov12345OrderMapper.Text(file, settings.Field("AttachmentUrl"))),
            JsonValue value => new OrderFile(index, null, value.GetValueKind() == System.Text.Json.JsonValueKind.String ? Blank(value.GetValue<string>()) : null),
            _ => new OrderFile(index, null, null),
        })];
    }

    /// <summary>
    /// The address of a file on the tenant's platform, or null when it is not there: relative addresses are read against
    /// <paramref name="platform"/>; an absolute one must have its scheme, host and port, and no user information.
    /// </summary>
    public static Uri? Resolve(Uri? platform, string? address)
    {
        if (platform is null || string.IsNullOrWhiteSpace(address) || !Uri.TryCreate(platform, address.Trim(), out var uri))
        {
            return null;
        }

        return uri.IsAbsoluteUri
            && string.Equals(uri.Scheme, platform.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.IdnHost, platform.IdnHost, StringComparison.OrdinalIgnoreCase)
            && uri.Port == platform.Port
            && uri.UserInfo.Length == 0
            ? uri
            : null;
    }

    /// <summary>Downloads the files one after another; never throws for a file (each failure is a <see cref="FileLeft"/>).</summary>
    public static async Task<FetchedFiles> FetchAsync(
        HttpClient client, Gov12345Settings settings, IReadOnlyList<OrderFile> files, IntakeAttachmentLimits limits, TimeProvider time, CancellationToken cancellationToken)
    {
        var fetched = new List<(int, IntakeAttachment)>();
        var left = new List<FileLeft>();
        foreach (var file in files)
        {
            var name = file.Name ?? NameFrom(file.Address) ?? $"attachment-{file.Index + 1}";
            if (fetched.Count >= limits.MaxCount)
            {
                left.Add(new FileLeft(file.Index, name, FileProblem.TooMany, limits.MaxCount.ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            if (Resolve(settings.BaseUrl, file.Address) is not { } address)
            {
                left.Add(new FileLeft(file.Index, name, FileProblem.Address, file.Address is null ? "no address" : "not on the platform"));
                continue;
            }

            var (content, type, problem, detail) = await DownloadAsync(client, address, limits.MaxBytes, settings.AttachmentTimeout, time, cancellationToken).ConfigureAwait(false);
            if (content is null)
            {
                left.Add(new FileLeft(file.Index, name, problem, detail));
                continue;
            }

            fetched.Add((file.Index, new IntakeAttachment(name, type, content)));
        }

        return new FetchedFiles(fetched, left);
    }

    private static async Task<(byte[]? Content, string Type, FileProblem Problem, string Detail)> DownloadAsync(
        HttpClient client, Uri address, long maxBytes, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = $"HTTP {(int)response.StatusCode}";
            if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                return (null, "", FileProblem.NoAnswer, status);
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, "", FileProblem.NotServed, status);
            }

            var type = response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream";
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return (null, type, FileProblem.TooLarge, maxBytes.ToString(CultureInfo.InvariantCulture));
            }

            // Read while counting: a missing or false Content-Length never makes the host hold more than the limit.
            await using var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            return await BoundedRead.ReadAsync(body, maxBytes, linked.Token).ConfigureAwait(false) is { } bytes
                ? (bytes, type, FileProblem.NoAnswer, "")
                : (null, type, FileProblem.TooLarge, maxBytes.ToString(CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException ex)
        {
            return (null, "", FileProblem.NoAnswer, ex.HttpRequestError.ToString());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "", FileProblem.NoAnswer, "timeout");
        }
        catch (IOException ex)
        {
            return (null, "", FileProblem.NoAnswer, ex.GetType().Name);
        }
    }

    /// <summary>The last segment of the address's path, unescaped; null when there is none.</summary>
    private static string? NameFrom(string? address)
    {
        if (address is null || !Uri.TryCreate(new Uri("http://platform/"), address, out var uri))
        {
            return null;
        }

        var last = Uri.UnescapeDataString(uri.AbsolutePath.TrimEnd('/').Split('/')[^1]);
        return string.IsNullOrWhiteSpace(last) ? null : last;
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The order's content with a note per file left out (staff read it on the case: which file, why, and that the
    /// original is on the 12345 platform); notes that would make the content longer than the intake takes are left
    /// to the log.
    /// </summary>
    public static string Noted(string content, IEnumerable<FileLeft> left)
    {
        var noted = content;
        foreach (var file in left.OrderBy(l => l.Index))
        {
            var note = "\n" + Note(file);
            if (noted.Length + note.Length <= IntakeLimits.ContentMaxLength)
            {
                noted += note;
            }
        }

        return noted;
    }

    /// <summary>One file's note, in staff's language.</summary>
    public static string Note(FileLeft file, CultureInfo? culture = null)
    {
        culture ??= Staff;
        var reason = file.Problem switch
        {
            FileProblem.Address => Text("file-address", culture),
            FileProblem.TooMany => string.Format(culture, Text("file-too-many", culture), file.Detail),
            FileProblem.TooLarge => string.Format(culture, Text("file-too-large", culture), Size(long.Parse(file.Detail, CultureInfo.InvariantCulture))),
            FileProblem.NotServed => string.Format(culture, Text("file-not-served", culture), file.Detail),
            FileProblem.NoAnswer => Text("file-no-answer", culture),
            _ => file.Detail,
        };
        return string.Format(culture, Text("file-left", culture), file.Name, reason);
    }

    /// <summary>A limit as staff read it: 10 MB, 512 KB, 100 B.</summary>
    private static string Size(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024.0):0.#} MB" : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} B";

    private static string Text(string key, CultureInfo culture) => Texts.GetString(key, culture) ?? throw new MissingManifestResourceException(key);
}
