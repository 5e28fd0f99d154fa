namespace Complaints.Channels;

/// <summary>
/// The limits the host applies to every <see cref="IntakeSubmission"/>: an item beyond one is refused
/// (<see cref="IntakeStatus.Refused"/>, the field named). Check them in the plugin to say why at the source, or to
/// shorten what may be long (an e-mail's Message-ID is often longer than <see cref="ExternalIdMaxLength"/>: hash it).
/// A copy of the host's own table of input limits; a test fails when one drifts from it.
/// </summary>
public static class IntakeLimits
{
    /// <summary>The longest <see cref="IntakeSubmission.ExternalId"/>, in UTF-16 characters.</summary>
    public const int ExternalIdMaxLength = 128;

    /// <summary>The longest <see cref="IntakeSubmission.Content"/>, in UTF-16 characters.</summary>
    public const int ContentMaxLength = 4000;

    /// <summary>The longest <see cref="IntakeSubmission.ComplainantName"/> and <see cref="IntakeSubmission.TargetName"/>.</summary>
    public const int NameMaxLength = 100;

    /// <summary>The longest <see cref="IntakeSubmission.Phone"/>.</summary>
    public const int PhoneMaxLength = 32;

    /// <summary>The longest <see cref="IntakeSubmission.Address"/>.</summary>
    public const int AddressMaxLength = 500;

    /// <summary>The longest <see cref="IntakeSubmission.Location"/>.</summary>
    public const int LocationMaxLength = 500;

    /// <summary>The longest <see cref="IntakeSubmission.AccountNo"/>.</summary>
    public const int AccountNoMaxLength = 64;

    /// <summary>The longest word of the platform's vocabulary: <see cref="IntakeSubmission.Category"/>, <see cref="IntakeSubmission.RecomplaintOf"/>.</summary>
    public const int IdentifierMaxLength = 64;

    /// <summary>
    /// <see cref="IntakeSubmission.ReceivedAt"/> may not lie in the future: at most this many seconds ahead of the
    /// host's clock (a source's clock running a little fast), otherwise the item is refused.
    /// </summary>
    public const int ReceivedAtToleranceSeconds = 300;

    /// <summary>
    /// The largest file of <see cref="IntakeSubmission.Attachments"/> a tenant takes unless it sets its own
    /// (<c>Tenants:{t}:Attachments:MaxBytes</c>); <see cref="IChannelIntake.AttachmentLimits"/> tells the tenant's.
    /// </summary>
    public const int AttachmentMaxBytes = 10 * 1024 * 1024;

    /// <summary>The most files of a case unless the tenant sets its own (<c>Tenants:{t}:Attachments:MaxCount</c>).</summary>
    public const int AttachmentMaxCount = 20;
}

/// <summary>
/// A tenant's limits on the files of an item (<see cref="IChannelIntake.AttachmentLimits"/>): a plugin that downloads
/// files stops reading one beyond <paramref name="MaxBytes"/> and fetches no more than <paramref name="MaxCount"/>.
/// The host checks them again on submit, with the accepted types (sniffed from the content).
/// </summary>
public sealed record IntakeAttachmentLimits(long MaxBytes, int MaxCount)
{
    /// <summary>The limits of a tenant that sets none.</summary>
    public static IntakeAttachmentLimits Default { get; } = new(IntakeLimits.AttachmentMaxBytes, IntakeLimits.AttachmentMaxCount);
}
