using Complaints.Grains;
using Complaints.Storage;
using Complaints.Texts;

namespace Complaints.Channels;

/// <summary>
/// What plugins see of the host: intake through the same path as the API, reply addresses, notices. Refusals come back
/// in zh-CN, the platform's language (a plugin shows them to the people of its channel).
/// </summary>
internal sealed class ChannelIntake(IComplaintIntake intake, IGrainFactory grains, IReplyAddresses addresses, IClockRecords records, TimeProvider time, ICaseAttachments files) : IChannelIntake
{
    private static readonly ActorInfo System = new("system", Roles.System);

    public async Task<IntakeReceipt> SubmitAsync(IntakeSubmission s, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(s.Channel))
        {
            return new IntakeReceipt(IntakeStatus.Refused, null, new Text(TextKeys.Input.Required).In(), "channel");
        }

        if (string.IsNullOrWhiteSpace(s.ExternalId))
        {
            return new IntakeReceipt(IntakeStatus.Refused, null, new Text(TextKeys.Refusals.ChannelItemId).In(), "externalId");
        }

        var request = new RegisterComplaintRequest
        {
            Channel = s.Channel,
            Kind = s.Kind,
            Content = s.Content,
            Category = s.Category,
            ReceivedAt = s.ReceivedAt,
            ExternalId = s.ExternalId,
            Complainant = new ComplainantInput(s.ComplainantName, s.Phone, s.Address, s.AccountNo, s.Anonymous, s.Email, s.OpenId),
            Target = s.TargetType is null && s.TargetName is null ? null : new TargetInput(s.TargetType, s.TargetName),
            Location = s.Location,
            RecomplaintOf = s.RecomplaintOf,
            ExternalDeadline = s.ExternalDeadline,
            // Saved in the registration's own transaction: a crash can lose neither the case nor where to answer it.
            // A WeChat user's OpenID is where the channel answers them: the full OpenID is kept only there.
            ReplyTo = s.ReplyTo ?? s.OpenId,
        };
        // The files are checked (type sniffed, the tenant's limits) and stored before the case refers to them.
        var files = (s.Attachments ?? []).Select(a => new AttachmentUpload(a.Name, a.Content)).ToList();
        var outcome = await intake.RegisterAsync(s.Tenant, request, files, new ActorInfo($"channel:{s.Channel}", Roles.Channel), cancellationToken);
        return outcome.Kind switch
        {
            OutcomeKind.Created => new IntakeReceipt(IntakeStatus.Created, outcome.Case!.Number),
            OutcomeKind.Duplicate or OutcomeKind.Ok => new IntakeReceipt(IntakeStatus.Existing, outcome.Case!.Number),
            OutcomeKind.NotFound => new IntakeReceipt(IntakeStatus.Refused, null, outcome.Message, "tenant"),
            _ => new IntakeReceipt(IntakeStatus.Refused, null, outcome.Message, outcome.Field),
        };
    }

    public IntakeAttachmentLimits AttachmentLimits(string tenant) => new(files.MaxBytes(tenant), files.MaxCount(tenant));

    public async Task<CaseSnapshot?> FindAsync(string tenant, string number, CancellationToken cancellationToken = default)
    {
        var outcome = await grains.GetGrain<ICaseGrain>(CaseKey.Of(tenant, number)).Get(System);
        return outcome.Case is { } c
            ? new CaseSnapshot(c.Tenant, c.Number, c.Channel, c.Kind, c.Status, c.Department, c.Result, c.RegisteredAt, c.ClosedAt)
            : null;
    }

    public Task<int> ForgetReplyAddressAsync(string tenant, string channel, string address, CancellationToken cancellationToken = default) =>
        addresses.ForgetAsync(tenant, channel, address, cancellationToken);

    public Task PublishNoticeAsync(string tenant, string audience, string text, string? number = null, CancellationToken cancellationToken = default) =>
        records.AddNotificationAsync(new Notification(Guid.NewGuid().ToString("N"), tenant, audience, number ?? "", "notice", null, null, time.GetUtcNow(), text), cancellationToken);
}
