using System.Text.Json.Serialization;
using Complaints.Texts;

namespace Complaints.Grains;

/// <summary>
/// Who is acting, as the API authenticated them, and the language they read (<c>zh-CN</c> or <c>en</c>, from
/// Accept-Language; null reads zh-CN): refusals are rendered in it where they are decided, on any host of the cluster.
/// </summary>
[GenerateSerializer, Alias("actor"), Immutable]
public sealed record ActorInfo(
    [property: Id(0)] string User,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Department = null,
    [property: Id(3)] string? Culture = null)
{
    /// <summary><paramref name="text"/> in this actor's language.</summary>
    public string Read(Text text) => text.In(PlatformTexts.Choose(Culture));
}

[GenerateSerializer, Alias("complainant")]
public sealed record ComplainantInput(
    [property: Id(0)] string? Name = null,
    [property: Id(1)] string? Phone = null,
    [property: Id(2)] string? Address = null,
    [property: Id(3)] string? AccountNo = null,
    [property: Id(4)] bool Anonymous = false,
    [property: Id(5)] string? Email = null,
    // Set by channel plugins only (IntakeSubmission.OpenId), never by an API body; shown masked, revealed by /contact.
    [property: Id(6), JsonIgnore] string? OpenId = null);

[GenerateSerializer, Alias("target")]
public sealed record TargetInput(
    [property: Id(0)] string? Type,
    [property: Id(1)] string? Name = null);

/// <summary>The body of <c>POST /api/v1/tenants/{tenant}/complaints</c>, and what channel plugins submit.</summary>
[GenerateSerializer, Alias("register-complaint")]
public sealed record RegisterComplaintRequest
{
    [Id(0)] public string? Channel { get; init; }
    [Id(1)] public string? Kind { get; init; }
    [Id(2)] public string? Content { get; init; }
    [Id(3)] public string? Category { get; init; }
    [Id(4)] public DateTimeOffset? ReceivedAt { get; init; }
    [Id(5)] public string? ExternalId { get; init; }
    [Id(6)] public ComplainantInput? Complainant { get; init; }
    [Id(7)] public TargetInput? Target { get; init; }
    [Id(8)] public string? Location { get; init; }
    /// <summary>The number of the original case when the same matter is complained about again.</summary>
    [Id(9)] public string? RecomplaintOf { get; init; }
    /// <summary>A deadline set by the source (a 12345 work order's time limit): it wins over the tenant's.</summary>
    [Id(10)] public DateTimeOffset? ExternalDeadline { get; init; }
    /// <summary>
    /// Where the source channel answers the customer (an OpenID, a phone): saved with the registration, kept apart
    /// from the case. Set by channel plugins only; not part of the HTTP body, so no API caller can aim a channel's replies.
    /// </summary>
    [Id(11), JsonIgnore] public string? ReplyTo { get; init; }
    /// <summary>Flags set at registration (threat: threats of extreme behaviour, seed 003 art. 9).</summary>
    [Id(12)] public IReadOnlyList<string>? Flags { get; init; }
    /// <summary>The person named responsible for a flagged case.</summary>
    [Id(13)] public string? Responsible { get; init; }
    /// <summary>
    /// Files that came with the item, their contents already stored: set by the intake from the bytes it stored
    /// (<see cref="IComplaintIntake"/>), never part of the HTTP body, so no caller can point a case at stored content.
    /// </summary>
    [Id(14), JsonIgnore] public IReadOnlyList<AttachRequest>? Attachments { get; init; }
}
