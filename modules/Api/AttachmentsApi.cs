using System.Security.Claims;
using System.Text;
using Complaints.Grains;
using Complaints.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Complaints.Api;

/// <summary>One file of a case as the API returns it (docs/api.md, Attachments).</summary>
public sealed record AttachmentResponse(string Id, string Name, string ContentType, long Size, string Sha256, DateTimeOffset AddedAt, string AddedBy)
{
    internal static AttachmentResponse From(AttachmentView v) => new(v.Id, v.Name, v.ContentType, v.Size, v.Sha256, v.AddedAt, v.AddedBy);
}

/// <summary>
/// <c>POST/GET …/complaints/{number}/attachments</c> and <c>GET …/attachments/{id}</c>: thin HTTP over
/// <see cref="ICaseAttachments"/> (the workbench uses the same service). The upload is read part by part and counted
/// against the tenant's size limit as it arrives; a refused file stores nothing.
/// </summary>
internal static class AttachmentsApi
{
    /// <summary>What a multipart body may carry beyond the file itself (boundaries, part headers, a few small fields).</summary>
    private const long MultipartOverhead = 64 * 1024;

    /// <summary>The server's ceiling for the route; each request is then held to its tenant's limit.</summary>
    private const long UploadCeiling = 1024L * 1024 * 1024;

    private const string FileField = "file";

    public static void MapAttachmentsApi(this RouteGroupBuilder tenant)
    {
        var attachments = tenant.MapGroup("/complaints/{number}/attachments").WithTags("attachments");

        // No Accepts metadata: routing would answer a body of another type 415 before the access check; the endpoint
        // reads the multipart body itself and refuses anything else naming the field file.
        attachments.MapPost("/", Upload)
            .WithMetadata(new RequestSizeLimitAttribute(UploadCeiling))
            .Produces<AttachmentResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithName("attach")
            .WithSummary("Add a file to the case (multipart/form-data, field file): its type is sniffed from the content and held to the tenant's limits.");

        attachments.MapGet("/", List)
            .Produces<AttachmentResponse[]>()
            .WithSummary("The case's files in the order they were added.");

        attachments.MapGet("/{id}", Download)
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One file's bytes: images inline, anything else as a download; never sniffed by the browser.");
    }

    private static async Task<IResult> Upload(string tenant, string number, HttpRequest request, ClaimsPrincipal user, ICaseAttachments attachments)
    {
        // Who may not add files is told so before the body is read.
        var may = await attachments.MayAddAsync(tenant, number, user.Actor(), request.HttpContext.RequestAborted);
        if (!may.Succeeded())
        {
            return Refusal(may);
        }

        var limit = attachments.MaxBytes(tenant);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + MultipartOverhead;
        }

        var (file, problem) = await ReadFileAsync(request, limit);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await attachments.AddAsync(tenant, number, file!, user.Actor(), request.HttpContext.RequestAborted);
        return outcome switch
        {
            { Kind: OutcomeKind.Created, File: { } added } => TypedResults.Created($"/api/v1/tenants/{tenant}/complaints/{number}/attachments/{added.Id}", AttachmentResponse.From(added)),
            { TooLarge: true } => TooLarge(limit),
            _ => Refusal(outcome),
        };
    }

    private static async Task<IResult> List(string tenant, string number, ClaimsPrincipal user, ICaseAttachments attachments, CancellationToken cancellationToken)
    {
        var outcome = await attachments.ListAsync(tenant, number, user.Actor(), cancellationToken);
        return outcome.Succeeded() ? TypedResults.Ok(outcome.Files!.Select(AttachmentResponse.From).ToArray()) : Refusal(outcome);
    }

    private static async Task<IResult> Download(string tenant, string number, string id, HttpContext context, ClaimsPrincipal user, ICaseAttachments attachments, CancellationToken cancellationToken)
    {
        var outcome = await attachments.OpenAsync(tenant, number, id, user.Actor(), cancellationToken);
        if (!outcome.Succeeded() || outcome is not { File: { } file, Content: { } content })
        {
            return Refusal(outcome);
        }

        var headers = context.Response.Headers;
        headers.ContentDisposition = Disposition(file.Name, file.IsImage);
        // The type is what the platform sniffed; the browser must not guess another (an image that is also HTML).
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.Stream(content, file.ContentType);
    }

    /// <summary>
    /// <c>inline</c> for images (shown in the page), <c>attachment</c> for the rest; the name as RFC 6266 wants it for
    /// any script: <c>filename*=UTF-8''…</c> (percent-encoded, so 投诉照片.jpg arrives as itself) and an ASCII
    /// <c>filename</c> for old clients, with anything outside printable ASCII, quotes and backslashes replaced.
    /// </summary>
    internal static string Disposition(string name, bool inline)
    {
        var ascii = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            ascii.Append(c is >= ' ' and <= '~' and not '"' and not '\\' and not ';' ? c : '_');
        }

        var value = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        value.SetHttpFileName(ascii.ToString());
        value.FileNameStar = name;
        return value.ToString();
    }

    /// <summary>
    /// The part named <c>file</c>, read whole into memory up to <paramref name="limit"/> bytes (the largest a tenant
    /// allows is a few MiB); every other part is skipped. A body that is not multipart, has no such part or breaks off
    /// is a 400 naming <c>file</c>; a file over the limit a 413.
    /// </summary>
    private static async Task<(AttachmentUpload? File, IResult? Problem)> ReadFileAsync(HttpRequest request, long limit)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return (null, Invalid(new Text(TextKeys.Attachments.FileRequired)));
        }

        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            AttachmentUpload? found = null;
            while (await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted) is { } section)
            {
                if (found is null
                    && ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.IsFileDisposition()
                    && HeaderUtilities.RemoveQuotes(disposition.Name).Value == FileField)
                {
                    var bytes = await BodyLimits.ReadAsync(section.Body, limit, request.HttpContext.RequestAborted);
                    if (bytes is null)
                    {
                        return (null, TooLarge(limit));
                    }

                    var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    found = new AttachmentUpload(name, bytes);
                }
                else
                {
                    await section.Body.CopyToAsync(Stream.Null, request.HttpContext.RequestAborted);
                }
            }

            return found is null ? (null, Invalid(new Text(TextKeys.Attachments.FileRequired))) : (found, null);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or BadHttpRequestException)
        {
            return (null, Invalid(new Text(TextKeys.Attachments.FileRequired)));
        }
    }

    private static bool Succeeded(this AttachmentOutcome outcome) => outcome.Kind is OutcomeKind.Ok or OutcomeKind.Created;

    private static IResult Invalid(Text message) => ApiResults.Invalid(FileField, message);

    /// <summary>413 naming the field, with the tenant's limit.</summary>
    private static IResult TooLarge(long limit) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = new Text(TextKeys.Input.InvalidFields).In(ApiResults.Reader),
            Detail = new Text(TextKeys.Attachments.TooLarge, limit).In(ApiResults.Reader),
            Extensions = { ["errors"] = new Dictionary<string, string[]> { [FileField] = [new Text(TextKeys.Attachments.TooLarge, limit).In(ApiResults.Reader)] } },
        });

    private static IResult Refusal(AttachmentOutcome outcome) => ApiResults.Refusal(new CaseOutcome(outcome.Kind, Message: outcome.Message, Field: outcome.Field));
}
