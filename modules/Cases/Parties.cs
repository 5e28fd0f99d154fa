namespace Complaints.Cases;

public sealed record Actor(string User, Role Role, string? Department = null);

/// <summary>All fields optional: anonymous complaints are registered like any other (seed 002).</summary>
public sealed record Complainant(string? Name = null, string? Phone = null, string? Address = null, string? AccountNo = null, bool Anonymous = false)
{
    public Complainant Masked() => this with { Phone = PhoneMask.Mask(Phone) };
}

/// <summary>What the complaint is about: the company, a department, or a named staff member (seed 002).</summary>
public sealed record ComplaintTarget(TargetType Type, string? Name);
