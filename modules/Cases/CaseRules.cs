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
}
