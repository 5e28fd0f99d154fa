namespace Complaints.Cases;

/// <summary>What a tenant's configuration tells the state machine.</summary>
public sealed record CaseRules(
    IReadOnlySet<string> Categories,
    IReadOnlySet<string> Departments,
    bool ApprovalForAll = false,
    IReadOnlySet<string>? ApprovalChannels = null)
{
    /// <summary>Some tenants need a leader's approval before a transfer (seed 002; seed 004 for government platforms).</summary>
    public bool RequiresApproval(string channel) => ApprovalForAll || (ApprovalChannels?.Contains(channel) ?? false);

    /// <summary>
    /// Whether items from <paramref name="channel"/> can be handed back to the platform that sent them (12345 退单): a
    /// government hotline platform takes back what was routed to the wrong company.
    /// </summary>
    public static bool ReturnsToSource(string channel) => channel == "gov-12345";
}
