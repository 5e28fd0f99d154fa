namespace Complaints.Cases;

public enum ComplaintKind { Complaint, Inquiry, Suggestion, Repair, Praise }

public enum CaseStatus { Registered, Accepted, PendingApproval, Dispatched, InProgress, Returned, Resolved, Closed, Rejected, Answered }

public enum Satisfaction { Satisfied, BasicallySatisfied, Unsatisfied }

public enum TargetType { Company, Department, Staff }

/// <summary>Who acts. Handlers belong to one department; channel and system actors are machines.</summary>
public enum Role { Agent, Supervisor, Leader, Admin, Handler, Channel, System }

public sealed record Actor(string User, Role Role, string? Department = null);

/// <summary>All fields optional: anonymous complaints are registered like any other (seed 002).</summary>
public sealed record Complainant(string? Name = null, string? Phone = null, string? Address = null, string? AccountNo = null, bool Anonymous = false)
{
    public Complainant Masked() => this with { Phone = PhoneMask.Mask(Phone) };
}

/// <summary>What the complaint is about: the company, a department, or a named staff member (seed 002).</summary>
public sealed record ComplaintTarget(TargetType Type, string? Name);

public sealed record PendingExtension(DateTimeOffset Until, string Reason, string RequestedBy, DateTimeOffset RequestedAt);

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

public static class PhoneMask
{
    /// <summary>
    /// 138****5678 for mobiles and longer numbers; a local number of 8 to 10 characters shows only its last 4
    /// (****5678); shorter ones only their last 2. At least four digits are always hidden.
    /// </summary>
    public static string? Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        var p = phone.Trim();
        return p.Length switch
        {
            >= 11 => string.Concat(p.AsSpan(0, 3), "****", p.AsSpan(p.Length - 4)),
            >= 8 => string.Concat("****", p.AsSpan(p.Length - 4)),
            <= 2 => new string('*', p.Length),
            _ => string.Concat(new string('*', p.Length - 2), p.AsSpan(p.Length - 2)),
        };
    }
}
