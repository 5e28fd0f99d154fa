using Complaints.Cases;
using Complaints.Tenants;
using Microsoft.Extensions.Configuration;

namespace Complaints.Grains;

/// <summary>
/// A tenant's limits on files, from <c>Tenants:{t}:Attachments</c>: <c>MaxBytes</c> (default 10 MiB), <c>MaxCount</c>
/// per case (default 20) and <c>Types</c>, the content types accepted as sniffed (default: image/jpeg, image/png,
/// image/gif, image/webp, application/pdf, audio/amr, audio/silk, audio/mpeg, audio/wav). Read once per tenant at start.
/// </summary>
internal sealed class AttachmentLimits
{
    public long? MaxBytes { get; set; }

    public int? MaxCount { get; set; }

    public List<string>? Types { get; set; }

    public static AttachmentRules Of(Tenant tenant)
    {
        var section = tenant.Configuration.GetSection("Attachments").Get<AttachmentLimits>();
        return section is null
            ? AttachmentRules.Default
            : new AttachmentRules(
                section.MaxBytes is > 0 and var bytes ? bytes : AttachmentRules.DefaultMaxBytes,
                section.MaxCount is >= 0 and var count ? count : AttachmentRules.DefaultMaxCount,
                section.Types is { Count: > 0 } types ? types.Select(t => t.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal) : AttachmentRules.DefaultTypes);
    }
}
