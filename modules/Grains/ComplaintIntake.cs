using System.Globalization;
using Complaints.Cases;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;

namespace Complaints.Grains;

/// <summary>The one way in for complaints, whatever the channel: idempotent on channel + external id.</summary>
public sealed class ComplaintIntake(IGrainFactory grains, ILedger ledger, TenantDirectory tenants, IAttachmentContents contents, TimeProvider time) : IComplaintIntake
{
    private static readonly ActorInfo System = new("system", Roles.System);

    public Task<CaseOutcome> RegisterAsync(string tenantId, RegisterComplaintRequest request, ActorInfo actor, CancellationToken cancellationToken = default) =>
        RegisterAsync(tenantId, request, [], actor, cancellationToken);

    public async Task<CaseOutcome> RegisterAsync(string tenantId, RegisterComplaintRequest request, IReadOnlyList<AttachmentUpload> files, ActorInfo actor, CancellationToken cancellationToken = default)
    {
        if (tenants.Find(tenantId) is not { } tenant)
        {
            return new CaseOutcome(OutcomeKind.NotFound, Message: actor.Read(new Text(TextKeys.Access.UnknownTenant, tenantId)));
        }

        // A channel's source (a 12345 order) cannot correct its item: a number nobody can be called back on is kept in the
        // content for the agent to read, and the item registered without it, instead of being refused and listed again forever.
        if (actor.Role == Roles.Channel)
        {
            request = CaseRequests.WithUnusablePhoneInContent(request);
        }

        // The files are described by what they are (sniffed) and their address; only the platform sets this.
        request = request with { Attachments = files.Count == 0 ? null : CaseAttachments.DescribeAll(files) };

        // Check the input (the files against the tenant's limits included) before a number is spent on it.
        var (command, refusal) = CaseRequests.ToRegister(tenantId, "", request);
        refusal ??= CaseDecider.ValidateRegistration(command!, CaseRequests.RulesOf(tenant), CaseRequests.ToActor(actor), time.GetUtcNow());
        if (refusal is not null)
        {
            return new CaseOutcome(refusal.Kind == RefusalKind.Forbidden ? OutcomeKind.Forbidden : OutcomeKind.Invalid, Message: actor.Read(refusal.Message), Field: refusal.Field);
        }

        var channel = command!.Channel.Trim();
        if (command.ExternalId is { } externalId
            && await ledger.FindByExternalIdAsync(tenantId, channel, externalId.Trim(), cancellationToken) is { } existing)
        {
            GrainsMetrics.Registered(tenantId, channel, duplicate: true);
            return await ExistingAsync(tenantId, existing);
        }

        if (command.RecomplaintOf is { } original
            && (await Complaint(tenantId, original.Trim()).Get(System)).Kind == OutcomeKind.NotFound)
        {
            return new CaseOutcome(OutcomeKind.Invalid, Message: actor.Read(new Text(TextKeys.Refusals.NoOriginal, original)), Field: "recomplaintOf");
        }

        // The contents are durable before the case refers to them: a crash in between leaves files nobody refers to.
        for (var i = 0; i < files.Count; i++)
        {
            await contents.PutAsync(files[i].Content, cancellationToken);
        }

        // China Standard Time: the year in a case number is the local year.
        var year = ChinaTime.Now(time).Year;
        var numbers = grains.GetGrain<ICaseNumberGrain>(CaseKey.Of(tenantId, year.ToString(CultureInfo.InvariantCulture)));
        var sequence = await numbers.Next();
        var number = CaseNumber.Of(tenant.NumberPrefix, year, sequence);
        CaseOutcome outcome;
        try
        {
            outcome = await Complaint(tenantId, number).Register(request, actor);
        }
        catch (Exception)
        {
            if ((await Complaint(tenantId, number).Get(System)).Kind == OutcomeKind.NotFound)
            {
                // Not registered after all: the number is given out again, so no gap is left.
                await numbers.GiveBack(sequence);
            }

            throw;
        }

        if (outcome.Kind is not (OutcomeKind.Created or OutcomeKind.Conflict))
        {
            // Refused or a duplicate: no case has the number (Conflict: one has it already, it is not ours to give back).
            await numbers.GiveBack(sequence);
        }

        if (outcome.Kind == OutcomeKind.Duplicate && outcome.Message is { } duplicateOf)
        {
            GrainsMetrics.Registered(tenantId, channel, duplicate: true);
            return await ExistingAsync(tenantId, duplicateOf);
        }

        if (outcome.Kind == OutcomeKind.Created)
        {
            GrainsMetrics.Registered(tenantId, channel, duplicate: false);
        }

        if (outcome.Kind == OutcomeKind.Created && command.RecomplaintOf is { } linkTo)
        {
            await Complaint(tenantId, linkTo.Trim()).LinkRecomplaint(number, System);
        }

        return outcome;
    }

    private async Task<CaseOutcome> ExistingAsync(string tenantId, string number)
    {
        var existing = await Complaint(tenantId, number).Get(System);
        return existing with { Kind = OutcomeKind.Duplicate };
    }

    private ICaseGrain Complaint(string tenantId, string number) => grains.GetGrain<ICaseGrain>(CaseKey.Of(tenantId, number));
}
