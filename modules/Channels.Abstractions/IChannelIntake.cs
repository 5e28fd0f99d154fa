namespace Complaints.Channels;

/// <summary>The host's one way in for complaints, offered to plugins through dependency injection.</summary>
public interface IChannelIntake
{
    /// <summary>
    /// Registers an item, idempotent on the plugin's channel + <see cref="IntakeSubmission.ExternalId"/>: the same
    /// item again returns the existing case (<see cref="IntakeStatus.Existing"/>) and creates nothing.
    /// </summary>
    Task<IntakeReceipt> SubmitAsync(IntakeSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>A case's public facts (status, department, result), or null when the tenant has no such case.</summary>
    Task<CaseSnapshot?> FindAsync(string tenant, string number, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets a reply address everywhere it is kept for the tenant and channel (e.g. a WeChat OpenID on
    /// <c>unsubscribe</c>); returns how many cases held it. Replies to those cases are no longer sent.
    /// </summary>
    Task<int> ForgetReplyAddressAsync(string tenant, string channel, string address, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes a notice to the tenant's staff (e.g. a company-wide notice, 通报, after a rating of two stars or
    /// fewer, seed 004 §4.5). <paramref name="audience"/> is <c>all</c>, <c>role:{role}</c> or <c>department:{id}</c>.
    /// </summary>
    Task PublishNoticeAsync(string tenant, string audience, string text, string? number = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's limits on an item's files (<c>Tenants:{t}:Attachments</c>), for a plugin that downloads them: read
    /// no file beyond <see cref="IntakeAttachmentLimits.MaxBytes"/>, fetch no more than <see cref="IntakeAttachmentLimits.MaxCount"/>.
    /// </summary>
    IntakeAttachmentLimits AttachmentLimits(string tenant) => IntakeAttachmentLimits.Default;
}

/// <summary>
/// One item from a channel. Field names and values follow the unified API (<c>kind</c>: complaint, inquiry,
/// suggestion, repair, praise; <c>targetType</c>: company, department, staff).
/// </summary>
public sealed record IntakeSubmission
{
    public required string Tenant { get; init; }

    /// <summary>The channel the item came through: the plugin's own <see cref="IChannelPlugin.Id"/>.</summary>
    public required string Channel { get; init; }

    /// <summary>The item's id at its source (MsgId, call id, work-order number, row key): the idempotency key.</summary>
    public required string ExternalId { get; init; }

    public required string Kind { get; init; }

    public required string Content { get; init; }

    public string? Category { get; init; }

    /// <summary>When the item reached the company (a suggestion box's opening date can be days before entry).</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    public string? ComplainantName { get; init; }

    public string? Phone { get; init; }

    /// <summary>The complainant's e-mail address: a contact like the phone (masked wherever shown, revealed audited).</summary>
    public string? Email { get; init; }

    /// <summary>The complainant's WeChat OpenID: a contact like the phone (masked wherever shown, revealed audited).</summary>
    public string? OpenId { get; init; }

    public string? Address { get; init; }

    public string? AccountNo { get; init; }

    public bool Anonymous { get; init; }

    public string? TargetType { get; init; }

    public string? TargetName { get; init; }

    public string? Location { get; init; }

    public string? RecomplaintOf { get; init; }

    /// <summary>The source's own deadline (a 12345 work order's time limit): it wins over the tenant's.</summary>
    public DateTimeOffset? ExternalDeadline { get; init; }

    /// <summary>Where the channel answers the customer (a WeChat OpenID, a phone number); kept apart from the case.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>Files that came with the item (a photo, a voice message, a scan, an e-mail's attachments).</summary>
    public IReadOnlyList<IntakeAttachment> Attachments { get; init; } = [];
}

/// <summary>
/// One file of an item: its name at the source, the content type the source claims (the host sniffs the content and
/// does not trust it) and its bytes.
/// </summary>
public sealed record IntakeAttachment(string Name, string ContentType, ReadOnlyMemory<byte> Content);

public enum IntakeStatus
{
    Created,
    /// <summary>The same channel + external id was registered before; nothing new was created.</summary>
    Existing,
    /// <summary>Bad input: <see cref="IntakeReceipt.Field"/> names the field, <see cref="IntakeReceipt.Problem"/> says why.</summary>
    Refused,
}

public sealed record IntakeReceipt(IntakeStatus Status, string? Number, string? Problem = null, string? Field = null)
{
    public bool Accepted => Status is IntakeStatus.Created or IntakeStatus.Existing;
}

/// <summary>What a channel may know of a case: no personal data.</summary>
public sealed record CaseSnapshot(string Tenant, string Number, string Channel, string Kind, string Status, string? Department, string? Result, DateTimeOffset RegisteredAt, DateTimeOffset? ClosedAt);
