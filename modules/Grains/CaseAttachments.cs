using Complaints.Cases;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;

namespace Complaints.Grains;

/// <summary>
/// Files of cases (<see cref="ICaseAttachments"/>): sniff and check, ask the case whether it takes the file, store the
/// content (durable, content-addressed), then let the case refer to it. Reads go through the case's visibility first.
/// </summary>
public sealed class CaseAttachments(IGrainFactory grains, TenantDirectory tenants, IAttachments attachments, IAttachmentContents contents) : ICaseAttachments
{
    /// <summary>What a received file is: sniffed type, the name to keep, size, address and a new id.</summary>
    public static AttachRequest Describe(AttachmentUpload file) => Describe(file, Guid.CreateVersion7().ToString("N"));

    /// <summary>
    /// Files received together (one item's): their ids ascend in the order given, so the case lists them in that order
    /// (they share one time, and time-ordered ids drawn in one millisecond are random in their order).
    /// </summary>
    public static IReadOnlyList<AttachRequest> DescribeAll(IReadOnlyList<AttachmentUpload> files)
    {
        var ids = files.Select(_ => Guid.CreateVersion7().ToString("N")).Order(StringComparer.Ordinal).ToArray();
        return [.. files.Select((file, i) => Describe(file, ids[i]))];
    }

    private static AttachRequest Describe(AttachmentUpload file, string id)
    {
        var span = file.Content.Span;
        var type = FileTypes.Sniff(span[..Math.Min(span.Length, FileTypes.HeaderLength)]);
        // A type the sniffer does not know is kept as unknown: the tenant's list refuses it by name.
        return new AttachRequest(id, FileTypes.NameOf(file.Name, id, type), type ?? "application/octet-stream", span.Length, ContentAddress.Of(span));
    }

    public long MaxBytes(string tenant) =>
        tenants.Find(tenant) is { } t ? CaseRequests.RulesOf(t).AttachmentLimits.MaxBytes : AttachmentRules.DefaultMaxBytes;

    public int MaxCount(string tenant) =>
        tenants.Find(tenant) is { } t ? CaseRequests.RulesOf(t).AttachmentLimits.MaxCount : AttachmentRules.DefaultMaxCount;

    public async Task<AttachmentOutcome> MayAddAsync(string tenant, string number, ActorInfo actor, CancellationToken cancellationToken = default)
    {
        var seen = await Case(tenant, number).Get(actor);
        return !seen.Succeeded ? Refused(seen)
            : Parties.MayAddFiles(CaseRequests.ToActor(actor).Role) ? new AttachmentOutcome(OutcomeKind.Ok)
            : new AttachmentOutcome(OutcomeKind.Forbidden, Message: actor.Read(new Text(TextKeys.Refusals.Role, Words.Text(CaseRequests.ToActor(actor).Role))));
    }

    public async Task<AttachmentOutcome> AddAsync(string tenant, string number, AttachmentUpload file, ActorInfo actor, CancellationToken cancellationToken = default)
    {
        if (tenants.Find(tenant) is not { } found)
        {
            return new AttachmentOutcome(OutcomeKind.NotFound, Message: actor.Read(new Text(TextKeys.Access.UnknownTenant, tenant)));
        }

        var limit = CaseRequests.RulesOf(found).AttachmentLimits.MaxBytes;
        if (file.Content.Length > limit)
        {
            // Told apart from the other refusals: the API answers 413.
            return new AttachmentOutcome(OutcomeKind.Invalid, Message: actor.Read(new Text(TextKeys.Attachments.TooLarge, limit)), Field: "file", TooLarge: true);
        }

        var request = Describe(file);
        var complaint = Case(tenant, number);
        var may = await complaint.MayAttach(request, actor);
        if (!may.Succeeded)
        {
            return Refused(may);
        }

        await contents.PutAsync(file.Content, cancellationToken);
        var added = await complaint.Attach(request, actor);
        return added.Succeeded
            ? new AttachmentOutcome(OutcomeKind.Created, File: await FindAsync(tenant, number, request.Id, cancellationToken))
            : Refused(added);
    }

    public async Task<AttachmentOutcome> ListAsync(string tenant, string number, ActorInfo actor, CancellationToken cancellationToken = default)
    {
        var seen = await Case(tenant, number).Get(actor);
        return seen.Succeeded
            ? new AttachmentOutcome(OutcomeKind.Ok, Files: [.. (await attachments.ListAsync(tenant, number, cancellationToken)).Select(View)])
            : Refused(seen);
    }

    public async Task<AttachmentOutcome> OpenAsync(string tenant, string number, string id, ActorInfo actor, CancellationToken cancellationToken = default)
    {
        var seen = await Case(tenant, number).Get(actor);
        if (!seen.Succeeded)
        {
            return Refused(seen);
        }

        if (await attachments.FindAsync(tenant, number, id, cancellationToken) is not { } record
            || await contents.OpenAsync(record.Sha256, cancellationToken) is not { } content)
        {
            return new AttachmentOutcome(OutcomeKind.NotFound, Message: actor.Read(new Text(TextKeys.Attachments.NotFound, id)), Field: "id");
        }

        return new AttachmentOutcome(OutcomeKind.Ok, File: View(record), Content: content);
    }

    private async Task<AttachmentView?> FindAsync(string tenant, string number, string id, CancellationToken cancellationToken) =>
        await attachments.FindAsync(tenant, number, id, cancellationToken) is { } record ? View(record) : null;

    private static AttachmentView View(AttachmentRecord r) => new(r.Id, r.Name, r.ContentType, r.Size, r.Sha256, r.AddedAt, r.AddedBy);

    private static AttachmentOutcome Refused(CaseOutcome outcome) =>
        new(outcome.Kind, Message: outcome.Message, Field: outcome.Field);

    private ICaseGrain Case(string tenant, string number) => grains.GetGrain<ICaseGrain>(CaseKey.Of(tenant, number));
}
