using System.Security.Claims;
using Complaints.Grains;
using Complaints.Storage;
using Complaints.Texts;

namespace Complaints.Api;

/// <summary>
/// Work on one case as its caller may do it: read it, the actions open to them, an action of the case-actions table,
/// the audited contact read. The API's endpoints and the workbench's case page both go through here, so both reach the
/// same grain with the same actor and get the same refusals.
/// </summary>
public sealed class CaseWork(IGrainFactory grains, IReplyAddresses addresses)
{
    public ICaseGrain Case(string tenant, string number) => grains.GetGrain<ICaseGrain>(CaseKey.Of(tenant, number));

    public Task<CaseOutcome> GetAsync(string tenant, string number, ClaimsPrincipal user) => Case(tenant, number).Get(user.Actor());

    /// <summary>The routes of the actions <paramref name="user"/> may take now (<see cref="CaseActions"/>' order).</summary>
    public Task<IReadOnlyList<string>> ActionsAsync(string tenant, string number, ClaimsPrincipal user) => Case(tenant, number).Actions(user.Actor());

    /// <summary>One action of <see cref="CaseActions"/>: the grain maps the request, the decider decides.</summary>
    public Task<CaseOutcome> ActAsync(string tenant, string number, CaseActionRequest request, ClaimsPrincipal user) =>
        Case(tenant, number).Act(request, user.Actor());

    /// <summary>
    /// The unmasked contact, the read (and <paramref name="reason"/>) recorded in the case's history. The case holds a
    /// WeChat OpenID masked; the full one is its reply address until an unsubscribe forgets it (then none is shown).
    /// </summary>
    public async Task<ContactOutcome> ReadContactAsync(string tenant, string number, ClaimsPrincipal user, string? reason = null, CancellationToken cancellationToken = default)
    {
        var outcome = await Case(tenant, number).ViewContact(user.Actor(), reason);
        if (outcome is not { Kind: OutcomeKind.Ok, Contact: { OpenId: { } masked } contact })
        {
            return outcome;
        }

        var address = await addresses.FindAsync(tenant, number, cancellationToken);
        return outcome with { Contact = contact with { OpenId = address is not null && ContactMask.IsOpenIdOf(masked, address) ? address : null } };
    }
}
