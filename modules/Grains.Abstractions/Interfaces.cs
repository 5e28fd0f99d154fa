namespace Complaints.Grains;

/// <summary>One case (a complaint, inquiry, suggestion… as registered). Key: <c>{tenant}/{number}</c> (see <see cref="CaseKey"/>).</summary>
[Alias("complaint")]
public interface ICaseGrain : IGrainWithStringKey
{
    [Alias("register")]
    Task<CaseOutcome> Register(RegisterComplaintRequest request, ActorInfo actor);

    [Alias("act")]
    Task<CaseOutcome> Act(CaseActionRequest action, ActorInfo actor);

    [Alias("get")]
    Task<CaseOutcome> Get(ActorInfo actor);

    /// <summary>The unmasked contact, recorded in the case's audit trail.</summary>
    [Alias("view-contact")]
    Task<ContactOutcome> ViewContact(ActorInfo actor);

    /// <summary>The unmasked contact, recorded in the case's audit trail with the reason the reader gave.</summary>
    [Alias("view-contact-because")]
    Task<ContactOutcome> ViewContact(ActorInfo actor, string? reason);

    /// <summary>
    /// The routes of the <see cref="CaseActions"/> <paramref name="actor"/> may take on the case as it stands (role,
    /// department, status: the decider's own guards), in the table's order; empty when the case is not visible.
    /// </summary>
    [Alias("actions")]
    Task<IReadOnlyList<string>> Actions(ActorInfo actor);

    /// <summary>Adds a file whose content is stored already: an <c>attachment-added</c> event and its metadata row.</summary>
    [Alias("attach")]
    Task<CaseOutcome> Attach(AttachRequest file, ActorInfo actor);

    /// <summary>Whether <see cref="Attach"/> would take the file now (decided as it would be, nothing written).</summary>
    [Alias("may-attach")]
    Task<CaseOutcome> MayAttach(AttachRequest file, ActorInfo actor);

    /// <summary>Records whatever warnings and breaches have fallen due, and re-arms the case's reminder.</summary>
    [Alias("wake")]
    Task Wake();

    /// <summary>Links a later complaint about the same matter to this one.</summary>
    [Alias("link-recomplaint")]
    Task<CaseOutcome> LinkRecomplaint(string newNumber, ActorInfo actor);
}

/// <summary>Gives out a tenant's case numbers for one year. Key: <c>{tenant}/{year}</c>.</summary>
[Alias("case-numbers")]
public interface ICaseNumberGrain : IGrainWithStringKey
{
    [Alias("next")]
    Task<long> Next();

    /// <summary>A number <see cref="Next"/> gave whose registration failed: given out again before any new one.</summary>
    [Alias("give-back")]
    Task GiveBack(long number);

    /// <summary>Activates the holder, which records the gap a crashed one left (called at start).</summary>
    [Alias("open")]
    Task Open();
}

/// <summary>Takes complaints in from every source (API, channel plugins): idempotent on channel + external id.</summary>
public interface IComplaintIntake
{
    Task<CaseOutcome> RegisterAsync(string tenant, RegisterComplaintRequest request, ActorInfo actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers an item with the files that came with it: checked first (type sniffed, the tenant's limits; a refusal
    /// names <c>attachments[i]</c> and stores nothing), stored durably, then registered with the case referring to them.
    /// A duplicate (same channel + external id) stores nothing and returns the existing case.
    /// </summary>
    Task<CaseOutcome> RegisterAsync(string tenant, RegisterComplaintRequest request, IReadOnlyList<AttachmentUpload> files, ActorInfo actor, CancellationToken cancellationToken = default);
}

public static class CaseKey
{
    public static string Of(string tenant, string number) => $"{tenant}/{number}";

    public static (string Tenant, string Number) Parse(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? throw new ArgumentException($"Bad complaint key '{key}'.", nameof(key)) : (key[..slash], key[(slash + 1)..]);
    }
}
