namespace Complaints.Grains;

/// <summary>
/// A file the case is to refer to, its content already stored: what it was sniffed to be, its size and its SHA-256
/// (the content's address). Built by the platform from the bytes it received, never taken from a client's body.
/// </summary>
[GenerateSerializer, Alias("attach"), Immutable]
public sealed record AttachRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string ContentType,
    [property: Id(3)] long Size,
    [property: Id(4)] string Sha256);

/// <summary>A file as it arrived (an upload, a channel's photo or scan): the name its source gave and its bytes.</summary>
public sealed record AttachmentUpload(string? Name, ReadOnlyMemory<byte> Content);

/// <summary>One file of a case as the API shows it (docs/api.md, Attachments).</summary>
public sealed record AttachmentView(string Id, string Name, string ContentType, long Size, string Sha256, DateTimeOffset AddedAt, string AddedBy)
{
    /// <summary>An image a browser may show inline; every other file is offered as a download.</summary>
    public bool IsImage => Complaints.Cases.FileTypes.IsImage(ContentType);
}

/// <summary>
/// What adding, listing or opening files came to: the file(s), or why not (nothing stored then). <see cref="TooLarge"/>
/// marks a file over the tenant's size limit (413). <see cref="Content"/> is the opened file's bytes; the caller disposes it.
/// </summary>
public sealed record AttachmentOutcome(
    OutcomeKind Kind,
    AttachmentView? File = null,
    IReadOnlyList<AttachmentView>? Files = null,
    Stream? Content = null,
    string? Message = null,
    string? Field = null,
    bool TooLarge = false);

/// <summary>
/// The one way files reach a case and are read back, for the API and the workbench alike: the content is sniffed and
/// checked against the tenant's limits and the case's rules first, then stored (durably, content-addressed), and only
/// then does the case refer to it (an <c>attachment-added</c> event with its metadata row). Who may read a case may
/// read its files.
/// </summary>
public interface ICaseAttachments
{
    /// <summary>The tenant's largest file in bytes (a reader may stop reading an upload beyond it).</summary>
    long MaxBytes(string tenant);

    /// <summary>The tenant's most files per case.</summary>
    int MaxCount(string tenant);

    /// <summary>Whether <paramref name="actor"/> may add files to the case at all (asked before an upload is read).</summary>
    Task<AttachmentOutcome> MayAddAsync(string tenant, string number, ActorInfo actor, CancellationToken cancellationToken = default);

    Task<AttachmentOutcome> AddAsync(string tenant, string number, AttachmentUpload file, ActorInfo actor, CancellationToken cancellationToken = default);

    Task<AttachmentOutcome> ListAsync(string tenant, string number, ActorInfo actor, CancellationToken cancellationToken = default);

    /// <summary>The file's metadata and its bytes (<see cref="AttachmentOutcome.Content"/>).</summary>
    Task<AttachmentOutcome> OpenAsync(string tenant, string number, string id, ActorInfo actor, CancellationToken cancellationToken = default);
}
