using Complaints.Texts;

namespace Complaints.Cases;

public sealed record Actor(string User, Role Role, string? Department = null)
{
    /// <summary>The user name a channel plugin acts under (<c>channel:wechat</c>).</summary>
    public static string OfChannel(string channel) => $"channel:{channel}";

    /// <summary>The user name the platform itself acts under.</summary>
    public const string SystemUser = "system";
}

/// <summary>Who the people of a case are.</summary>
public static class Parties
{
    /// <summary>A machine (a channel plugin or the system) registered the item: no person has owned it yet.</summary>
    public static bool IsMachine(string user) => user == Actor.SystemUser || user.StartsWith("channel:", StringComparison.Ordinal);

    /// <summary>
    /// Who may read a case's contact (the unmasked phone, and phones typed into its free text): the desk (agents,
    /// supervisors), who call back, and the handlers of the department holding it, who may have to call on site.
    /// Leaders, administrators and other departments see phones masked.
    /// </summary>
    public static bool MayReadContact(Role role, string? department, string? caseDepartment) =>
        role is Role.Agent or Role.Supervisor || (role == Role.Handler && department is not null && department == caseDepartment);

    /// <summary>
    /// Who may add a file (a photo, a scan) to a case they can see (<see cref="CaseDecider.CanView"/>: a handler only its
    /// department's cases, which also bounds who reads the files): the staff who act on cases and the channels that bring
    /// items in; the platform operator is no party to a tenant's cases.
    /// </summary>
    public static bool MayAddFiles(Role role) =>
        role is Role.Agent or Role.Supervisor or Role.Handler or Role.Leader or Role.Admin or Role.Channel or Role.System;
}

/// <summary>
/// All fields optional: anonymous complaints are registered like any other (seed 002). <see cref="Email"/> is a contact
/// like the phone. <see cref="OpenId"/> is held masked (<see cref="ContactMask.OpenId"/>) in the case's events: the full
/// OpenID is the case's reply address, kept apart from the case so that a WeChat <c>unsubscribe</c> forgets it.
/// </summary>
public sealed record Complainant(string? Name = null, string? Phone = null, string? Address = null, string? AccountNo = null, bool Anonymous = false, string? Email = null, string? OpenId = null)
{
    public Complainant Masked() => this with { Phone = PhoneMask.Mask(Phone), Email = ContactMask.Email(Email) };
}

/// <summary>What the complaint is about: the company, a department, or a named staff member (seed 002).</summary>
public sealed record ComplaintTarget(TargetType Type, string? Name);
