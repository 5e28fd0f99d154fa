namespace Complaints.Cases;

/// <summary>What a tenant's configuration tells the state machine.</summary>
public sealed record CaseRules(
    IReadOnlySet<string> Categories,
    IReadOnlySet<string> Departments,
    bool ApprovalForAll = false,
    IReadOnlySet<string>? ApprovalChannels = null,
    NotReachedPolicy? NotReached = null)
{
    /// <summary>Some tenants need a leader's approval before a transfer (seed 002; seed 004 for government platforms).</summary>
    public bool RequiresApproval(string channel) => ApprovalForAll || (ApprovalChannels?.Contains(channel) ?? false);
}

/// <summary>
/// When a customer who cannot be reached at the callback closes the case as not reached (seed 000 art. 12): at the
/// <see cref="Attempts"/>-th failed attempt, or at a failed attempt made <see cref="After"/> or longer after the
/// result. Both null (no policy): the case stays resolved until the customer is reached.
/// </summary>
public sealed record NotReachedPolicy(int? Attempts, TimeSpan? After)
{
    /// <summary>Whether the <paramref name="attempt"/>-th failed attempt, made at <paramref name="now"/>, closes the case.</summary>
    public bool GivesUp(int attempt, DateTimeOffset? resolvedAt, DateTimeOffset now) =>
        attempt >= Attempts || (After is { } after && resolvedAt is { } at && now - at >= after);
}
