using System.Runtime.CompilerServices;
using Complaints.Cases;
using Complaints.Sla;
using Complaints.Tenants;
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
        var complainant = c is null
            ? new Complainant(Anonymous: true)
            : new Complainant(Trim(c.Name), Trim(c.Phone), Trim(c.Address), Trim(c.AccountNo), c.Anonymous);
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
            r.Responsible), null);
    }

    public static Actor ToActor(ActorInfo actor) =>
        Words.TryParse<Role>(actor.Role, out var role)
            ? new Actor(actor.User, role, actor.Department)
            : throw new ArgumentException($"Unknown role '{actor.Role}'.", nameof(actor));

    public static CaseRules RulesOf(Tenant tenant) => new(
        tenant.Categories.Keys.ToHashSet(StringComparer.Ordinal),
        tenant.Departments.Keys.ToHashSet(StringComparer.Ordinal),
        tenant.ApprovalForAll,
        tenant.ApprovalChannels,
        NotReached.GetValue(tenant, t => new StrongBox<NotReachedPolicy?>(t.Configuration.GetSection("Policy:Callback").Get<CallbackPolicy>()?.ToRule())).Value);

    /// <summary>Each tenant's not-reached rule (Tenants:{tenant}:Policy:Callback), read once; validated with the rest of the policy at start-up.</summary>
    private static readonly ConditionalWeakTable<Tenant, StrongBox<NotReachedPolicy?>> NotReached = new();

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
