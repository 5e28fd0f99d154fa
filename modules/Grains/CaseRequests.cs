using System.Runtime.CompilerServices;
using Complaints.Cases;
using Complaints.Sla;
using Complaints.Tenants;
using Complaints.Texts;
using Microsoft.Extensions.Configuration;

namespace Complaints.Grains;

/// <summary>
/// Turns the registration request (strings, as users type them) into the state machine's typed command; the actions
/// on a case are mapped by <see cref="CaseActions"/>.
/// </summary>
internal static class CaseRequests
{
    public static (Register? Command, Refusal? Refusal) ToRegister(string tenant, string number, RegisterComplaintRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.Kind))
        {
            return (null, CaseActions.Required("kind"));
        }

        if (!Words.TryParse<ComplaintKind>(r.Kind, out var kind))
        {
            return (null, CaseActions.Unknown("kind", r.Kind, Words.All<ComplaintKind>()));
        }

        if (CaseActions.ParseTarget(r.Target, "target", out var target) is { } badTarget)
        {
            return (null, badTarget);
        }

        if (CaseActions.ParseFlags(r.Flags, "flags", out var flags) is { } badFlags)
        {
            return (null, badFlags);
        }

        var c = r.Complainant;
        if (InputText.Problem(c?.OpenId?.Trim(), InputLimits.OpenId) is { } badOpenId)
        {
            return (null, new Refusal(RefusalKind.Invalid, badOpenId, "complainant.openId"));
        }

        // The OpenID enters the case's events masked only: the full one is the reply address, which unsubscribe forgets.
        var complainant = c is null
            ? new Complainant(Anonymous: true)
            : new Complainant(Trim(c.Name), Trim(c.Phone), Trim(c.Address), Trim(c.AccountNo), c.Anonymous, Trim(c.Email), ContactMask.OpenId(Trim(c.OpenId)));
        return (new Register(
            tenant,
            number,
            r.Channel ?? "",
            kind,
            r.Content ?? "",
            r.Category,
            r.ReceivedAt,
            r.ExternalId,
            complainant,
            target,
            r.Location,
            r.RecomplaintOf,
            r.ExternalDeadline,
            flags,
            r.Responsible,
            r.Attachments is { Count: > 0 } files ? [.. files.Select(ToFile)] : null), null);
    }

    public static AttachmentFile ToFile(AttachRequest f) => new(f.Id, f.Name, f.ContentType, f.Size, f.Sha256);

    /// <summary>The request with a phone that <see cref="PhoneNumbers"/> refuses moved from the contact into the content.</summary>
    public static RegisterComplaintRequest WithUnusablePhoneInContent(RegisterComplaintRequest r) =>
        r.Complainant is { Phone: { } phone } complainant && !string.IsNullOrWhiteSpace(phone) && !PhoneNumbers.IsValid(phone)
            && InputText.Problem(phone, InputLimits.Phone) is null // a phone with control characters is refused, not carried into the content
            ? r with
            {
                Complainant = complainant with { Phone = null },
                Content = $"{r.Content}\n{new Text(TextKeys.Intake.UnusablePhone, phone.Trim()).In(PlatformTexts.Default)}",
            }
            : r;

    public static Actor ToActor(ActorInfo actor) =>
        Words.TryParse<Role>(actor.Role, out var role)
            ? new Actor(actor.User, role, actor.Department)
            : throw new ArgumentException($"Unknown role '{actor.Role}'.", nameof(actor));

    /// <summary>The tenant's rules for the decider, built once per tenant (the tenant's settings are read at start-up).</summary>
    public static CaseRules RulesOf(Tenant tenant) => Rules.GetValue(tenant, BuildRules);

    private static readonly ConditionalWeakTable<Tenant, CaseRules> Rules = new();

    /// <summary>The tenant's departments with a duty phone for staff SMS, read once per tenant.</summary>
    public static IReadOnlySet<string> SmsDepartmentsOf(Tenant tenant) => SmsDepartments.GetValue(tenant, t =>
    {
        // Tenants:{t}:Notifications:Sms:DutyPhones:{department}; Enabled=false turns them all off.
        var sms = t.Configuration.GetSection("Notifications:Sms");
        return string.Equals(sms["Enabled"], "false", StringComparison.OrdinalIgnoreCase)
            ? new HashSet<string>()
            : sms.GetSection("DutyPhones").GetChildren().Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
    });

    private static readonly ConditionalWeakTable<Tenant, IReadOnlySet<string>> SmsDepartments = new();

    private static CaseRules BuildRules(Tenant tenant) => new(
        tenant.Categories.Keys.ToHashSet(StringComparer.Ordinal),
        tenant.Departments.Keys.ToHashSet(StringComparer.Ordinal),
        tenant.ApprovalForAll,
        tenant.ApprovalChannels,
        tenant.Configuration.GetSection("Policy:Callback").Get<CallbackPolicy>()?.ToRule(),
        tenant.Channels.Keys.ToHashSet(StringComparer.Ordinal),
        tenant.Categories.Values.Where(c => c.Department is not null).ToDictionary(c => c.Id, c => c.Department!, StringComparer.Ordinal),
        tenant.Discipline is { } d ? new DisciplineRule(d.Department, d.ConductCategories) : null,
        AttachmentLimits.Of(tenant));

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
